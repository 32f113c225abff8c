/**
 * `pnpm bench`: raw fetch, bare openapi-fetch, the openai SDK and our built client side by side (each section in a
 * fresh process of its own, its contenders interleaved within it), printed as ratios with their spread and written to
 * bench-results/<timestamp>.json. Nothing here asserts a speed;
 * the goal check at the end is a report. Run with `tsx --expose-gc --tsconfig scripts/bench/tsconfig.json` (see that
 * file for why) after building the packages.
 *
 *   pnpm bench                         full run (about a minute on an idle 2-core machine)
 *   pnpm bench --quick                 smoke run of the script itself; noisy numbers
 *   pnpm bench --compare a.json b.json print two saved runs side by side, without running anything
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform } from 'node:os';
import { join, relative } from 'node:path';
import { listBundleEntries, measureBundleSizes } from '../size/measure-bundle-sizes';
import { readSizeBudget } from '../size/size-budget';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResults, HeapGrowthReport, ThroughputResult } from './bench-results';
import { sectionNames, type BenchSettings, type SectionName, type SectionResult } from './bench-sections';
import { formatComparison, readBenchResults } from './compare-bench-results';
import { formatBenchReport } from './format-bench-report';
import { checkGoals } from './goal-check';
import { benchmarkVendor } from './benchmark-vendor';
import { repositoryRoot } from './load-built-packages';

// About two minutes on an idle 2-core machine (start-up, heap growth and esbuild included); several times that under
// load. 24 rounds, not fewer: a single round's ratio swings by ±30% on this machine, and the goals sit within a few
// percent of the medians, so the median needs that many rounds to hold still between runs. The sequential loopback
// section, which two goals read and whose rounds swing most (a server process shares the 2 cores), gets 48.
const fullSettings: BenchSettings = {
  stubbed: { unitsPerSample: 1_000, warmupRounds: 2, rounds: 24 },
  loopbackSequential: { unitsPerSample: 150, warmupRounds: 2, rounds: 48 },
  loopbackConcurrent: { unitsPerSample: 320, warmupRounds: 2, rounds: 24 },
  inFlight: 16,
  streamChunks: 20_000,
  streams: { warmupRounds: 2, rounds: 24 },
  heap: { calls: 50_000, sampleEvery: 5_000, warmupCalls: 2_000 },
};

const quickSettings: BenchSettings = {
  stubbed: { unitsPerSample: 200, warmupRounds: 1, rounds: 3 },
  loopbackSequential: { unitsPerSample: 50, warmupRounds: 1, rounds: 3 },
  loopbackConcurrent: { unitsPerSample: 64, warmupRounds: 1, rounds: 3 },
  inFlight: 16,
  streamChunks: 2_000,
  streams: { warmupRounds: 1, rounds: 3 },
  heap: { calls: 5_000, sampleEvery: 1_000, warmupCalls: 1_000 },
};

/** Forks run-bench-section.ts with this process's node flags (tsx loader, --expose-gc) and waits for its result. */
function runSectionInChildProcess(section: SectionName, settings: BenchSettings): Promise<SectionResult> {
  const child = fork(fileURLToPath(new URL('./run-bench-section.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<SectionResult>((resolve, reject) => {
    let result: SectionResult | undefined;
    child.on('message', (message: { type: 'result'; result: SectionResult }) => {
      if (message.type === 'result') result = message.result;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result !== undefined) resolve(result);
      else reject(new Error(`Benchmark section ${section} failed (exit code ${code}); its error is printed above.`));
    });
    child.send({ section, settings });
  });
}

function packageVersion(folder: string): string {
  return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version;
}

async function runBenchmarks(quick: boolean): Promise<void> {
  const settings = quick ? quickSettings : fullSettings;
  const startedAt = new Date();
  const loadAverageAtStart = loadavg();
  let phaseStarted = performance.now();
  const log = (line: string) => {
    const now = performance.now();
    process.stderr.write(`(+${((now - phaseStarted) / 1000).toFixed(1)} s) ${line}\n`);
    phaseStarted = now;
  };
  const budget = readSizeBudget();
  const throughput: ThroughputResult[] = [];
  let heap: HeapGrowthReport | undefined;
  for (const section of sectionNames) {
    log(`Running: ${section}...`);
    const outcome = await runSectionInChildProcess(section, settings);
    if (outcome.kind === 'heap') heap = outcome.report;
    else throughput.push(outcome.result);
  }
  if (heap === undefined) throw new Error('The heap section returned no report.');
  log('Running: bundle sizes (esbuild)...');
  const bundles = await measureBundleSizes(listBundleEntries());

  log('Done.');
  const cpuList = cpus();
  const withoutGoals: Omit<BenchResults, 'goals'> = {
    schemaVersion: 1,
    startedAt: startedAt.toISOString(),
    durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
    quick,
    environment: {
      node: process.version,
      platform: `${platform()}/${arch()}`,
      cpus: `${cpuList.length} x ${cpuList[0]?.model.trim() ?? 'unknown CPU'}`,
      loadAverageAtStart,
    },
    versions: {
      [benchmarkVendor.packageName]: packageVersion(join(repositoryRoot, 'packages', benchmarkVendor.id)),
      '@textgen/core': packageVersion(join(repositoryRoot, 'packages', 'core')),
      openai: packageVersion(join(repositoryRoot, 'node_modules', 'openai')),
      'openapi-fetch': packageVersion(join(repositoryRoot, 'node_modules', 'openapi-fetch')),
      'eventsource-parser': packageVersion(join(repositoryRoot, 'node_modules', 'eventsource-parser')),
    },
    throughput,
    heap,
    bundles: { esbuild: bundles.esbuild, results: bundles.sizes },
  };
  const results: BenchResults = { ...withoutGoals, goals: checkGoals(withoutGoals, budget) };

  const folder = join(repositoryRoot, 'bench-results');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${results.startedAt.replaceAll(':', '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${formatBenchReport(results, budget)}\nResults written to ${relative(repositoryRoot, file)}\n`);
}

const argv = process.argv.slice(2).filter((argument) => argument !== '--');
const compareAt = argv.indexOf('--compare');
if (compareAt !== -1) {
  const [before, after] = argv.slice(compareAt + 1);
  if (before === undefined || after === undefined) {
    throw new Error(
      '--compare needs two results files: pnpm bench --compare bench-results/<before>.json bench-results/<after>.json',
    );
  }
  process.stdout.write(`${formatComparison(readBenchResults(before), readBenchResults(after), { before, after })}\n`);
} else {
  await runBenchmarks(argv.includes('--quick'));
}
