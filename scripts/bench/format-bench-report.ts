import type { BenchResults, ThroughputResult } from './bench-results';
import { formatSignedKilobytes } from './goal-check';
import type { Spread } from './measure-interleaved';
import { formatKilobytes, goalFor, type SizeBudget } from '../size/size-budget';

/** A plain-text (Markdown) table, columns padded to their widest cell. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function formatMicros(value: number): string {
  return value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
}

function countSpread(spread: Spread): string {
  return `${formatCount(spread.median)} (${formatCount(spread.min)}–${formatCount(spread.max)})`;
}

export function ratioSpread(spread: Spread): string {
  return `${spread.median.toFixed(2)} (${spread.min.toFixed(2)}–${spread.max.toFixed(2)})`;
}

function formatThroughput(result: ThroughputResult): string {
  const perSecond = `${result.unit}/s`;
  const perUnit = result.unit === 'calls' ? 'call' : 'chunk';
  const rows = result.contenders.map((contender) => {
    const ratio = result.ratios.find((candidate) => candidate.peer === contender.name)?.ratio;
    return [
      contender.name,
      countSpread(contender.perSecond),
      formatMicros(contender.microsPerUnit.median),
      formatMicros(contender.cpuMicrosPerUnit.median),
      ratio === undefined ? '(ours)' : ratioSpread(ratio),
    ];
  });
  const lines = [
    `## ${result.title}`,
    `${result.warmupRounds} warm-up + ${result.rounds} measured rounds; ${result.method}`,
    '',
    formatTable(
      [
        'contender',
        `${perSecond}, median (min–max)`,
        `µs/${perUnit}`,
        `client CPU µs/${perUnit}`,
        `${result.ours} ÷ this, ${perSecond}: median (min–max)`,
      ],
      rows,
    ),
  ];
  if (result.serverCpuMicrosPerRequest !== undefined) {
    const cheapest = Math.min(...result.contenders.map((contender) => contender.cpuMicrosPerUnit.median));
    lines.push(
      `Server (own process): ${formatMicros(result.serverCpuMicrosPerRequest)} µs CPU per request, ` +
        `${cheapest > result.serverCpuMicrosPerRequest ? 'less' : 'MORE'} than the cheapest client's ` +
        `${formatMicros(cheapest)} µs CPU per call.`,
    );
  }
  return lines.join('\n');
}

function formatHeap(results: BenchResults): string {
  const { heap } = results;
  const rows = heap.results.map((result) => [
    result.name,
    `${formatCount(result.calls)}${result.calls < heap.calls ? ' (stopped)' : ''}`,
    formatMegabytes(result.samples[0]!.heapUsedBytes),
    formatMegabytes(result.samples[result.samples.length - 1]!.heapUsedBytes),
    formatSignedKilobytes(result.totalGrowthBytes),
    formatSignedKilobytes(result.growthBytesPer10kCalls),
    result.verdict,
  ]);
  return [
    `## Heap growth over ${formatCount(heap.calls)} stubbed calls`,
    `Sequential calls through the stubbed fetch after ${formatCount(heap.warmupCalls)} warm-up calls; heap used sampled ` +
      `after a forced full GC every ${formatCount(heap.sampleEvery)} calls. "growth per 10k" is the least-squares slope; ` +
      `"flat" means at most ${formatKilobytes(heap.flatThresholdBytesPer10kCalls)} per 10k calls (16 bytes per call: less than one retained object per call). ` +
      `A contender stops early once its heap has grown ${formatMegabytes(heap.stopAfterGrowthBytes)}.`,
    '',
    formatTable(
      ['contender', 'calls', 'heap used at start', 'at end', 'last − first', 'growth per 10k calls', 'verdict'],
      rows,
    ),
  ].join('\n');
}

function formatBundles(results: BenchResults, budget: SizeBudget): string {
  const rows = results.bundles.results.map((result) => {
    const limit = budget.limits[result.name];
    const goal = goalFor(result.kind, budget);
    return [
      result.name,
      result.kind,
      `${formatCount(result.minifiedBytes)} B`,
      `${formatCount(result.gzipBytes)} B (${formatKilobytes(result.gzipBytes)})`,
      limit === undefined || result.kind === 'peer'
        ? '—'
        : `${formatCount(limit)} B${result.gzipBytes > limit ? ' (over)' : ''}`,
      goal === undefined ? '—' : `${formatKilobytes(goal)}${result.gzipBytes > goal ? ' (not met)' : ' (met)'}`,
      String(result.modules),
    ];
  });
  return [
    '## Browser bundle size',
    `esbuild ${results.bundles.esbuild}: bundle + minify, platform browser, ESM, es2022, of a one-line app (a vendor's ` +
      "create<Vendor>, `export * from '@textgen/sdk'`, openai's default export, openapi-fetch's createClient); gzip level 9.",
    '',
    formatTable(['bundle', 'kind', 'minified', 'min+gzip', 'CI limit', "issue 11's goal", 'modules'], rows),
  ].join('\n');
}

export function formatGoals(results: Pick<BenchResults, 'goals'>): string {
  return formatTable(
    ['figure', 'value: median (min–max over rounds)', 'goal', 'met?', 'reference in this run (nothing of ours)'],
    results.goals.map((goal) => [
      goal.figure,
      goal.value,
      goal.goal,
      goal.met ? 'met' : 'not met',
      goal.reference ?? '—',
    ]),
  );
}

/** The whole printed report of one run. */
export function formatBenchReport(results: BenchResults, budget: SizeBudget): string {
  const { environment } = results;
  return [
    '',
    `# textgen benchmarks${results.quick ? ' (--quick: smoke run, numbers are noisy)' : ''}`,
    `Node ${environment.node} on ${environment.platform}, ${environment.cpus}; load average at start ` +
      `${environment.loadAverageAtStart.map((value) => value.toFixed(2)).join(' ')}. ` +
      `Versions: ${Object.entries(results.versions)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ')}.`,
    'Each section runs in a fresh process with all its contenders, from built dist; each round runs each contender ' +
      'once, rotating who goes first and alternating direction; a forced ' +
      'GC, and the finalizer callbacks it queues, precede every sample. Ratios are ours ÷ peer within each round, summarized as median (min–max); > 1 is faster.',
    '',
    ...results.throughput.flatMap((result) => [formatThroughput(result), '']),
    formatHeap(results),
    '',
    formatBundles(results, budget),
    '',
    '## Goal check (issue 11; a report, not an assertion)',
    '',
    formatGoals(results),
    '',
    `Run took ${results.durationSeconds.toFixed(0)} s.`,
  ].join('\n');
}
