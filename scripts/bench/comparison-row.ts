import { pairedRatios, spreadOf, type ContenderSamples, type SampleSpread } from './measure-interleaved';

/** One printed line of the results: our package against one peer, on one metric. */
export interface ComparisonRow {
  benchmark: string;
  unit: 'ms/call' | 'chunks/s' | 'lines/s' | 'bytes';
  /** Whether a smaller or a larger value is the better one for this unit. */
  betterWhen: 'lower' | 'higher';
  ours: { name: string; spread: SampleSpread };
  peer: { name: string; spread: SampleSpread };
  /** Ours/peer of the medians. */
  ratio: number;
  /** Ours/peer within each round; absent for deterministic measurements such as sizes. */
  pairedRatio?: SampleSpread | undefined;
}

/** A timing row in ms per call, straight from the samples. */
export function latencyRow(options: { benchmark: string; ours: ContenderSamples; peer: ContenderSamples }): ComparisonRow {
  const ours = spreadOf(options.ours.msPerUnit);
  const peer = spreadOf(options.peer.msPerUnit);
  return {
    benchmark: options.benchmark,
    unit: 'ms/call',
    betterWhen: 'lower',
    ours: { name: options.ours.name, spread: ours },
    peer: { name: options.peer.name, spread: peer },
    ratio: ours.median / peer.median,
    pairedRatio: spreadOf(pairedRatios(options.ours.msPerUnit, options.peer.msPerUnit)),
  };
}

/** A throughput row: ms per item turned into items per second, per sample, before summarizing. */
export function throughputRow(options: {
  benchmark: string;
  unit: 'chunks/s' | 'lines/s';
  ours: ContenderSamples;
  peer: ContenderSamples;
}): ComparisonRow {
  const perSecond = (msPerUnit: readonly number[]) => msPerUnit.map((value) => 1000 / value);
  const oursRates = perSecond(options.ours.msPerUnit);
  const peerRates = perSecond(options.peer.msPerUnit);
  const ours = spreadOf(oursRates);
  const peer = spreadOf(peerRates);
  return {
    benchmark: options.benchmark,
    unit: options.unit,
    betterWhen: 'higher',
    ours: { name: options.ours.name, spread: ours },
    peer: { name: options.peer.name, spread: peer },
    ratio: ours.median / peer.median,
    pairedRatio: spreadOf(pairedRatios(oursRates, peerRates)),
  };
}

/** A size row: one deterministic measurement each, so min, median and max are the same number. */
export function sizeRow(options: { benchmark: string; ours: { name: string; bytes: number }; peer: { name: string; bytes: number } }): ComparisonRow {
  const exact = (bytes: number): SampleSpread => ({ min: bytes, median: bytes, max: bytes });
  return {
    benchmark: options.benchmark,
    unit: 'bytes',
    betterWhen: 'lower',
    ours: { name: options.ours.name, spread: exact(options.ours.bytes) },
    peer: { name: options.peer.name, spread: exact(options.peer.bytes) },
    ratio: options.ours.bytes / options.peer.bytes,
  };
}
