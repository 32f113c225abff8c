/** One side of a comparison. `run` does one sample's work and returns how many units it handled (calls, chunks). */
export interface Contender {
  name: string;
  run: () => Promise<number>;
}

export interface SampleSpread {
  min: number;
  median: number;
  max: number;
}

export interface ContenderSamples {
  name: string;
  /** Milliseconds per unit, one value per measured round (warm-up rounds excluded). */
  msPerUnit: number[];
}

export interface InterleavedResult {
  contenders: ContenderSamples[];
  warmupRounds: number;
  rounds: number;
  unitsPerSample: number;
}

export function spreadOf(values: readonly number[]): SampleSpread {
  if (values.length === 0) throw new Error('No samples to summarize.');
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

/**
 * Runs every contender once per round, rotating who goes first (ABC, BCA, CAB, ...) so slow drift of the machine
 * (thermal, GC pressure, JIT state) and any first-in-round advantage are shared out evenly. Warm-up rounds run the same
 * way and are thrown away. Every sample must report `expectedUnits`, so a contender that silently does less work (a
 * stream cut short, a failed parse) stops the benchmark instead of looking fast.
 */
export async function measureInterleaved(options: {
  contenders: readonly Contender[];
  warmupRounds: number;
  rounds: number;
  expectedUnits: number;
}): Promise<InterleavedResult> {
  const { contenders, warmupRounds, rounds, expectedUnits } = options;
  const samples = contenders.map((contender) => ({ name: contender.name, msPerUnit: [] as number[] }));
  for (let round = 0; round < warmupRounds + rounds; round += 1) {
    for (let offset = 0; offset < contenders.length; offset += 1) {
      const index = (round + offset) % contenders.length;
      const contender = contenders[index]!;
      const started = performance.now();
      const units = await contender.run();
      const elapsed = performance.now() - started;
      if (units !== expectedUnits) {
        throw new Error(`${contender.name} handled ${units} units in one sample; expected ${expectedUnits}.`);
      }
      if (round >= warmupRounds) samples[index]!.msPerUnit.push(elapsed / units);
    }
  }
  return { contenders: samples, warmupRounds, rounds, unitsPerSample: expectedUnits };
}

/** Ours/peer for each round, paired by round, so the spread of the ratio itself can be shown. */
export function pairedRatios(ours: readonly number[], peer: readonly number[]): number[] {
  return ours.map((value, index) => value / peer[index]!);
}
