/**
 * Bundles the browser demo (index.html + main.ts, which imports the @textgen/sdk facade) with esbuild for the browser.
 * `pnpm --filter @textgen/docs build:browser-demo` writes docs/site/browser-demo/; the browser test builds into a temp
 * folder with `buildBrowserDemo`.
 *
 * The build fails when anything in the bundle imports a Node built-in: the vendor clients are meant to run unchanged
 * in a browser (fetch + ReadableStream only), so a `node:` import slipping into the facade is a bug to surface here.
 */
import { builtinModules } from 'node:module';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { browserDemoCallsName } from './browser-demo-calls';
import { readBrowserDemoCalls } from './read-browser-demo-calls';

const demoFolder = fileURLToPath(new URL('.', import.meta.url));
const repositoryRoot = resolve(demoFolder, '..', '..');
export const defaultBrowserDemoOutputFolder = join(demoFolder, '..', 'site', 'browser-demo');

/** `node:http`, and the bare names (`http`, `fs/promises`) that Node also resolves to built-ins. */
const nodeBuiltinNames = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const nodeBuiltinFilter = /^(node:.*|[a-z_]+(\/[a-z_]+)?)$/;

interface NodeImport {
  path: string;
  importer: string;
}

/**
 * Records every import of a Node built-in instead of letting esbuild's browser platform error on the first one, so the
 * failure lists them all with their importers.
 */
function rejectNodeBuiltins(found: NodeImport[]): Plugin {
  return {
    name: 'reject-node-builtins',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: nodeBuiltinFilter }, (arguments_) => {
        if (!nodeBuiltinNames.has(arguments_.path) && !arguments_.path.startsWith('node:')) return undefined;
        found.push({ path: arguments_.path, importer: relative(repositoryRoot, arguments_.importer) });
        return { path: arguments_.path, external: true };
      });
    },
  };
}

export interface BrowserBundle {
  /** Repository-relative paths of every source file in the bundle. */
  bundledInputs: string[];
  bundleBytes: number;
}

/** Bundles one entry point for the browser into `outfile`; rejects when the bundle would import a Node built-in. */
export async function bundleForBrowser({
  entryPoint,
  outfile,
  define = {},
}: {
  entryPoint: string;
  outfile: string;
  /** Identifiers replaced by JSON values at build time (esbuild `define`). */
  define?: Record<string, string>;
}): Promise<BrowserBundle> {
  const nodeImports: NodeImport[] = [];
  const failOnNodeImports = (cause?: unknown): void => {
    if (nodeImports.length === 0) return;
    const listed = nodeImports
      .map((nodeImport) => `  ${nodeImport.path} (imported by ${nodeImport.importer})`)
      .join('\n');
    throw new Error(
      `The browser bundle of ${relative(repositoryRoot, entryPoint)} imports Node built-ins, which a browser does not have:\n${listed}`,
      {
        cause,
      },
    );
  };
  const result = await build({
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    // No tsconfig `paths`: `@textgen/*` resolves to each package's built dist/, what users install (turbo builds the
    // packages before this test).
    tsconfig: join(demoFolder, 'tsconfig.bundle.json'),
    sourcemap: true,
    define,
    metafile: true,
    logLevel: 'silent',
    plugins: [rejectNodeBuiltins(nodeImports)],
  }).catch((error: unknown) => {
    // Node-only code usually breaks the build in other ways too (msw/node's subpath imports); name the built-ins first.
    failOnNodeImports(error);
    throw error;
  });
  failOnNodeImports();
  return {
    bundledInputs: Object.keys(result.metafile.inputs).map((input) => relative(repositoryRoot, resolve(input))),
    bundleBytes: (await stat(outfile)).size,
  };
}

export interface BuiltBrowserDemo extends BrowserBundle {
  outputFolder: string;
}

export async function buildBrowserDemo({
  outputFolder = defaultBrowserDemoOutputFolder,
}: { outputFolder?: string } = {}): Promise<BuiltBrowserDemo> {
  await mkdir(outputFolder, { recursive: true });
  const bundle = await bundleForBrowser({
    entryPoint: join(demoFolder, 'main.ts'),
    outfile: join(outputFolder, 'main.js'),
    define: { [browserDemoCallsName]: JSON.stringify(readBrowserDemoCalls()) },
  });
  if (!bundle.bundledInputs.includes('packages/sdk/dist/index.mjs')) {
    throw new Error(
      `The bundle does not hold packages/sdk/dist/index.mjs (run \`pnpm build\` first); @textgen/sdk resolved elsewhere:\n${bundle.bundledInputs.join('\n')}`,
    );
  }
  await copyFile(join(demoFolder, 'index.html'), join(outputFolder, 'index.html'));
  return { outputFolder, ...bundle };
}

const isMainModule = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMainModule) {
  const built = await buildBrowserDemo();
  console.log(
    `built ${relative(repositoryRoot, built.outputFolder)}/main.js ${built.bundleBytes.toLocaleString('en-US')} bytes from ${built.bundledInputs.length} sources`,
  );
}
