/**
 * Run as its own process (`node --expose-gc --import tsx`), outside the test runner, whose own bookkeeping can keep
 * request objects alive and hide the bug: one client makes 500 quick calls, the server stops answering, then 200 calls
 * wait on it while the process allocates garbage and a GC runs. Prints one JSON line: how the 200 calls ended.
 * argv[2]: `timeout` (each call has a 300 ms timeout) or `abort` (each call's AbortSignal is aborted after the GC).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
// The defining module, not an entry: tsx runs this commonjs package's re-export chains as CJS, which Node's ESM loader
// cannot see through.
import { APIConnectionTimeoutError, APIUserAbortError } from '../../src/textgen-error';
import { createFakeTransport, echo } from './fake-vendor';

const collectGarbage = (globalThis as { gc?: () => void }).gc;
if (!collectGarbage) throw new Error('Run with node --expose-gc.');
const scenario = process.argv[2];

let answering = true;
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (!answering) return;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ text: 'warm' }));
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
const transport = createFakeTransport({ baseURL, maxRetries: 0, timeout: scenario === 'timeout' ? 300 : 60_000 });
// The warm-up calls take the same path as the calls measured (no per-call options), or V8 would optimize another
// shape. On a busy machine one may time out; that is not what is measured here.
for (let index = 0; index < 500; index++) await echo(transport, 'hi').catch(() => undefined);
answering = false;

const counts = { timedOut: 0, aborted: 0, other: 0, hung: 200 };
const controllers = Array.from({ length: 200 }, () => new AbortController());
for (const controller of controllers) {
  echo(transport, 'hi', scenario === 'abort' ? { signal: controller.signal } : {})
    .then(
      () => counts.other++,
      (error: unknown) => {
        if (APIConnectionTimeoutError.isInstance(error)) counts.timedOut++;
        else if (APIUserAbortError.isInstance(error)) counts.aborted++;
        else counts.other++;
      },
    )
    .finally(() => counts.hung--);
}
const churn = setInterval(() => Array.from({ length: 100_000 }, (_unused, index) => ({ index })), 5);
setTimeout(() => {
  collectGarbage();
  if (scenario === 'abort') setTimeout(() => controllers.forEach((controller) => controller.abort()), 200);
}, 100);
// Far past the 300 ms timeout and the abort, also on a busy CI machine: whatever has not settled by then hangs (the
// bug this guards against hangs forever).
setTimeout(() => {
  clearInterval(churn);
  console.log(JSON.stringify(counts));
  process.exit(0);
}, 10_000);
