/**
 * Runs the bundled smoke program inside one runtime and returns its reports. Each function throws with a one-line
 * reason when the runtime could not run the program at all; the matrix then fails every case of that row with it.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../launch-chromium';
import { startDocsServer } from '../../docs/serve-docs';
import { workersCompatibilityDate } from './runtime-versions';
import { resultLinePrefix, type SmokeCaseReport } from './smoke/smoke-inputs';

/** The last non-empty line of a tool's output, without colour codes, for a one-line reason. */
function lastLine(text: string): string {
  return (
    text
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .at(-1) ?? ''
  );
}

/**
 * The line that names an uncaught error (Deno's `error: Uncaught ...`, Node's and Bun's `SomeError: ...`), which a
 * stack trace would otherwise push out of the last line.
 */
function errorLine(text: string): string | undefined {
  return text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /^(error: |[A-Z]\w*Error\b)/.test(line));
}

/** `<executable> ...args` prints `TEXTGEN_SMOKE_RESULT <json>`; anything else is a failure to run. */
export function runProcessRuntime(options: {
  executable: string;
  args: string[];
  env?: Record<string, string>;
}): Promise<SmokeCaseReport[]> {
  return new Promise((resolve, reject) => {
    execFile(
      options.executable,
      options.args,
      { timeout: 120_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', ...options.env } },
      (error, stdout, stderr) => {
        const resultLine = stdout.split('\n').find((line) => line.startsWith(resultLinePrefix));
        if (resultLine !== undefined) {
          resolve(JSON.parse(resultLine.slice(resultLinePrefix.length)) as SmokeCaseReport[]);
          return;
        }
        const why =
          error === null ? 'printed no result line' : error.killed ? 'timed out' : `exited with ${String(error.code)}`;
        reject(new Error(`${why}: ${errorLine(stderr) ?? (lastLine(stderr) || lastLine(stdout) || 'no output')}`));
      },
    );
  });
}

/** The slice of miniflare's API used here; miniflare lives in the runtime cache, not in the workspace. */
interface MiniflareModule {
  Miniflare: new (options: { modules: true; scriptPath: string; modulesRoot: string; compatibilityDate: string }) => {
    ready: Promise<URL>;
    dispatchFetch(url: string): Promise<{ status: number; text(): Promise<string> }>;
    dispose(): Promise<void>;
  };
}

export async function readWorkerdVersion(miniflarePrefix: string): Promise<string> {
  const requireFromPrefix = createRequire(join(miniflarePrefix, 'package.json'));
  const workerdManifest = JSON.parse(await readFile(requireFromPrefix.resolve('workerd/package.json'), 'utf8')) as {
    version: string;
  };
  return workerdManifest.version;
}

/**
 * The worker runs in workerd, driven by miniflare (no wrangler, no Cloudflare account). Its fetch reaches the mock on
 * 127.0.0.1 because miniflare gives workerd an "internet" network service that allows "public" and "private"
 * addresses; workerd on its own (a bare `workerd serve` config) only allows "public" ones and would refuse loopback.
 */
export async function runWorkerd(options: {
  miniflarePrefix: string;
  workerScript: string;
  mockUrl: string;
}): Promise<SmokeCaseReport[]> {
  const entry = createRequire(join(options.miniflarePrefix, 'package.json')).resolve('miniflare');
  const { Miniflare } = (await import(pathToFileURL(entry).href)) as MiniflareModule;
  const miniflare = new Miniflare({
    modules: true,
    scriptPath: options.workerScript,
    // Module names are paths relative to this root; the default (the working directory) would put `..` in them.
    modulesRoot: dirname(options.workerScript),
    compatibilityDate: workersCompatibilityDate,
  });
  try {
    const response = await miniflare.dispatchFetch(`http://smoke.worker/?mock=${encodeURIComponent(options.mockUrl)}`);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`the worker answered ${response.status}: ${lastLine(body)}`);
    return JSON.parse(body) as SmokeCaseReport[];
  } finally {
    await miniflare.dispose();
  }
}

/**
 * Chromium opens the smoke page from one loopback origin and calls the mock on another, so every call is a real
 * cross-origin fetch with a CORS preflight, as in docs/test/browser-clients.test.ts.
 */
export async function runChromium(options: { browserFolder: string; mockUrl: string }): Promise<SmokeCaseReport[]> {
  const pageServer = await startDocsServer({ port: 0, siteFolder: options.browserFolder });
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    chromium = await launchChromium({ viewport: { width: 800, height: 600 } });
    const page = await chromium.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${pageServer.origin}/index.html`);
    await page.waitForFunction(
      () => typeof (globalThis as { textgenSmoke?: unknown }).textgenSmoke === 'function',
      undefined,
      {
        timeout: 30_000,
      },
    );
    const reports = await page.evaluate(
      (mockUrl) =>
        (globalThis as unknown as { textgenSmoke: (url: string) => Promise<SmokeCaseReport[]> }).textgenSmoke(mockUrl),
      options.mockUrl,
    );
    if (pageErrors.length > 0) throw new Error(`the page threw: ${pageErrors[0]!}`);
    return reports;
  } finally {
    await chromium?.close();
    await pageServer.close();
  }
}
