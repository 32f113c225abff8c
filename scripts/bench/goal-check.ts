import type { BenchResults, GoalResult, ThroughputId } from './bench-results';
import type { Spread } from './measure-interleaved';
import { bareEventsourceParserName, iteratedEventsourceParserName } from './stream-throughput-benchmark';
import {
  lightOpenapiFetchName,
  openaiName,
  oursName,
  rawFetchName,
  rawFetchWithTimeoutName,
} from './non-stream-callers';
import { librariesBundleName } from '../size/measure-bundle-sizes';
import { formatKilobytes, type SizeBudget } from '../size/size-budget';

function formatRatio(spread: Spread): string {
  return `${spread.median.toFixed(2)} (${spread.min.toFixed(2)}–${spread.max.toFixed(2)})`;
}

/**
 * Issue 11's "must show" table, figure by figure, from this run. A report, not an assertion: speed depends on the
 * machine and its load, so a goal is "met" when the median over the rounds reaches it, and the spread is printed
 * with it so the reader can judge how firmly.
 */
export function checkGoals(results: Omit<BenchResults, 'goals'>, budget: SizeBudget): GoalResult[] {
  const ratioGoal = (options: {
    figure: string;
    id: ThroughputId;
    peer: string;
    atLeast: number;
    /** Reference contenders of the same section, each shown as its median ÷ the peer's median. */
    references?: readonly string[];
  }): GoalResult => {
    const benchmark = results.throughput.find((result) => result.id === options.id);
    const ratio = benchmark?.ratios.find((candidate) => candidate.peer === options.peer)?.ratio;
    if (benchmark === undefined || ratio === undefined) {
      throw new Error(`The run has no ${options.id} ratio against ${options.peer}.`);
    }
    const medianOf = (name: string): number => {
      const contender = benchmark.contenders.find((candidate) => candidate.name === name);
      if (contender === undefined) throw new Error(`The ${options.id} section has no contender ${name}.`);
      return contender.perSecond.median;
    };
    const references = (options.references ?? []).map(
      (name) => `${name}: ${(medianOf(name) / medianOf(options.peer)).toFixed(2)}`,
    );
    return {
      figure: options.figure,
      value: formatRatio(ratio),
      goal: `≥ ${options.atLeast.toFixed(2)}`,
      met: ratio.median >= options.atLeast,
      // Medians' ratio, not paired by round as ours are: a guide to the floor, not a second measurement.
      reference: references.length > 0 ? `${references.join('; ')} (ratio of medians)` : undefined,
    };
  };
  const libraries = results.bundles.results.find((result) => result.name === librariesBundleName);
  if (libraries === undefined) throw new Error(`The run has no ${librariesBundleName} bundle size.`);
  const librariesReference = `${librariesBundleName} alone: ${formatKilobytes(libraries.gzipBytes)}`;
  const heap = results.heap.results.find((result) => result.name === oursName);
  if (heap === undefined) throw new Error(`The run has no heap growth figure for ${oursName}.`);
  const vendorClients = results.bundles.results.filter((result) => result.kind === 'vendor client');
  const largestClient = vendorClients.reduce((largest, result) =>
    result.gzipBytes > largest.gzipBytes ? result : largest,
  );
  const facade = results.bundles.results.find((result) => result.kind === 'facade');
  if (facade === undefined) throw new Error('The run has no facade bundle size.');
  return [
    ratioGoal({ figure: "stubbed fetch: our calls/s ÷ openai SDK's", id: 'stubbed', peer: openaiName, atLeast: 1.5 }),
    ratioGoal({
      figure: "loopback: our calls/s ÷ raw fetch's",
      id: 'loopback-sequential',
      peer: rawFetchName,
      atLeast: 0.85,
      references: [rawFetchWithTimeoutName, lightOpenapiFetchName],
    }),
    ratioGoal({
      figure: "loopback: our calls/s ÷ openai SDK's",
      id: 'loopback-sequential',
      peer: openaiName,
      atLeast: 1.3,
      references: [lightOpenapiFetchName],
    }),
    ratioGoal({
      figure: "SSE: our chunks/s ÷ bare eventsource-parser's",
      id: 'sse',
      peer: bareEventsourceParserName,
      atLeast: 0.9,
      references: [iteratedEventsourceParserName],
    }),
    {
      figure: `heap growth over ${results.heap.calls.toLocaleString('en-US')} calls`,
      value:
        `${heap.verdict}: ${formatSignedKilobytes(heap.growthBytesPer10kCalls)} per 10k calls` +
        (heap.calls < results.heap.calls ? ` (stopped after ${heap.calls.toLocaleString('en-US')} calls)` : ''),
      goal: 'flat (no growth proportional to calls)',
      met: heap.verdict === 'flat',
    },
    {
      figure: 'min+gz, one vendor client (core and openapi-fetch included)',
      value: `${formatKilobytes(largestClient.gzipBytes)} (largest: ${largestClient.name})`,
      goal: `≤ ${formatKilobytes(budget.goals.vendorClientMaxGzipBytes)}`,
      met: largestClient.gzipBytes <= budget.goals.vendorClientMaxGzipBytes,
      reference: librariesReference,
    },
    {
      figure: 'min+gz, facade with every vendor',
      value: formatKilobytes(facade.gzipBytes),
      goal: `≤ ${formatKilobytes(budget.goals.facadeMaxGzipBytes)}`,
      met: facade.gzipBytes <= budget.goals.facadeMaxGzipBytes,
      reference: librariesReference,
    },
  ];
}

export function formatSignedKilobytes(bytes: number): string {
  return `${bytes >= 0 ? '+' : '−'}${formatKilobytes(Math.abs(bytes))}`;
}
