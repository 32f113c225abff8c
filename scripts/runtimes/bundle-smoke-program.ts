/**
 * Turns the TypeScript smoke program into what each runtime loads, always against the packages' built dist/:
 * - a scratch app whose node_modules links @textgen/sdk, every vendor package of the registry and
 *   @textgen/ai-sdk-provider to the workspace packages and ai and zod to their installed copies (as an install would
 *   place them), with smoke.mjs importing them by name, for Node, Bun and Deno to resolve on their own;
 * - one self-contained ESM bundle for workerd and one for Chromium, which have no module resolution of their own.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVendorExamples } from '../vendor-examples';
import { smokeVendorPlan } from './expected-smoke-results';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const runtimesFolder = fileURLToPath(new URL('.', import.meta.url));
const smokeFolder = join(runtimesFolder, 'smoke');

/** The slice of esbuild's API used here; esbuild comes from tsx's dependencies, so the root has no types for it. */
interface Esbuild {
  version: string;
  build(options: {
    entryPoints: string[];
    outfile: string;
    bundle: true;
    platform: 'neutral' | 'browser';
    format: 'esm';
    target: string;
    tsconfig: string;
    external?: string[];
    alias?: Record<string, string>;
    nodePaths?: string[];
    conditions?: string[];
    mainFields?: string[];
    metafile: true;
    logLevel: 'silent';
  }): Promise<{ metafile: { inputs: Record<string, unknown> } }>;
}

/** As scripts/bench does: pnpm links esbuild next to tsx's real folder, not into the root node_modules. */
function loadEsbuild(): Esbuild {
  const tsxFolder = realpathSync(join(repositoryRoot, 'node_modules', 'tsx'));
  return createRequire(join(tsxFolder, 'package.json'))('esbuild') as Esbuild;
}

export interface SmokeBundles {
  scratchFolder: string;
  /** For Node, Bun and Deno: an ESM file that imports `@textgen/*` and `ai` from its node_modules. */
  processEntry: string;
  /** A module worker (`export default { fetch }`) with everything bundled. */
  workerScript: string;
  /** A folder with index.html and smoke.js, which sets `globalThis.textgenSmoke`. */
  browserFolder: string;
  esbuildVersion: string;
}

const vendors = readVendorExamples();
/** Package folders, named as their `@textgen/<folder>` packages are. */
const linkedPackages = ['sdk', ...vendors.map((vendor) => vendor.id), 'ai-sdk-provider'];
/**
 * The AI SDK's packages, which a user installs next to @textgen/ai-sdk-provider; taken from its devDependencies (the
 * versions its own tests run), linked to their real pnpm folders so their own dependencies resolve beside them.
 */
const aiSDKPackages = ['ai', 'zod'] as const;

