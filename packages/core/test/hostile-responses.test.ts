import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionError, APIError, AuthenticationError, type Logger } from '../src/index';
import { createFakeTransport, echo, streamEcho } from './support/fake-vendor';
import { startLoopbackServer, type LoopbackServer } from './support/loopback-server';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

describe('a 2xx body that is not an answer is an APIError saying what was wrong', () => {
  const cases: [string, string, RegExp][] = [
    ['empty', '', /body is empty/],
    ['null', 'null', /body is null/],
    ['a number', '42', /body is a number/],
    ['not JSON', '<html>oops</html>', /not valid JSON: <html>oops<\/html>/],
  ];
  for (const [name, body, message] of cases) {
    it(`${name}`, async () => {
      server = await startLoopbackServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(body);
      });
      const error = await failureOf(echo(createFakeTransport({ baseURL: server.baseURL }), 'hi'));
      expect(APIError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 200, vendor: 'fakevendor' });
      expect((error as Error).message).toMatch(message);
      // A body that is there but wrong is not retried: the server answered.
      expect(server.requests).toHaveLength(1);
    });
  }
});

describe('the key never leaks through the request id', () => {
  it('redacts an x-request-id that echoes the key, in requestId, toJSON and inspect', async () => {
    const key = 'sk-live-request-id-echo-0123456789';
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json', 'x-request-id': `req-${key}` });
      response.end(JSON.stringify({ error: { message: 'bad key' } }));
    });
    const error = await failureOf(echo(createFakeTransport({ apiKey: key, baseURL: server.baseURL }), 'hi'));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as APIError).requestId).toBe('req-[redacted]');
    for (const rendering of [(error as Error).message, JSON.stringify(error), inspect(error, { depth: Infinity })]) {
      expect(rendering).not.toContain(key);
    }
  });
});

describe('redirects', () => {
  for (const status of [307, 308]) {
    it(`follows a same-origin ${status} and sends the body again`, async () => {
      const bodies: string[] = [];
      server = await startLoopbackServer((request, response) => {
        if (request.url === '/v1/echo') {
          response.writeHead(status, { location: '/v1/moved' });
          response.end();
        } else {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ text: 'moved' }));
        }
      });
      // The loopback server drains bodies; record them through the client's fetch instead.
      const transport = createFakeTransport({
        baseURL: server.baseURL,
        fetch: (url, init) => {
          bodies.push(init.body as string);
          return globalThis.fetch(url, init);
        },
      });
      await expect(echo(transport, 'hi')).resolves.toEqual({ text: 'moved' });
      expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
        'POST /v1/echo',
        'POST /v1/moved',
      ]);
      expect(bodies).toEqual([JSON.stringify({ prompt: 'hi' })]);
    });
  }
});

describe('requests fetch refuses before connecting are not retried', () => {
  it('a port fetch blocks (bad port) fails once with APIConnectionError', async () => {
    let attempts = 0;
    const transport = createFakeTransport({
      baseURL: 'http://127.0.0.1:9/v1',
      fetch: (url, init) => {
        attempts += 1;
        return globalThis.fetch(url, init);
      },
    });
    const error = await failureOf(echo(transport, 'hi'));
    expect(APIConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('bad port');
    expect(attempts).toBe(1);
  });
});

describe('the library prints nothing for an error it throws', () => {
  it('logs no error line at the default level when retries run out', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      error: (line) => lines.push(line),
      warn: (line) => lines.push(line),
      info: () => undefined,
      debug: () => undefined,
    };
    const transport = createFakeTransport({
      logger,
      logLevel: 'warn',
      maxRetries: 1,
      fetch: () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })),
    });
    expect(APIConnectionError.isInstance(await failureOf(echo(transport, 'hi')))).toBe(true);
    expect(lines).toEqual([]);
  });
});

describe('stream lines and events have a maximum length', () => {
  const longLine = (length: number) => `{"text":"${'x'.repeat(length)}"}\n`;

  it('reads a 1 MB NDJSON line that arrives in 64 KiB chunks', async () => {
    const line = longLine(1_000_000);
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      for (let start = 0; start < line.length; start += 65_536) response.write(line.slice(start, start + 65_536));
      response.end('{"text":"after"}\n');
    });
    const stream = await streamEcho(createFakeTransport({ baseURL: server.baseURL }), { framing: 'ndjson' });
    const texts: number[] = [];
    for await (const chunk of stream) texts.push(chunk.text.length);
    expect(texts).toEqual([1_000_000, 'after'.length]);
  });

  for (const framing of ['ndjson', 'sse'] as const) {
    it(`fails a ${framing} stream whose line grows past 16 Mi characters with an APIError`, async () => {
      server = await startLoopbackServer((_request, response) => {
        response.writeHead(200, { 'content-type': framing === 'sse' ? 'text/event-stream' : 'application/x-ndjson' });
        const piece = 'x'.repeat(1 << 20);
        response.write(framing === 'sse' ? 'data: {"text":"' : '{"text":"');
        let written = 0;
        const writeMore = () => {
          // 20 MiB, written as the socket drains, and never a line end.
          while (written < 20 && response.write(piece)) written += 1;
          if (written < 20) response.once('drain', () => ((written += 1), writeMore()));
        };
        writeMore();
      });
      const stream = await streamEcho(createFakeTransport({ baseURL: server.baseURL }), { framing });
      const error = await failureOf(
        (async () => {
          for await (const _chunk of stream) {
            // No chunk is expected before the limit.
          }
        })(),
      );
      expect(APIError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(`longer than ${16 * 1024 * 1024} characters`);
    });
  }
});
