/**
 * The workload `pnpm bench:profile` runs under `node --cpu-prof`: warm-up calls, then N sequential non-stream calls of
 * one contender through the stubbed fetch (pure client CPU), or with `--loopback` to the canned-response server. The
 * measured calls run inside `runProfiledCalls`, which the summary uses to cut start-up and warm-up out of the profile.
 *   node --cpu-prof --import tsx scripts/bench/stubbed-calls-for-profile.ts --client "openai SDK" --calls 20000
 */
import { readCannedCompletion } from './canned-bodies';
import { loadBuiltPackages } from './load-built-packages';
import { createNonStreamCallers, createStubbedFetch, oursName, type NonStreamCaller } from './non-stream-callers';
import { startCannedResponseServer } from './start-canned-response-server';

function readOption(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

// The name is profiledFunctionName (stubbed-calls-for-profile-name.ts); the summary finds the calls by it.
async function runProfiledCalls(caller: NonStreamCaller, calls: number): Promise<void> {
  for (let index = 0; index < calls; index += 1) await caller.call();
}

const clientName = readOption('client') ?? oursName;
const calls = Number(readOption('calls') ?? '20000');
const warmupCalls = Number(readOption('warmup') ?? '2000');
const completion = readCannedCompletion();
// --loopback: the canned-response server in its own process and Node's fetch, as the loopback benchmark runs; undici's
// share of a real call (sockets, its Request, the signal's bookkeeping) shows there and not with the stub.
const server = process.argv.includes('--loopback') ? await startCannedResponseServer({ streamChunks: 1 }) : undefined;
const callers = createNonStreamCallers({
  packages: await loadBuiltPackages(),
  baseURL: server ? `${server.origin}/json/v1` : 'http://stubbed.invalid/v1',
  fetch: server ? (input, init) => globalThis.fetch(input, init) : createStubbedFetch(completion),
  completion,
});
const caller = callers.find((candidate) => candidate.name === clientName);
if (caller === undefined) {
  throw new Error(`--client must be one of: ${callers.map((candidate) => JSON.stringify(candidate.name)).join(', ')}.`);
}
for (let index = 0; index < warmupCalls; index += 1) await caller.call();
const started = performance.now();
await runProfiledCalls(caller, calls);
const elapsedMs = performance.now() - started;
await server?.close();
process.stdout.write(
  `${clientName}: ${calls} ${server ? 'loopback' : 'stubbed'} calls in ${elapsedMs.toFixed(0)} ms (${((elapsedMs * 1000) / calls).toFixed(1)} µs per call, with the profiler on).\n`,
);