/** Fails when a bundle took a package's src/ instead of its dist/ (a tsconfig `paths` slipping in would do that). */
function assertBuiltInputs(options: { bundle: string; inputs: string[] }): void {
  for (const packageName of linkedPackages) {
    const distEntry = `packages/${packageName}/dist/index.mjs`;
    if (!options.inputs.includes(distEntry)) {
      throw new Error(
        `The ${options.bundle} bundle lacks ${distEntry} (run the build first); it holds:\n` +
          options.inputs.join('\n'),
      );
    }
  }
  const fromSource = options.inputs.filter((input) => /^packages\/[^/]+\/src\//.test(input));
  if (fromSource.length > 0)
    throw new Error(`The ${options.bundle} bundle took package sources:\n${fromSource.join('\n')}`);
}

export async function bundleSmokeProgram(): Promise<SmokeBundles> {
  const esbuild = loadEsbuild();
  const scratchFolder = await mkdtemp(join(tmpdir(), 'textgen-runtimes-'));
  try {
    return await bundleInto({ esbuild, scratchFolder });
  } catch (error) {
    await rm(scratchFolder, { recursive: true, force: true });
    throw error;
  }
}

async function bundleInto({
  esbuild,
  scratchFolder,
}: {
  esbuild: Esbuild;
  scratchFolder: string;
}): Promise<SmokeBundles> {
  const appFolder = join(scratchFolder, 'app');
  const nodeModules = join(appFolder, 'node_modules');
  await mkdir(join(nodeModules, '@textgen'), { recursive: true });
  for (const packageName of linkedPackages) {
    await symlink(join(repositoryRoot, 'packages', packageName), join(nodeModules, '@textgen', packageName), 'dir');
  }
  for (const packageName of aiSDKPackages) {
    const installed = join(repositoryRoot, 'packages', 'ai-sdk-provider', 'node_modules', packageName);
    if (!existsSync(installed)) throw new Error(`${installed} is missing: run pnpm install first.`);
    await symlink(realpathSync(installed), join(nodeModules, packageName), 'dir');
  }
  // "type": "module" so every runtime reads smoke.mjs's neighbours as ESM; Deno also needs a package.json to use
  // this node_modules folder ("bring your own node_modules").
  await writeFile(
    join(appFolder, 'package.json'),
    `${JSON.stringify({ name: 'textgen-runtime-smoke', private: true, type: 'module' })}\n`,
  );

  // The smoke program's vendors (smoke/smoke-vendors.d.ts): each package's factory imported by name, and what to ask
  // it.
  const vendorsModule = join(scratchFolder, 'smoke-vendors.mjs');
  await writeFile(
    vendorsModule,
    [
      ...vendors.map((vendor, index) => `import { ${vendor.factory} as create${index} } from '${vendor.packageName}';`),
      'export const smokeVendors = [',
      ...vendors.map((vendor, index) => `  { ...${JSON.stringify(smokeVendorPlan(vendor))}, create: create${index} },`),
      '];',
      '',
    ].join('\n'),
  );

  const tsconfig = join(runtimesFolder, 'tsconfig.json');
  const shared = {
    alias: { 'textgen-smoke-vendors': vendorsModule },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    tsconfig,
    metafile: true,
    logLevel: 'silent',
  } as const;
  const inputsOf = (result: { metafile: { inputs: Record<string, unknown> } }) =>
    Object.keys(result.metafile.inputs).map((input) => relative(repositoryRoot, resolve(input)));

  const processEntry = join(appFolder, 'smoke.mjs');
  // Only the smoke program's own files go in; the runtime itself resolves @textgen/*, ai and zod through
  // node_modules.
  await esbuild.build({
    ...shared,
    entryPoints: [join(smokeFolder, 'process-entry.ts')],
    outfile: processEntry,
    platform: 'neutral',
    external: ['@textgen/*', ...aiSDKPackages],
  });

  // The conditions wrangler uses for Workers; the packages only declare import/require, so this is what a Workers
  // user's bundler would pick.
  const workerScript = join(scratchFolder, 'worker', 'worker.mjs');
  const workerBuild = await esbuild.build({
    ...shared,
    entryPoints: [join(smokeFolder, 'worker-entry.ts')],
    outfile: workerScript,
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    nodePaths: [nodeModules],
  });
  assertBuiltInputs({ bundle: 'worker', inputs: inputsOf(workerBuild) });

  const browserFolder = join(scratchFolder, 'browser');
  const browserBuild = await esbuild.build({
    ...shared,
    entryPoints: [join(smokeFolder, 'browser-entry.ts')],
    outfile: join(browserFolder, 'smoke.js'),
    platform: 'browser',
    nodePaths: [nodeModules],
  });
  assertBuiltInputs({ bundle: 'browser', inputs: inputsOf(browserBuild) });
  await writeFile(
    join(browserFolder, 'index.html'),
    [
      '<!doctype html>',
      '<meta charset="utf-8">',
      '<title>textgen runtime smoke</title>',
      '<script type="module" src="smoke.js"></script>',
      '',
    ].join('\n'),
  );

  return { scratchFolder, processEntry, workerScript, browserFolder, esbuildVersion: esbuild.version };
}
