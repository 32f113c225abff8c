import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from '../src/index';
import { createFakeTransport, echo, fakeOperations } from './support/fake-vendor';
import { requestFetch } from './support/request-fetch';

type Reply = (request: Request) => Response | Promise<Response>;

/** An injected fetch that plays replies in order (the last one repeats) and records when each attempt came. */
function scriptedFetch(replies: Reply[]) {
  const attempts: { at: number; request: Request }[] = [];
  const fetch = requestFetch(async (request) => {
    attempts.push({ at: Date.now(), request });
    const reply = replies[Math.min(attempts.length - 1, replies.length - 1)];
    if (!reply) throw new Error('no reply scripted');
    return reply(request);
  });
  return {
    fetch,
    attempts,
    gaps: () => attempts.slice(1).map((attempt, index) => attempt.at - (attempts[index]?.at ?? 0)),
  };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    Response.json(body, { status, headers });
const ok = json(200, { text: 'done' });
const hangUntilAborted: Reply = (request) =>
  new Promise((_resolve, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason));
  });

/** Runs a call to completion under fake timers and returns its outcome. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

describe('retries with an injected fetch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-03-01T12:00:00Z'));
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries a 429 after retry-after seconds', async () => {
    const script = scriptedFetch([json(429, { error: { message: 'slow down' } }, { 'retry-after': '3' }), ok]);
    const result = await settle(echo(createFakeTransport({ fetch: script.fetch }), 'hi'));
    expect(result.value).toEqual({ text: 'done' });
    expect(script.gaps()).toEqual([3000]);
  });

  it('retries after an HTTP-date retry-after', async () => {
    const inFourSeconds = new Date(Date.now() + 4000).toUTCString();
    const script = scriptedFetch([json(503, {}, { 'retry-after': inFourSeconds }), ok]);
    await settle(echo(createFakeTransport({ fetch: script.fetch }), 'hi'));
    expect(script.gaps()).toEqual([4000]);
  });

  it('prefers retry-after-ms', async () => {
    const script = scriptedFetch([json(500, {}, { 'retry-after-ms': '250', 'retry-after': '5' }), ok]);
    await settle(echo(createFakeTransport({ fetch: script.fetch }), 'hi'));
    expect(script.gaps()).toEqual([250]);
  });

  it('backs off 0.5 s then 1 s, then gives up with the mapped error after maxRetries + 1 attempts', async () => {
    const script = scriptedFetch([json(500, { error: { message: 'boom' } })]);
    const result = await settle(echo(createFakeTransport({ fetch: script.fetch }), 'hi'));
    expect(InternalServerError.isInstance(result.error)).toBe(true);
    expect(script.attempts).toHaveLength(3);
    expect(script.gaps()).toEqual([500, 1000]);
  });

  it('applies jitter within 25% below the backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.4);
    const script = scriptedFetch([json(408, {}), ok]);
    await settle(echo(createFakeTransport({ fetch: script.fetch }), 'hi'));
    expect(script.gaps()).toEqual([500 * (1 - 0.4 * 0.25)]);
  });

  it('does not retry when x-should-retry is false, even on a 503', async () => {
    const script = scriptedFetch([json(503, {}, { 'x-should-retry': 'false' }), ok]);
    const result = await settle(echo(createFakeTransport({ fetch: script.fetch }), 'hi'));
    expect(InternalServerError.isInstance(result.error)).toBe(true);
    expect(script.attempts).toHaveLength(1);
  });

  it('retries a 400 when x-should-retry is true', async () => {
    const script = scriptedFetch([json(400, {}, { 'x-should-retry': 'true' }), ok]);
    const result = await settle(echo(createFakeTransport({ fetch: script.fetch }), 'hi'));
    expect(result.value).toEqual({ text: 'done' });
    expect(script.attempts).toHaveLength(2);
  });

  it('does not retry a plain 400', async () => {
    const script = scriptedFetch([json(400, { error: { message: 'bad prompt' } }), ok]);
    const result = await settle(echo(createFakeTransport({ fetch: script.fetch }), 'hi'));
    expect(BadRequestError.isInstance(result.error)).toBe(true);
    expect(script.attempts).toHaveLength(1);
  });

  it('retries connection errors', async () => {
    const script = scriptedFetch([
      () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      },
      ok,
    ]);
    const result = await settle(echo(createFakeTransport({ fetch: script.fetch }), 'hi'));
    expect(result.value).toEqual({ text: 'done' });
    expect(script.attempts).toHaveLength(2);
  });

  it('throws APIConnectionError naming the cause once retries run out', async () => {
    const script = scriptedFetch([
      () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      },
    ]);
    const result = await settle(echo(createFakeTransport({ fetch: script.fetch, maxRetries: 1 }), 'hi'));
    expect(APIConnectionError.isInstance(result.error)).toBe(true);
    expect(String(result.error)).toContain('ECONNREFUSED');
    expect(script.attempts).toHaveLength(2);
  });

  it('times out each attempt, retries, then throws APIConnectionTimeoutError', async () => {
    const script = scriptedFetch([hangUntilAborted]);
    const transport = createFakeTransport({ fetch: script.fetch, timeout: 1000 });
    const result = await settle(echo(transport, 'hi'));
    expect(APIConnectionTimeoutError.isInstance(result.error)).toBe(true);
    expect(script.attempts).toHaveLength(3);
    // 1 s timeout, 0.5 s backoff, 1 s timeout, 1 s backoff, then the third attempt.
    expect(script.gaps()).toEqual([1500, 2000]);
  });

  it('lets one request override timeout and maxRetries', async () => {
    const script = scriptedFetch([hangUntilAborted]);
    const transport = createFakeTransport({ fetch: script.fetch, timeout: 60_000, maxRetries: 5 });
    const result = await settle(echo(transport, 'hi', { timeout: 100, maxRetries: 1 }));
    expect(APIConnectionTimeoutError.isInstance(result.error)).toBe(true);
    expect(script.gaps()).toEqual([600]);
  });

  it('makes one attempt only with maxRetries 0', async () => {
    const script = scriptedFetch([json(429, {}), ok]);
    const result = await settle(echo(createFakeTransport({ fetch: script.fetch }), 'hi', { maxRetries: 0 }));
    expect(RateLimitError.isInstance(result.error)).toBe(true);
    expect(script.attempts).toHaveLength(1);
  });

  it('never retries after the caller aborts an attempt in flight', async () => {
    const script = scriptedFetch([hangUntilAborted, ok]);
    const controller = new AbortController();
    const call = echo(createFakeTransport({ fetch: script.fetch }), 'hi', { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const result = await settle(call);
    expect(APIUserAbortError.isInstance(result.error)).toBe(true);
    expect(APIConnectionError.isInstance(result.error)).toBe(false);
    expect(script.attempts).toHaveLength(1);
  });

  it('stops waiting for a retry when the caller aborts during the backoff', async () => {
    const script = scriptedFetch([json(503, {}, { 'retry-after': '10' }), ok]);
    const controller = new AbortController();
    const call = echo(createFakeTransport({ fetch: script.fetch }), 'hi', { signal: controller.signal });
    setTimeout(() => controller.abort(), 2000);
    const result = await settle(call);
    expect(APIUserAbortError.isInstance(result.error)).toBe(true);
    expect(script.attempts).toHaveLength(1);
    expect(Date.now() - (script.attempts[0]?.at ?? 0)).toBe(2000);
  });

  it('does not start at all when the signal is already aborted', async () => {
    const script = scriptedFetch([ok]);
    const result = await settle(
      echo(createFakeTransport({ fetch: script.fetch }), 'hi', { signal: AbortSignal.abort() }),
    );
    expect(APIUserAbortError.isInstance(result.error)).toBe(true);
    expect(script.attempts).toHaveLength(0);
  });

  it('sends a fresh request with the same body, headers and auth on every attempt', async () => {
    const bodies: string[] = [];
    const script = scriptedFetch([
      async (request) => {
        bodies.push(await request.text());
        return json(503, {})();
      },
      async (request) => {
        bodies.push(await request.text());
        return ok();
      },
    ]);
    await settle(echo(createFakeTransport({ fetch: script.fetch }), 'same body'));
    expect(bodies).toEqual(['{"prompt":"same body"}', '{"prompt":"same body"}']);
    expect(script.attempts[0]?.request === script.attempts[1]?.request).toBe(false);
    for (const attempt of script.attempts) {
      expect(attempt.request.headers.get('authorization')).toBe('Token test-key');
      expect(attempt.request.headers.get('content-type')).toBe('application/json');
    }
  });

  it('keeps a multipart body and its boundary across retries', async () => {
    const received: { contentType: string | null; body: string }[] = [];
    const record: Reply = async (request) => {
      received.push({ contentType: request.headers.get('content-type'), body: await request.text() });
      return received.length === 1 ? json(502, {})() : ok();
    };
    const script = scriptedFetch([record]);
    const transport = createFakeTransport({ fetch: script.fetch });
    const messages = [{ role: 'user', content: 'hello' }];
    // The spec's multipart form, `messages` a JSON-encoded text part (specs/CONVENTIONS.md, `encoding`).
    const call = transport.call(fakeOperations.upload, { messages, file: 'file text' });
    const result = await settle(call);
    expect(result.value).toEqual({ text: 'done' });
    expect(received).toHaveLength(2);
    // fetch serializes the FormData again on each attempt, so the boundary may differ; the parts must not.
    for (const attempt of received) {
      expect(attempt.contentType).toMatch(/^multipart\/form-data; boundary=/);
      const form = await new Response(attempt.body, {
        headers: { 'content-type': attempt.contentType ?? '' },
      }).formData();
      expect(JSON.parse(form.get('messages') as string)).toEqual(messages);
      expect(form.get('file')).toBe('file text');
    }
  });
});
