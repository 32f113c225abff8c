import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./support/warm-process-calls.mts', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Runs support/warm-process-calls.mts in a process of its own (the test runner's bookkeeping keeps request objects
 * alive and hides the bug): 500 quick calls, then 200 calls to a server that stopped answering while garbage is made
 * and a GC is forced. On Node 20's undici the link from an AbortSignal to a running fetch can be weak; when nothing
 * else holds it, a timeout or an abort never reaches the request and the call hangs forever.
 */
async function warmProcessCalls(scenario: 'timeout' | 'abort') {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', script, scenario], {
    cwd: repositoryRoot,
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    timedOut: number;
    aborted: number;
    other: number;
    hung: number;
  };
}

describe.concurrent('in a warm process after a GC', () => {
  it('times out all 200 calls (300 ms timeout) to a server that stopped answering', async () => {
    expect(await warmProcessCalls('timeout')).toEqual({ timedOut: 200, aborted: 0, other: 0, hung: 0 });
  }, 60_000);

  it("lands all 200 callers' aborts on calls to a server that stopped answering", async () => {
    expect(await warmProcessCalls('abort')).toEqual({ timedOut: 0, aborted: 200, other: 0, hung: 0 });
  }, 60_000);
});
