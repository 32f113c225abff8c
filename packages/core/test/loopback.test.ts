import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionTimeoutError, APIUserAbortError, InternalServerError } from '../src/index';
import { createFakeTransport, echo, streamEcho } from './support/fake-vendor';
import { startLoopbackServer, type LoopbackServer } from './support/loopback-server';
import { failOnUnhandledRejections } from './support/unhandled-rejections';

failOnUnhandledRejections();

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const sendJson = (response: import('node:http').ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

describe('against a real loopback server', () => {
  it('waits out retry-after: 1 on a 429, then succeeds', async () => {
    server = await startLoopbackServer((_request, response, attempt) => {
      if (attempt === 1) sendJson(response, 429, { error: { message: 'Rate limit exceeded' } }, { 'retry-after': '1' });
      else sendJson(response, 200, { text: 'ok' });
    });
    const started = Date.now();
    const data = await echo(createFakeTransport({ baseURL: server.baseURL }), 'hi');
    expect(data).toEqual({ text: 'ok' });
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests.map((request) => `${request.method} ${request.url} ${request.authorization}`)).toEqual([
      'POST /v1/echo Token test-key',
      'POST /v1/echo Token test-key',
    ]);
  });

  it('gives up after three 503s with InternalServerError', async () => {
    server = await startLoopbackServer((_request, response) => {
      sendJson(response, 503, { error: { message: 'overloaded' } }, { 'retry-after-ms': '20' });
    });
    const error = await echo(createFakeTransport({ baseURL: server.baseURL }), 'hi').catch((failure: unknown) => failure);
    expect(InternalServerError.isInstance(error)).toBe(true);
    expect((error as InternalServerError).status).toBe(503);
    expect(server.requests).toHaveLength(3);
  });

  it('retries after the server resets the connection', async () => {
    server = await startLoopbackServer((request, response, attempt) => {
      if (attempt === 1) request.socket.destroy();
      else sendJson(response, 200, { text: 'after reset' });
    });
    const data = await echo(createFakeTransport({ baseURL: server.baseURL }), 'hi');
    expect(data).toEqual({ text: 'after reset' });
    expect(server.requests).toHaveLength(2);
  });

  it('times out a slow response on every attempt with APIConnectionTimeoutError', async () => {
    const timers: NodeJS.Timeout[] = [];
    server = await startLoopbackServer((_request, response) => {
      timers.push(setTimeout(() => sendJson(response, 200, { text: 'too late' }), 3000));
    });
    const started = Date.now();
    const error = await echo(createFakeTransport({ baseURL: server.baseURL, timeout: 200, maxRetries: 1 }), 'hi').catch(
      (failure: unknown) => failure,
    );
    for (const timer of timers) clearTimeout(timer);
    expect(APIConnectionTimeoutError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(2);
    // Two 200 ms attempts and a backoff of 375-500 ms between them, well short of the server's 3 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('times out a body that stalls after the headers', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"text":');
    });
    const error = await echo(createFakeTransport({ baseURL: server.baseURL, timeout: 200, maxRetries: 0 }), 'hi').catch(
      (failure: unknown) => failure,
    );
    expect(APIConnectionTimeoutError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  describe('a stream the client stops while the server keeps sending', () => {
    function startEndlessStream(): Promise<{ server: LoopbackServer; closed: Promise<void> }> {
      let markClosed: () => void = () => undefined;
      const closed = new Promise<void>((resolve) => {
        markClosed = resolve;
      });
      return startLoopbackServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const ticker = setInterval(() => response.write('data: {"text":"tick"}\n\n'), 10);
        response.on('close', () => {
          clearInterval(ticker);
          markClosed();
        });
      }).then((started) => ({ server: started, closed }));
    }

    it('break closes the connection', async () => {
      const started = await startEndlessStream();
      server = started.server;
      const stream = await streamEcho(createFakeTransport({ baseURL: server.baseURL }), { framing: 'sse', terminator: '[DONE]' });
      let count = 0;
      for await (const chunk of stream) {
        expect(chunk).toEqual({ text: 'tick' });
        if (++count === 3) break;
      }
      await expect(started.closed).resolves.toBeUndefined();
    });

    it('aborting the signal mid-stream closes the connection and throws APIUserAbortError', async () => {
      const started = await startEndlessStream();
      server = started.server;
      const controller = new AbortController();
      const stream = await streamEcho(createFakeTransport({ baseURL: server.baseURL }), { framing: 'sse', terminator: '[DONE]' }, { signal: controller.signal });
      let count = 0;
      const error = await (async () => {
        for await (const _chunk of stream) {
          if (++count === 2) controller.abort();
        }
      })().catch((failure: unknown) => failure);
      expect(APIUserAbortError.isInstance(error)).toBe(true);
      await expect(started.closed).resolves.toBeUndefined();
    });
  });
  describe('a stream that reaches its terminator', () => {
    function startTerminatedStream(options: { endAfterMs: number | undefined }): Promise<{ server: LoopbackServer; outcome: Promise<'finished' | 'cut'> }> {
      let settle: (outcome: 'finished' | 'cut') => void = () => undefined;
      const outcome = new Promise<'finished' | 'cut'>((resolve) => {
        settle = resolve;
      });
      return startLoopbackServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: {"text":"one"}\n\ndata: [DONE]\n\n');
        // The server closes a moment after [DONE], as real servers do, or never (endAfterMs undefined).
        if (options.endAfterMs !== undefined) setTimeout(() => response.end(), options.endAfterMs);
        response.on('finish', () => settle('finished'));
        response.on('close', () => settle(response.writableFinished ? 'finished' : 'cut'));
      }).then((started) => ({ server: started, outcome }));
    }

    it('lets the server finish the response instead of aborting it', async () => {
      const started = await startTerminatedStream({ endAfterMs: 50 });
      server = started.server;
      const stream = await streamEcho(createFakeTransport({ baseURL: server.baseURL }), { framing: 'sse', terminator: '[DONE]' });
      const chunks: unknown[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks).toEqual([{ text: 'one' }]);
      expect(stream.controller.signal.aborted).toBe(false);
      await expect(started.outcome).resolves.toBe('finished');
    });

    it('aborts a connection the server keeps open after the terminator, about a second later', async () => {
      const started = await startTerminatedStream({ endAfterMs: undefined });
      server = started.server;
      const stream = await streamEcho(createFakeTransport({ baseURL: server.baseURL }), { framing: 'sse', terminator: '[DONE]' });
      const finishedAt = await (async () => {
        for await (const _chunk of stream) {
          // consume
        }
        return Date.now();
      })();
      await expect(started.outcome).resolves.toBe('cut');
      expect(Date.now() - finishedAt).toBeGreaterThanOrEqual(900);
      expect(stream.controller.signal.aborted).toBe(true);
    });
  });
});
