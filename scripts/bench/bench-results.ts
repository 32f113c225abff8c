import { pairedRatios, spreadOf, type ContenderSamples, type Spread } from './measure-interleaved';

/** The figures of one contender in one throughput benchmark, over the measured rounds. */
export interface ContenderFigure {
  name: string;
  perSecond: Spread;
  /** 1e6 / perSecond, per round: wall time per call or chunk. */
  microsPerUnit: Spread;
  /** This process's CPU time per unit (for loopback runs the server's CPU is in another process and not included). */
  cpuMicrosPerUnit: Spread;
}

/** Ours ÷ one peer on units per second, computed within each round and then summarized: > 1 means ours is faster. */
export interface RatioFigure {
  peer: string;
  ratio: Spread;
}

export type ThroughputId = 'stubbed' | 'loopback-sequential' | 'loopback-concurrent' | 'sse' | 'ndjson';

export interface ThroughputResult {
  id: ThroughputId;
  title: string;
  unit: 'calls' | 'chunks';
  method: string;
  warmupRounds: number;
  rounds: number;
  unitsPerSample: number;
  ours: string;
  contenders: ContenderFigure[];
  ratios: RatioFigure[];
  /** For runs against the canned-response server: its CPU per request, measured in its own process. */
  serverCpuMicrosPerRequest?: number | undefined;
}

export interface HeapSample {
  calls: number;
  heapUsedBytes: number;
}

export interface HeapGrowthResult {
  name: string;
  /** Calls made after warm-up: the planned number, or fewer when the heap grew past the stop limit first. */
  calls: number;
  samples: HeapSample[];
  /** Least-squares slope of heap used (after a forced GC) against calls, times 10,000. */
  growthBytesPer10kCalls: number;
  /** Last sample minus first. */
  totalGrowthBytes: number;
  verdict: 'flat' | 'grows';
}

export interface HeapGrowthReport {
  calls: number;
  sampleEvery: number;
  warmupCalls: number;
  /** Growth per 10k calls at or below this is called flat (see heap-growth-benchmark.ts for why). */
  flatThresholdBytesPer10kCalls: number;
  /** A contender stops early once its heap has grown this much. */
  stopAfterGrowthBytes: number;
  results: HeapGrowthResult[];
}

export interface BundleSizeResult {
  name: string;
  kind: 'vendor client' | 'facade' | 'peer';
  /** The one-line app that was bundled. */
  source: string;
  minifiedBytes: number;
  gzipBytes: number;
  modules: number;
}

export interface GoalResult {
  figure: string;
  value: string;
  goal: string;
  met: boolean;
  /**
   * What a reference in the same run reaches on the same figure, with nothing of ours in it: the floor the goal has to
   * be read against (e.g. raw fetch with a timeout, for our calls ÷ raw fetch). Absent where there is none.
   */
  reference?: string | undefined;
}

export interface BenchResults {
  schemaVersion: 1;
  startedAt: string;
  durationSeconds: number;
  quick: boolean;
  environment: { node: string; platform: string; cpus: string; loadAverageAtStart: number[] };
  versions: Record<string, string>;
  throughput: ThroughputResult[];
  heap: HeapGrowthReport;
  bundles: { esbuild: string; results: BundleSizeResult[] };
  goals: GoalResult[];
}

/** Turns interleaved samples into figures, with every ratio taken as ours ÷ peer within a round. */
export function summarizeThroughput(options: {
  id: ThroughputId;
  title: string;
  unit: ThroughputResult['unit'];
  method: string;
  settings: { warmupRounds: number; rounds: number; unitsPerSample: number };
  ours: string;
  samples: readonly ContenderSamples[];
  serverCpuMicrosPerRequest?: number;
}): ThroughputResult {
  const oursSamples = options.samples.find((samples) => samples.name === options.ours);
  if (oursSamples === undefined) throw new Error(`${options.ours} is not among the contenders of ${options.title}.`);
  return {
    id: options.id,
    title: options.title,
    unit: options.unit,
    method: options.method,
    ...options.settings,
    ours: options.ours,
    contenders: options.samples.map((samples) => ({
      name: samples.name,
      perSecond: spreadOf(samples.perSecond),
      microsPerUnit: spreadOf(samples.perSecond.map((value) => 1e6 / value)),
      cpuMicrosPerUnit: spreadOf(samples.cpuMicrosPerUnit),
    })),
    ratios: options.samples
      .filter((samples) => samples !== oursSamples)
      .map((samples) => ({
        peer: samples.name,
        ratio: spreadOf(pairedRatios(oursSamples.perSecond, samples.perSecond)),
      })),
    serverCpuMicrosPerRequest: options.serverCpuMicrosPerRequest,
  };
}
