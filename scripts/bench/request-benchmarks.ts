import { summarizeThroughput, type ThroughputResult } from './bench-results';
import type { CannedCompletion } from './canned-bodies';
import type { BuiltPackages } from './load-built-packages';
import { measureInterleaved } from './measure-interleaved';
import { createNonStreamCallers, createStubbedFetch, oursName, type NonStreamCaller } from './non-stream-callers';
import type { CannedResponseServer } from './start-canned-response-server';

export interface RoundSettings {
  unitsPerSample: number;
  warmupRounds: number;
  rounds: number;
}

async function callSequentially(caller: NonStreamCaller, calls: number): Promise<number> {
  for (let index = 0; index < calls; index += 1) await caller.call();
  return calls;
}

/** `calls` calls with `inFlight` of them running at any time (each worker starts its next call when one settles). */
async function callConcurrently(caller: NonStreamCaller, calls: number, inFlight: number): Promise<number> {
  let started = 0;
  const worker = async () => {
    while (started < calls) {
      started += 1;
      await caller.call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, calls) }, worker));
  return calls;
}

/** Pure client CPU: every contender's fetch is the same stub, so the network and the server cost nothing. */
export async function runStubbedFetchBenchmark(options: {
  packages: BuiltPackages;
  completion: CannedCompletion;
  settings: RoundSettings;
}): Promise<ThroughputResult> {
  const { packages, completion, settings } = options;
  const callers = createNonStreamCallers({
    packages,
    baseURL: 'http://stubbed.invalid/v1',
    fetch: createStubbedFetch(completion),
    completion,
  });
  const samples = await measureInterleaved({
    ...settings,
    expectedUnits: settings.unitsPerSample,
    contenders: callers.map((caller) => ({
      name: caller.name,
      run: () => callSequentially(caller, settings.unitsPerSample),
    })),
  });
  return summarizeThroughput({
    id: 'stubbed',
    title: 'Stubbed fetch (pure client CPU), sequential non-stream calls',
    unit: 'calls',
    method:
      `${settings.unitsPerSample} sequential completions.create-equivalent calls per sample; fetch is a stub that reads ` +
      'the request body and, in a new macrotask, returns a fresh canned Response of the spec example; raw fetch = stub + ' +
      'response.json().',
    settings,
    ours: oursName,
    samples,
  });
}

/**
 * Against the canned-response server over loopback keep-alive, with Node's global fetch (undici) in every contender.
 * `inFlight` 1 is sequential calls; more runs that many calls at once.
 */
export async function runLoopbackBenchmark(options: {
  packages: BuiltPackages;
  completion: CannedCompletion;
  server: CannedResponseServer;
  settings: RoundSettings;
  inFlight: number;
}): Promise<ThroughputResult> {
  const { packages, completion, server, settings, inFlight } = options;
  const callers = createNonStreamCallers({
    packages,
    baseURL: `${server.origin}/json/v1`,
    fetch: (input, init) => globalThis.fetch(input, init),
    completion,
  });
  const statsBefore = await server.stats();
  const samples = await measureInterleaved({
    ...settings,
    expectedUnits: settings.unitsPerSample,
    contenders: callers.map((caller) => ({
      name: caller.name,
      run: () =>
        inFlight === 1
          ? callSequentially(caller, settings.unitsPerSample)
          : callConcurrently(caller, settings.unitsPerSample, inFlight),
    })),
  });
  const statsAfter = await server.stats();
  const sequential = inFlight === 1;
  return summarizeThroughput({
    id: sequential ? 'loopback-sequential' : 'loopback-concurrent',
    title: sequential
      ? 'Loopback keep-alive server, sequential non-stream calls'
      : `Loopback keep-alive server, ${inFlight} non-stream calls in flight`,
    unit: 'calls',
    method:
      `${settings.unitsPerSample} calls per sample${sequential ? ', one at a time' : `, ${inFlight} in flight`}, to a ` +
      'node:http server in its own process that answers every POST with the spec example (content-length, keep-alive).',
    settings,
    ours: oursName,
    samples,
    serverCpuMicrosPerRequest:
      (statsAfter.cpuMicros - statsBefore.cpuMicros) / (statsAfter.requests - statsBefore.requests),
  });
}
