import type { HeapGrowthReport, HeapGrowthResult, HeapSample } from './bench-results';
import type { CannedCompletion } from './canned-bodies';
import type { BuiltPackages } from './load-built-packages';
import { collectGarbageAndSettle, forceGarbageCollection } from './measure-interleaved';
import { createNonStreamCallers, createStubbedFetch } from './non-stream-callers';

export interface HeapGrowthSettings {
  calls: number;
  sampleEvery: number;
  warmupCalls: number;
}

/**
 * Anything a call leaves reachable costs at least one object, 16 bytes or more on V8's heap, so a client that keeps
 * something per call grows by at least 160 kB per 10,000 calls. Below that there is no per-call retention, only noise:
 * heap used after a full GC jitters by tens of kB, and even raw fetch with this stub drifts by 2–5 bytes per call over
 * the first tens of thousands of calls (V8's code and type feedback). So at or below 16 bytes per call the heap is
 * called flat; above it, growing.
 */
export const flatThresholdBytesPer10kCalls = 160_000;

/**
 * A contender whose heap has grown this much has shown its growth beyond doubt; it stops there rather than spend the
 * rest of the run collecting an ever larger heap, and the report says after how many calls it stopped.
 */
export const stopAfterGrowthBytes = 64 * 1024 * 1024;

async function heapUsedAfterFullGC(): Promise<number> {
  // Stubbed calls resolve in microtasks only, so without a turn of the event loop the cleanup tasks that a GC
  // schedules for dead registered objects never run, and their bookkeeping looks like growth. Collect, let them
  // run, collect again.
  await collectGarbageAndSettle();
  await collectGarbageAndSettle();
  forceGarbageCollection();
  return process.memoryUsage().heapUsed;
}

/** Least-squares slope of heap used against calls, in bytes per call. */
export function slopeBytesPerCall(samples: readonly HeapSample[]): number {
  const meanCalls = samples.reduce((sum, sample) => sum + sample.calls, 0) / samples.length;
  const meanHeap = samples.reduce((sum, sample) => sum + sample.heapUsedBytes, 0) / samples.length;
  let covariance = 0;
  let variance = 0;
  for (const sample of samples) {
    covariance += (sample.calls - meanCalls) * (sample.heapUsedBytes - meanHeap);
    variance += (sample.calls - meanCalls) ** 2;
  }
  return covariance / variance;
}

/**
 * Each contender in turn makes `calls` sequential calls through the stubbed fetch; heap used is sampled after a forced
 * full GC every `sampleEvery` calls, starting after `warmupCalls` (JIT and lazily built caches are not a leak). A
 * client
 * that keeps something per call (a timer, a listener on a long-lived signal, a map entry) grows in proportion to calls,
 * which the slope shows; a one-off allocation does not.
 */
export async function runHeapGrowthBenchmark(options: {
  packages: BuiltPackages;
  completion: CannedCompletion;
  settings: HeapGrowthSettings;
}): Promise<HeapGrowthReport> {
  const { packages, completion, settings } = options;
  const names = createNonStreamCallers({
    packages,
    baseURL: 'http://stubbed.invalid/v1',
    fetch: createStubbedFetch(completion),
    completion,
  }).map((caller) => caller.name);
  const results: HeapGrowthResult[] = [];
  for (const name of names) {
    // Fresh clients per contender, so nothing one contender left behind is counted against the next one.
    const caller = createNonStreamCallers({
      packages,
      baseURL: 'http://stubbed.invalid/v1',
      fetch: createStubbedFetch(completion),
      completion,
    }).find((candidate) => candidate.name === name)!;
    for (let index = 0; index < settings.warmupCalls; index += 1) await caller.call();
    const samples: HeapSample[] = [{ calls: 0, heapUsedBytes: await heapUsedAfterFullGC() }];
    let calls = 0;
    while (
      calls < settings.calls &&
      samples[samples.length - 1]!.heapUsedBytes - samples[0]!.heapUsedBytes < stopAfterGrowthBytes
    ) {
      for (let index = 0; index < settings.sampleEvery; index += 1) await caller.call();
      calls += settings.sampleEvery;
      samples.push({ calls, heapUsedBytes: await heapUsedAfterFullGC() });
    }
    const growthBytesPer10kCalls = slopeBytesPerCall(samples) * 10_000;
    results.push({
      name,
      calls,
      samples,
      growthBytesPer10kCalls,
      totalGrowthBytes: samples[samples.length - 1]!.heapUsedBytes - samples[0]!.heapUsedBytes,
      verdict: calls === settings.calls && growthBytesPer10kCalls <= flatThresholdBytesPer10kCalls ? 'flat' : 'grows',
    });
  }
  return { ...settings, flatThresholdBytesPer10kCalls, stopAfterGrowthBytes, results };
}
