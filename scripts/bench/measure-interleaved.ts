/** One side of a comparison. `run` does one sample's work and returns how many units it handled (calls, chunks). */
export interface Contender {
  name: string;
  run: () => Promise<number>;
}

/** A summary of one figure over the measured rounds. q1 and q3 are the quartiles (linear interpolation). */
export interface Spread {
  median: number;
  min: number;
  max: number;
  q1: number;
  q3: number;
}

export interface ContenderSamples {
  name: string;
  /** Units (calls, chunks) per second of wall time, one value per measured round. */
  perSecond: number[];
  /** This process's CPU time (user + system, all threads) per unit in µs, one value per measured round. */
  cpuMicrosPerUnit: number[];
}

function quantile(sorted: readonly number[], fraction: number): number {
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('No samples to summarize.');
  const sorted = [...values].sort((left, right) => left - right);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
  };
}

/** Ours/peer within each round, paired by round, so the spread of the ratio itself can be shown. */
export function pairedRatios(ours: readonly number[], peer: readonly number[]): number[] {
  if (ours.length !== peer.length) throw new Error('Paired ratios need the same number of rounds on both sides.');
  return ours.map((value, index) => value / peer[index]!);
}

/** `gc` is there when node runs with --expose-gc, which `pnpm bench` passes. */
export function forceGarbageCollection(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('The benchmark needs `node --expose-gc` (pnpm bench passes it).');
  collect();
}

/** Lets a macrotask turn pass: FinalizationRegistry callbacks (undici registers every Response) run only then. */
function nextEventLoopTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A full GC whose aftermath has run too. A GC only queues the FinalizationRegistry callbacks of what it collected
 * (undici registers every Response, and every Request made with a signal); they run in a later task. Without the turn
 * they would run inside the next timed sample, and one contender would pay for another's garbage. One GC, not two:
 * a second full GC right after the turn let V8 shrink the heap, and every contender then paid for growing it again
 * inside its sample (all calls/s fell by about a quarter).
 */
export async function collectGarbageAndSettle(): Promise<void> {
  forceGarbageCollection();
  await nextEventLoopTurn();
}

/**
 * Runs every contender once per round, rotating who goes first and alternating direction (ABCD, BADC, CDAB, DCBA, ...)
 * so slow drift of the machine (thermal, other load, JIT state), any first-in-round advantage and whatever a contender
 * leaves for the next one are shared out evenly. Warm-up rounds run the same way and are thrown away. A full GC, and
 * the finalizer callbacks it queues, run before every sample, outside the timing, so no contender pays for the garbage
 * the previous one left. Every sample must report `expectedUnits`, so a contender that silently does less work (a
 * stream cut short, a failed parse) stops the benchmark instead of looking fast.
 */
export async function measureInterleaved(options: {
  contenders: readonly Contender[];
  warmupRounds: number;
  rounds: number;
  expectedUnits: number;
}): Promise<ContenderSamples[]> {
  const { contenders, warmupRounds, rounds, expectedUnits } = options;
  const samples = contenders.map((contender): ContenderSamples => ({
    name: contender.name,
    perSecond: [],
    cpuMicrosPerUnit: [],
  }));
  const count = contenders.length;
  for (let round = 0; round < warmupRounds + rounds; round += 1) {
    for (let offset = 0; offset < count; offset += 1) {
      // Forward in even rounds, backward in odd ones: with one direction only, each contender would always run right
      // after the same one, and whatever that one leaves behind (sockets, JIT state) would always fall on it.
      const index = round % 2 === 0 ? (round + offset) % count : (((round - offset) % count) + count) % count;
      const contender = contenders[index]!;
      await collectGarbageAndSettle();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const units = await contender.run();
      const elapsedMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      if (units !== expectedUnits) {
        throw new Error(`${contender.name} handled ${units} units in one sample; expected ${expectedUnits}.`);
      }
      if (round >= warmupRounds) {
        samples[index]!.perSecond.push((units * 1000) / elapsedMs);
        samples[index]!.cpuMicrosPerUnit.push((cpu.user + cpu.system) / units);
      }
    }
  }
  return samples;
}
