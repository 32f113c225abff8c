import { getEventListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionTimeoutError, APIUserAbortError, InternalServerError } from '../src/index';
import { createFakeTransport, echo, streamEcho } from './support/fake-vendor';
import { startLoopbackServer, type LoopbackServer } from './support/loopback-server';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const sendJson = (
  response: import('node:http').ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
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
    const error = await echo(createFakeTransport({ baseURL: server.baseURL }), 'hi').catch(
      (failure: unknown) => failure,
    );
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
    // Two 200 ms attempts and a backoff of 375-500 ms between them were waited out. No upper bound: the error class
    // already proves the attempts ended before the server's 3 s answer, and a busy machine may be slow.
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
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

    it('return() before the first next() closes the connection too', async () => {
      const started = await startEndlessStream();
      server = started.server;
      const stream = await streamEcho(createFakeTransport({ baseURL: server.baseURL }), {
        framing: 'sse',
        terminator: '[DONE]',
      });
      const iterator = stream[Symbol.asyncIterator]();
      await expect(iterator.return?.()).resolves.toEqual({ done: true, value: undefined });
      await expect(started.closed).resolves.toBeUndefined();
      expect(stream.controller.signal.aborted).toBe(true);
    });

    it('a tee branch that has returned stays done and reads nothing for the other', async () => {
      const started = await startEndlessStream();
      server = started.server;
      const stream = await streamEcho(createFakeTransport({ baseURL: server.baseURL }), {
        framing: 'sse',
        terminator: '[DONE]',
      });
      const [left, right] = stream.tee();
      const leftIterator = left[Symbol.asyncIterator]();
      await leftIterator.return?.();
      await expect(leftIterator.next()).resolves.toEqual({ done: true, value: undefined });
      let count = 0;
      for await (const chunk of right) {
        expect(chunk).toEqual({ text: 'tick' });
        if (++count === 2) break;
      }
      await expect(started.closed).resolves.toBeUndefined();
    });

    it('break closes the connection', async () => {
      const started = await startEndlessStream();
      server = started.server;
      const stream = await streamEcho(createFakeTransport({ baseURL: server.baseURL }), {
        framing: 'sse',
        terminator: '[DONE]',
      });
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
      const stream = await streamEcho(
        createFakeTransport({ baseURL: server.baseURL }),
        { framing: 'sse', terminator: '[DONE]' },
        { signal: controller.signal },
      );
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
    function startTerminatedStream(options: {
      endAfterMs: number | undefined;
    }): Promise<{ server: LoopbackServer; outcome: Promise<'finished' | 'cut'> }> {
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
      const stream = await streamEcho(createFakeTransport({ baseURL: server.baseURL }), {
        framing: 'sse',
        terminator: '[DONE]',
      });
      const chunks: unknown[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks).toEqual([{ text: 'one' }]);
      expect(stream.controller.signal.aborted).toBe(false);
      await expect(started.outcome).resolves.toBe('finished');
    });

    it('aborts a connection the server keeps open after the terminator, about a second later', async () => {
      const started = await startTerminatedStream({ endAfterMs: undefined });
      server = started.server;
      const stream = await streamEcho(createFakeTransport({ baseURL: server.baseURL }), {
        framing: 'sse',
        terminator: '[DONE]',
      });
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

describe('streams release what they hold, and time out when the body stalls', () => {
  /** A server whose responses report when their connection closes. */
  async function startServer(write: (response: ServerResponse, attempt: number) => void) {
    const closes: number[] = [];
    const started = await startLoopbackServer((_request, response, attempt) => {
      response.on('close', () => closes.push(attempt));
      write(response, attempt);
    });
    server = started;
    return { server: started, closes };
  }
  const sse = { framing: 'sse', terminator: '[DONE]' } as const;
  const waitFor = async (condition: () => boolean, timeoutMs = 2000) => {
    const started = Date.now();
    while (!condition() && Date.now() - started < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 10));
    return condition();
  };

  it('50 completed streams, a failed one and a broken one leave no listener on the caller signal and no warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const { server: started } = await startServer((response, attempt) => {
        if (attempt === 51)
          return void response
            .writeHead(500, { 'content-type': 'application/json' })
            .end('{"error":{"message":"down"}}');
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        if (attempt === 52) return void response.write('data: {"text":"a"}\n\n');
        response.end('data: {"text":"a"}\n\ndata: [DONE]\n\n');
      });
      const transport = createFakeTransport({ baseURL: started.baseURL, maxRetries: 0 });
      const caller = new AbortController();
      for (let index = 0; index < 50; index++) {
        const stream = await streamEcho(transport, sse, { signal: caller.signal });
        for await (const _chunk of stream) {
          // read to the end
        }
      }
      await expect(streamEcho(transport, sse, { signal: caller.signal })).rejects.toThrow(/down/);
      for await (const _chunk of await streamEcho(transport, sse, { signal: caller.signal })) break;
      await new Promise((resolve) => setImmediate(resolve));
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  describe('tee()', () => {
    const endless = (response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const ticker = setInterval(() => response.write('data: {"text":"tick"}\n\n'), 10);
      response.on('close', () => clearInterval(ticker));
    };

    it('aborts the request once both branches break, and not while one still reads', async () => {
      const { server: started, closes } = await startServer(endless);
      const [first, second] = (await streamEcho(createFakeTransport({ baseURL: started.baseURL }), sse)).tee();
      for await (const _chunk of first) break;
      let read = 0;
      for await (const _chunk of second) {
        // The first branch is gone; the second keeps reading the same connection.
        if (++read === 5) {
          expect(closes).toEqual([]);
          break;
        }
      }
      expect(await waitFor(() => closes.length === 1)).toBe(true);
      expect(first.controller.signal.aborted).toBe(true);
    });

    it('aborts the request once both branches are cancelled through toReadableStream()', async () => {
      const { server: started, closes } = await startServer(endless);
      const branches = (await streamEcho(createFakeTransport({ baseURL: started.baseURL }), sse)).tee();
      for (const branch of branches) {
        const reader = branch.toReadableStream().getReader();
        await reader.read();
        await reader.cancel();
      }
      expect(await waitFor(() => closes.length === 1)).toBe(true);
    });
  });

  describe('a body that stalls after the headers', () => {
    const stalling = (response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('data: {"text":"first"}\n\n');
    };

    it('ends a Stream with APIConnectionTimeoutError after timeout ms without data, and closes the connection', async () => {
      const { server: started, closes } = await startServer(stalling);
      const stream = await streamEcho(createFakeTransport({ baseURL: started.baseURL, timeout: 200 }), sse);
      const chunks: unknown[] = [];
      const begun = Date.now();
      const error = await (async () => {
        for await (const chunk of stream) chunks.push(chunk);
      })().catch((failure: unknown) => failure);
      expect(APIConnectionTimeoutError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('sent no data for 200 ms');
      expect(chunks).toEqual([{ text: 'first' }]);
      // The idle timeout was waited out (the stalling body never ends, so only the timeout can end the stream).
      expect(Date.now() - begun).toBeGreaterThanOrEqual(190);
      expect(await waitFor(() => closes.length === 1)).toBe(true);
      // Not retried mid-stream.
      expect(started.requests).toHaveLength(1);
    });

    it('rejects a raw client call with APIConnectionTimeoutError and closes the connection', async () => {
      const { server: started, closes } = await startServer((response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"text":');
      });
      const transport = createFakeTransport({ baseURL: started.baseURL, timeout: 200 });
      const error = await transport.client
        .POST('/echo', { body: { prompt: 'hi' } })
        .catch((failure: unknown) => failure);
      expect(APIConnectionTimeoutError.isInstance(error)).toBe(true);
      expect(await waitFor(() => closes.length === 1)).toBe(true);
      expect(started.requests).toHaveLength(1);
    });

    it('times each read, not the whole body: a slow trickle and a slow reader both finish', async () => {
      const { server: started } = await startServer((response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        let sent = 0;
        const ticker = setInterval(() => {
          response.write('data: {"text":"tick"}\n\n');
          if (++sent === 6) {
            clearInterval(ticker);
            response.end('data: [DONE]\n\n');
          }
        }, 80);
      });
      const stream = await streamEcho(createFakeTransport({ baseURL: started.baseURL, timeout: 200 }), sse);
      let read = 0;
      for await (const _chunk of stream) {
        read++;
        // The reader dawdles longer than the timeout; that is not the server stalling.
        if (read === 2) await new Promise((resolve) => setTimeout(resolve, 350));
      }
      expect(read).toBe(6);
    });

    it("times each read of a raw client's body too: a trickle longer than the timeout in total still arrives", async () => {
      const { server: started } = await startServer((response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        const pieces = ['{"text":', '"tick', 'tock', 'tick', 'tock"', '}'];
        const ticker = setInterval(() => {
          const piece = pieces.shift();
          if (pieces.length === 0) {
            clearInterval(ticker);
            response.end(piece);
          } else response.write(piece);
        }, 80);
      });
      const transport = createFakeTransport({ baseURL: started.baseURL, timeout: 200 });
      const begun = Date.now();
      const { data } = await transport.client.POST('/echo', { body: { prompt: 'hi' } });
      expect(data).toEqual({ text: 'ticktockticktock' });
      // Six pieces 80 ms apart: the whole body took longer than the 200 ms timeout, no single read did.
      expect(Date.now() - begun).toBeGreaterThanOrEqual(400);
    });
  });
});
