import { existsSync, mkdtempSync, mkdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, version as esbuildVersion } from 'esbuild';
import { vendorRegistry } from '../../packages/mocks/src/generated/vendor-registry';

/** The repository root, two folders above this file. */
const repositoryRoot = join(import.meta.dirname, '..', '..');

export type BundleKind = 'vendor client' | 'facade' | 'peer';

/** The peer bundle of openapi-fetch and eventsource-parser together, what core cannot do without. */
export const librariesBundleName = 'openapi-fetch + eventsource-parser';

export interface BundleEntry {
  name: string;
  kind: BundleKind;
  /** The app's import, re-exported so the bundler keeps what an app would call. */
  source: string;
  /** The package folder, linked into the scratch app's node_modules under `packageName`. */
  packageFolder: string;
  packageName: string;
  /** Files (relative to the repository) the bundle must contain: proof that it was built from dist, and whole. */
  requiredInputs: string[];
}

export interface BundleSize {
  name: string;
  kind: BundleKind;
  source: string;
  minifiedBytes: number;
  gzipBytes: number;
  modules: number;
}

/**
 * One vendor client per vendor of the registry (its spec's `x-textgen-client.factory`), the facade, and the peers:
 * openai, openapi-fetch, and openapi-fetch with eventsource-parser.
 */
export function listBundleEntries(): BundleEntry[] {
  const vendorEntries: BundleEntry[] = vendorRegistry.map((vendor) => ({
    name: vendor.packageName,
    kind: 'vendor client',
    source: `export { ${vendor.factory} } from '${vendor.packageName}';`,
    packageFolder: join(repositoryRoot, 'packages', vendor.id),
    packageName: vendor.packageName,
    requiredInputs: [`packages/${vendor.id}/dist/index.mjs`, 'packages/core/dist/index.mjs'],
  }));
  return [
    ...vendorEntries,
    {
      name: '@textgen/sdk',
      kind: 'facade',
      // The whole public surface: generateText/streamText with their default providers (every vendor), the
      // factories and the error classes it re-exports.
      source: "export * from '@textgen/sdk';",
      packageFolder: join(repositoryRoot, 'packages', 'sdk'),
      packageName: '@textgen/sdk',
      requiredInputs: [
        'packages/sdk/dist/index.mjs',
        ...vendorRegistry.map((vendor) => `packages/${vendor.id}/dist/index.mjs`),
      ],
    },
    {
      name: 'openai',
      kind: 'peer',
      source: "export { default as OpenAI } from 'openai';",
      packageFolder: realpathSync(join(repositoryRoot, 'node_modules', 'openai')),
      packageName: 'openai',
      requiredInputs: [],
    },
    {
      name: 'openapi-fetch',
      kind: 'peer',
      source: "export { default as createClient } from 'openapi-fetch';",
      packageFolder: realpathSync(join(repositoryRoot, 'node_modules', 'openapi-fetch')),
      packageName: 'openapi-fetch',
      requiredInputs: [],
    },
    {
      // The two libraries core is built on and must ship, alone: the floor under every vendor client's size. It
      // imports openapi-fetch through the link the entry above makes.
      name: librariesBundleName,
      kind: 'peer',
      source:
        "export { default as createClient } from 'openapi-fetch'; export { createParser } from 'eventsource-parser';",
      packageFolder: realpathSync(join(repositoryRoot, 'packages', 'core', 'node_modules', 'eventsource-parser')),
      packageName: 'eventsource-parser',
      requiredInputs: [],
    },
  ];
}

/**
 * What a browser app ships for each entry: a scratch app folder whose node_modules links to the packages exactly as an
 * install would, bundled by esbuild for the browser (bundle, minify, ESM, es2022), then gzipped (node:zlib, level 9).
 * Linking the package folder, not its entry file, means esbuild resolves `exports` as it would in a real app.
 */
export async function measureBundleSizes(
  entries: readonly BundleEntry[],
): Promise<{ esbuild: string; sizes: BundleSize[] }> {
  const scratchApp = mkdtempSync(join(tmpdir(), 'textgen-bundle-size-'));
  try {
    for (const entry of entries) {
      const link = join(scratchApp, 'node_modules', entry.packageName);
      mkdirSync(dirname(link), { recursive: true });
      if (!existsSync(link)) symlinkSync(entry.packageFolder, link, 'dir');
    }
    const sizes: BundleSize[] = [];
    for (const entry of entries) {
      const result = await build({
        stdin: { contents: entry.source, resolveDir: scratchApp, sourcefile: 'app.js', loader: 'js' },
        absWorkingDir: repositoryRoot,
        // Without an explicit tsconfig, esbuild finds packages/*/tsconfig.json and follows its `paths` to src.
        tsconfig: join(repositoryRoot, 'scripts', 'bench', 'tsconfig.json'),
        bundle: true,
        minify: true,
        platform: 'browser',
        format: 'esm',
        target: 'es2022',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const output = result.outputFiles[0];
      if (output === undefined) throw new Error(`esbuild produced no output for ${entry.name}.`);
      const inputs = Object.keys(result.metafile.inputs);
      // The size must be the build's: a bundle that pulled TypeScript sources is not what the package ships.
      const missing = entry.requiredInputs.filter((required) => !inputs.includes(required));
      const sources = inputs.filter((input) => input.startsWith('packages/') && input.includes('/src/'));
      if (missing.length > 0 || sources.length > 0) {
        throw new Error(
          `The ${entry.name} bundle is not the built packages: missing ${missing.join(', ') || 'nothing'}, ` +
            `sources ${sources.join(', ') || 'none'}. Build with \`turbo run build --filter=@textgen/sdk...\`.`,
        );
      }
      sizes.push({
        name: entry.name,
        kind: entry.kind,
        source: entry.source,
        minifiedBytes: output.contents.byteLength,
        gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
        modules: inputs.length,
      });
    }
    return { esbuild: esbuildVersion, sizes };
  } finally {
    rmSync(scratchApp, { recursive: true, force: true });
  }
}
