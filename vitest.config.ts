import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The one vitest config of the workspace. Its projects are found, not listed: every `packages/<folder>` with a `test`
 * folder gets a unit project (`<folder>`) and, where it has dist tests, a dist project (`<folder>-dist`); the root
 * tests of the pipeline (scripts/test) are the `scripts` project. A package's `test` script runs its own two projects
 * (`vitest run -c ../../vitest.config.ts --project <folder> --project <folder>-dist`), so turbo still builds first and
 * caches per package. What differs between packages is a file the package has, not a line here:
 * - `*.test-d.ts` under `src/` or `test/`: type-level tests, checked by tsc in the unit project (typecheck mode);
 * - `test/setup/*.ts`: setup files of the unit project (besides scripts/vitest/fail-on-unhandled-rejections.ts, which
 *   every unit project has);
 * - `test/support/require-built-packages.ts`: the dist project's global setup, naming any built package that is
 * missing.
 */
const repositoryRoot = fileURLToPath(new URL('.', import.meta.url));
const packagesFolder = join(repositoryRoot, 'packages');

interface PackageManifest {
  name?: string;
  exports?: Record<string, unknown>;
}

const packageFolders = readdirSync(packagesFolder, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(packagesFolder, entry.name, 'package.json')))
  .map((entry) => entry.name)
  .sort();

function readManifest(folder: string): PackageManifest {
  return JSON.parse(readFileSync(join(packagesFolder, folder, 'package.json'), 'utf8')) as PackageManifest;
}

/**
 * `@textgen/<name>` and each of its subpath entries (`@textgen/sdk/adapters`) to the TypeScript source: tests run
 * against the sources of sibling packages, so a change in core is seen by every vendor test without a build step.
 * A subpath `./x` is built from `src/x.ts` or `src/x/index.ts`, so its source is found from the exports map.
 */
function sourceAliasesOf(folder: string): Record<string, string> {
  const manifest = readManifest(folder);
  const aliases: Record<string, string> = {};
  const indexPath = join(packagesFolder, folder, 'src', 'index.ts');
  if (manifest.name === undefined || !existsSync(indexPath)) return aliases;
  for (const subpath of Object.keys(manifest.exports ?? {})) {
    if (subpath === '.' || subpath === './package.json') continue;
    const name = subpath.slice('./'.length);
    const sourcePath = [
      join(packagesFolder, folder, 'src', `${name}.ts`),
      join(packagesFolder, folder, 'src', name, 'index.ts'),
    ].find(existsSync);
    if (sourcePath !== undefined) aliases[`${manifest.name}/${name}`] = sourcePath;
  }
  aliases[manifest.name] = indexPath;
  return aliases;
}

// Subpath entries come first: an alias also matches `<name>/<subpath>`, so `@textgen/sdk` would take them over.
const allAliases = packageFolders.map(sourceAliasesOf);
export const sourceAliases: Record<string, string> = Object.fromEntries([
  ...allAliases.flatMap((aliases) => Object.entries(aliases).filter(([name]) => name.split('/').length > 2)),
  ...allAliases.flatMap((aliases) => Object.entries(aliases).filter(([name]) => name.split('/').length === 2)),
]);

function listFiles(folder: string, suffix: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith(suffix));
}

const distTestPattern = 'test/*dist.test.ts';
// Every unit project fails a test that leaves a promise rejection unhandled (scripts/vitest/).
const unhandledRejectionsSetup = join(repositoryRoot, 'scripts', 'vitest', 'fail-on-unhandled-rejections.ts');

function packageProjects(folder: string): TestProjectInlineConfiguration[] {
  const root = join(packagesFolder, folder);
  if (!existsSync(join(root, 'test'))) return [];
  const hasTypeTests = [join(root, 'src'), join(root, 'test')].some(
    (folder) => listFiles(folder, '.test-d.ts').length > 0,
  );
  const setupFiles = listFiles(join(root, 'test', 'setup'), '.ts').map((name) => join(root, 'test', 'setup', name));
  const unit: TestProjectInlineConfiguration = {
    resolve: { alias: sourceAliases },
    test: {
      name: folder,
      root,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // The dist tests need a fresh build; they are their own project.
      exclude: [...configDefaults.exclude, distTestPattern],
      testTimeout: 20_000,
      unstubEnvs: true,
      restoreMocks: true,
      setupFiles: [unhandledRejectionsSetup, ...setupFiles],
      // Type-level tests are never executed: typecheck mode runs tsc over them alongside the runtime tests, so a
      // broken overload fails `vitest run` (they are in the package's tsconfig too, so `pnpm typecheck` fails as well).
      ...(hasTypeTests
        ? {
            typecheck: {
              enabled: true,
              include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
              tsconfig: join(root, 'tsconfig.json'),
            },
          }
        : {}),
    },
  };
  if (listFiles(join(root, 'test'), 'dist.test.ts').length === 0) return [unit];
  const globalSetup = join(root, 'test', 'support', 'require-built-packages.ts');
  const dist: TestProjectInlineConfiguration = {
    // Against the built packages: no source aliases, so `@textgen/core` inside a dist resolves as a user's install
    // would, to its own dist/. Only the mocks, a test tool and not a dependency, come from their sources.
    resolve: {
      alias: {
        '@textgen/mocks/testing': join(packagesFolder, 'mocks', 'src', 'testing', 'index.ts'),
        '@textgen/mocks': join(packagesFolder, 'mocks', 'src', 'index.ts'),
      },
    },
    test: {
      name: `${folder}-dist`,
      root,
      include: [distTestPattern],
      testTimeout: 30_000,
      globalSetup: existsSync(globalSetup) ? [globalSetup] : [],
    },
  };
  return [unit, dist];
}

export default defineConfig({
  test: {
    projects: [
      ...packageFolders.flatMap(packageProjects),
      // The pipeline itself: the generated files against the specs, the scripts' own logic.
      { test: { name: 'scripts', root: repositoryRoot, include: ['scripts/test/**/*.test.ts'], testTimeout: 60_000 } },
    ],
  },
});
