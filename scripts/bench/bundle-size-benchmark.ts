import { mkdtempSync, mkdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sizeRow, type ComparisonRow } from './comparison-row';
import { repositoryRoot } from './load-built-packages';

/** The slice of esbuild's API used here; esbuild comes from tsx's dependencies, so the root has no types for it. */
interface Esbuild {
  version: string;
  build(options: {
    stdin: { contents: string; resolveDir: string; sourcefile: string; loader: 'js' };
    absWorkingDir: string;
    tsconfig: string;
    bundle: true;
    minify: true;
    platform: 'browser';
    format: 'esm';
    target: string;
    write: false;
    metafile: true;
    logLevel: 'silent';
  }): Promise<{ outputFiles: Array<{ contents: Uint8Array }>; metafile: { inputs: Record<string, unknown> } }>;
}

/**
 * esbuild is installed as tsx's dependency, not the root's. pnpm links it next to tsx's real folder, so resolve from
 * there (the root node_modules/tsx is a symlink, and createRequire does not follow it).
 */
export function loadEsbuild(): Esbuild {
  const tsxFolder = realpathSync(join(repositoryRoot, 'node_modules', 'tsx'));
  return createRequire(join(tsxFolder, 'package.json'))('esbuild') as Esbuild;
}

export interface BundleMeasurement {
  name: string;
  raw: number;
  gzip: number;
  inputs: string[];
}

interface BundleEntry {
  name: string;
  /** The app's import, re-exported so the bundler keeps what an app would call. */
  source: string;
  /** The folder of the package in this repository, linked into the scratch app's node_modules. */
  packageFolder: string;
  /** The folder name under node_modules. */
  packageName: string;
}

/**
 * What a browser app ships for each client: a scratch app folder whose node_modules links to the packages exactly as
 * an install would, bundled by esbuild for the browser (bundle, minify, ESM) and then gzipped (node:zlib, level 9).
 * Linking the package folder, not its entry file, means esbuild resolves `exports` as it would in a real app.
 */
export async function runBundleSizeBenchmark(): Promise<{ rows: ComparisonRow[]; esbuildVersion: string; measurements: BundleMeasurement[] }> {
  const esbuild = loadEsbuild();
  const entries: BundleEntry[] = [
    {
      name: '@textgen/aitre',
      source: "export { createAitre } from '@textgen/aitre';",
      packageFolder: join(repositoryRoot, 'packages', 'aitre'),
      packageName: '@textgen/aitre',
    },
    {
      name: 'openai SDK',
      source: "export { default as OpenAI } from 'openai';",
      packageFolder: realpathSync(join(repositoryRoot, 'node_modules', 'openai')),
      packageName: 'openai',
    },
    {
      name: 'openapi-fetch',
      source: "export { default as createClient } from 'openapi-fetch';",
      packageFolder: realpathSync(join(repositoryRoot, 'packages', 'core', 'node_modules', 'openapi-fetch')),
      packageName: 'openapi-fetch',
    },
  ];
  const scratchApp = mkdtempSync(join(tmpdir(), 'textgen-bench-bundle-'));
  try {
    for (const entry of entries) {
      const link = join(scratchApp, 'node_modules', entry.packageName);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(entry.packageFolder, link, 'dir');
    }
    const measurements: BundleMeasurement[] = [];
    for (const entry of entries) {
      const result = await esbuild.build({
        stdin: { contents: entry.source, resolveDir: scratchApp, sourcefile: 'app.js', loader: 'js' },
        absWorkingDir: repositoryRoot,
        // Without an explicit tsconfig, esbuild finds packages/core/tsconfig.json and follows its `paths` to src.
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
      measurements.push({
        name: entry.name,
        raw: output.contents.byteLength,
        gzip: gzipSync(output.contents, { level: 9 }).byteLength,
        inputs: Object.keys(result.metafile.inputs),
      });
    }
    const [ours, openai, floor] = measurements;
    // The size must be the build's: a bundle that pulled TypeScript sources would not be what the package ships.
    const oursInputs = ours!.inputs;
    if (!oursInputs.some((input) => input.endsWith('packages/aitre/dist/index.mjs')) || oursInputs.some((input) => input.includes('/src/'))) {
      throw new Error(`The @textgen/aitre bundle did not come from dist output: ${oursInputs.join(', ')}`);
    }
    const rows = [
      sizeRow({ benchmark: 'Browser bundle, minified', ours: { name: ours!.name, bytes: ours!.raw }, peer: { name: openai!.name, bytes: openai!.raw } }),
      sizeRow({ benchmark: 'Browser bundle, min+gzip', ours: { name: ours!.name, bytes: ours!.gzip }, peer: { name: openai!.name, bytes: openai!.gzip } }),
      sizeRow({ benchmark: 'Browser bundle, minified (vs floor)', ours: { name: ours!.name, bytes: ours!.raw }, peer: { name: floor!.name, bytes: floor!.raw } }),
      sizeRow({ benchmark: 'Browser bundle, min+gzip (vs floor)', ours: { name: ours!.name, bytes: ours!.gzip }, peer: { name: floor!.name, bytes: floor!.gzip } }),
    ];
    return { rows, esbuildVersion: esbuild.version, measurements };
  } finally {
    rmSync(scratchApp, { recursive: true, force: true });
  }
}
