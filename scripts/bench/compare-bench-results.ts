import { readFileSync } from 'node:fs';
import type { BenchResults } from './bench-results';
import { formatCount, formatTable, ratioSpread } from './format-bench-report';
import { formatSignedKilobytes } from './goal-check';

export function readBenchResults(path: string): BenchResults {
  const results = JSON.parse(readFileSync(path, 'utf8')) as Partial<BenchResults>;
  if (results.schemaVersion !== 1)
    throw new Error(`${path} is not a results file of this benchmark (schemaVersion 1).`);
  return results as BenchResults;
}

function change(before: number, after: number): string {
  const percent = ((after - before) / before) * 100;
  return `${percent >= 0 ? '+' : '−'}${Math.abs(percent).toFixed(1)}%`;
}

/**
 * Two runs side by side (`pnpm bench --compare before.json after.json`): every ratio, every contender's median rate,
 * heap growth, bundle sizes and the goal check. Ratios are the figures to trust across runs; absolute rates move with
 * the machine's load, which each file records.
 */
export function formatComparison(
  before: BenchResults,
  after: BenchResults,
  labels: { before: string; after: string },
): string {
  const ratioRows: string[][] = [];
  const rateRows: string[][] = [];
  for (const result of after.throughput) {
    const previous = before.throughput.find((candidate) => candidate.id === result.id);
    if (previous === undefined) continue;
    for (const ratio of result.ratios) {
      const previousRatio = previous.ratios.find((candidate) => candidate.peer === ratio.peer)?.ratio;
      if (previousRatio === undefined) continue;
      ratioRows.push([
        result.id,
        `${result.ours} ÷ ${ratio.peer}`,
        ratioSpread(previousRatio),
        ratioSpread(ratio.ratio),
        change(previousRatio.median, ratio.ratio.median),
      ]);
    }
    for (const contender of result.contenders) {
      const previousContender = previous.contenders.find((candidate) => candidate.name === contender.name);
      if (previousContender === undefined) continue;
      rateRows.push([
        result.id,
        contender.name,
        formatCount(previousContender.perSecond.median),
        formatCount(contender.perSecond.median),
        change(previousContender.perSecond.median, contender.perSecond.median),
      ]);
    }
  }
  const heapRows = after.heap.results.flatMap((result) => {
    const previous = before.heap.results.find((candidate) => candidate.name === result.name);
    if (previous === undefined) return [];
    return [
      [
        result.name,
        `${previous.verdict}, ${formatSignedKilobytes(previous.growthBytesPer10kCalls)}`,
        `${result.verdict}, ${formatSignedKilobytes(result.growthBytesPer10kCalls)}`,
      ],
    ];
  });
  const bundleRows = after.bundles.results.flatMap((result) => {
    const previous = before.bundles.results.find((candidate) => candidate.name === result.name);
    if (previous === undefined) return [];
    return [
      [
        result.name,
        `${formatCount(previous.gzipBytes)} B`,
        `${formatCount(result.gzipBytes)} B`,
        change(previous.gzipBytes, result.gzipBytes),
      ],
    ];
  });
  const goalRows = after.goals.map((goal) => {
    const previous = before.goals.find((candidate) => candidate.figure === goal.figure);
    return [
      goal.figure,
      previous === undefined ? '—' : `${previous.value} ${previous.met ? 'met' : 'not met'}`,
      `${goal.value} ${goal.met ? 'met' : 'not met'}`,
      goal.goal,
    ];
  });
  const describe = (results: BenchResults) =>
    `${results.startedAt}, Node ${results.environment.node}, load ${results.environment.loadAverageAtStart.map((value) => value.toFixed(1)).join(' ')}` +
    `${results.quick ? ', --quick' : ''}`;
  return [
    `# Comparing two benchmark runs`,
    `before = ${labels.before} (${describe(before)})`,
    `after  = ${labels.after} (${describe(after)})`,
    '',
    '## Ratios (ours ÷ peer per round; median (min–max))',
    formatTable(['benchmark', 'ratio', 'before', 'after', 'change'], ratioRows),
    '',
    '## Rates (median units/s; absolute, so they move with machine load)',
    formatTable(['benchmark', 'contender', 'before', 'after', 'change'], rateRows),
    '',
    '## Heap growth per 10k calls',
    formatTable(['contender', 'before', 'after'], heapRows),
    '',
    '## Bundle min+gzip',
    formatTable(['bundle', 'before', 'after', 'change'], bundleRows),
    '',
    '## Goal check',
    formatTable(['figure', 'before', 'after', 'goal'], goalRows),
  ].join('\n');
}
