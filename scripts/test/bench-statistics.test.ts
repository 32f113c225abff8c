import { describe, expect, it } from 'vitest';
import { slopeBytesPerCall } from '../bench/heap-growth-benchmark';
import { pairedRatios, spreadOf } from '../bench/measure-interleaved';
import { summarizeCpuProfile } from '../bench/summarize-cpu-profile';

describe('benchmark statistics', () => {
  it('summarizes samples as median, quartiles and range, whatever their order', () => {
    expect(spreadOf([5, 1, 4, 2, 3])).toEqual({ median: 3, min: 1, max: 5, q1: 2, q3: 4 });
    // Even count: the median and quartiles interpolate between neighbours.
    expect(spreadOf([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, q1: 1.75, q3: 3.25 });
    expect(() => spreadOf([])).toThrow(/No samples/);
  });

  it('pairs ratios by round and refuses unequal rounds', () => {
    expect(pairedRatios([2, 9], [4, 3])).toEqual([0.5, 3]);
    expect(() => pairedRatios([1], [1, 2])).toThrow(/same number of rounds/);
  });

  it('reads heap growth as the least-squares slope, so one noisy sample does not decide it', () => {
    const perCall = 12;
    const linear = [0, 5_000, 10_000, 15_000].map((calls) => ({ calls, heapUsedBytes: 1_000_000 + calls * perCall }));
    expect(slopeBytesPerCall(linear)).toBeCloseTo(perCall, 9);
    const flatWithOneSpike = [0, 5_000, 10_000, 15_000, 20_000].map((calls) => ({
      calls,
      heapUsedBytes: 1_000_000 + (calls === 10_000 ? 50_000 : 0),
    }));
    expect(slopeBytesPerCall(flatWithOneSpike)).toBe(0);
  });
});

describe('CPU profile summary', () => {
  // root ─┬─ (program)
  //       ├─ (garbage collector)
  //       └─ runProfiledCalls ── coreFetch (openapi-fetch)
  const profile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 }, children: [2, 3, 4] },
      { id: 2, callFrame: { functionName: '(program)', url: '', lineNumber: -1, columnNumber: -1 } },
      { id: 3, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1, columnNumber: -1 } },
      {
        id: 4,
        callFrame: {
          functionName: 'runProfiledCalls',
          url: 'file:///repo/scripts/bench/x.ts',
          lineNumber: 9,
          columnNumber: 0,
        },
        children: [5],
      },
      {
        id: 5,
        callFrame: {
          functionName: 'coreFetch',
          url: 'file:///repo/node_modules/openapi-fetch/dist/index.mjs',
          lineNumber: 22,
          columnNumber: 0,
        },
      },
    ],
    // Start-up (program), then the window: runProfiledCalls, GC, coreFetch x3, runProfiledCalls; then shut-down.
    samples: [2, 2, 4, 3, 5, 5, 5, 4, 2],
    timeDeltas: [0, 100, 100, 100, 100, 100, 100, 100, 100],
  };

  it('counts only the window from the first to the last sample under the named function, GC included', () => {
    const summary = summarizeCpuProfile(profile, 'runProfiledCalls');
    expect(summary.windowSamples).toBe(6);
    expect(summary.garbageCollectionShare).toBeCloseTo(1 / 6, 9);
    expect(summary.byFunction.map((entry) => [entry.name, entry.samples])).toEqual([
      ['coreFetch', 3],
      ['runProfiledCalls', 2],
      ['(garbage collector)', 1],
    ]);
    expect(summary.byFunction[0]!.location).toBe('openapi-fetch/dist/index.mjs:23');
    expect(summary.byModule.find((entry) => entry.name === 'openapi-fetch')?.samples).toBe(3);
  });

  it('covers the whole profile when no function is named, and says so when the named one is absent', () => {
    expect(summarizeCpuProfile(profile, undefined).windowSamples).toBe(9);
    expect(() => summarizeCpuProfile(profile, 'notThere')).toThrow(
      /No sample of the profile is under a function named notThere/,
    );
  });
});
