import { describe, expect, it, vi } from 'vitest';
import { TextgenError } from '../src/index';
import { createFakeTransport, echo, streamEcho } from './support/fake-vendor';
import { startLoopbackServer } from './support/loopback-server';

const badMaxRetries = [Number.NaN, -1, 1.5, Infinity, '2' as unknown as number];
const badTimeouts = [Number.NaN, 0, -5, -Infinity, '100' as unknown as number];

describe('maxRetries and timeout are checked before any request', () => {
  it.each(badMaxRetries)('createTransport rejects maxRetries %s, naming the option', (maxRetries) => {
    const fetch = vi.fn(async () => Response.json({ text: 'ok' }));
    expect(() => createFakeTransport({ fetch, maxRetries })).toThrow(TextgenError);
    expect(() => createFakeTransport({ fetch, maxRetries })).toThrow(
      /maxRetries must be a whole number of retries, 0 or more/,
    );
  });

  it.each(badTimeouts)('createTransport rejects timeout %s, naming the option', (timeout) => {
    expect(() => createFakeTransport({ timeout })).toThrow(
      /timeout must be a positive number of milliseconds .* or Infinity for no timeout/,
    );
  });

  it.each([{ maxRetries: Number.NaN }, { maxRetries: -1 }, { timeout: 0 }, { timeout: Number.NaN }])(
    'a call with %o rejects with a TextgenError and sends nothing, for request() and requestStream()',
    async (requestOptions) => {
      const fetch = vi.fn(async () => Response.json({ text: 'ok' }));
      const transport = createFakeTransport({ fetch });
      const name = Object.keys(requestOptions)[0] as string;
      for (const call of [
        echo(transport, 'hi', requestOptions),
        streamEcho(transport, { framing: 'ndjson' }, requestOptions),
      ]) {
        const error = await call.catch((failure: unknown) => failure);
        expect(TextgenError.isInstance(error)).toBe(true);
        expect((error as Error).message).toContain(`${name} must be`);
      }
      expect(fetch).not.toHaveBeenCalled();
    },
  );

  it('accepts maxRetries 0 and a whole number, and a fractional timeout', async () => {
    const fetch = vi.fn(async () => Response.json({ text: 'ok' }));
    await expect(
      echo(createFakeTransport({ fetch, maxRetries: 0, timeout: 1500.5 }), 'hi', { maxRetries: 3 }),
    ).resolves.toEqual({ text: 'ok' });
  });

  // setTimeout fires at once for delays above 2^31-1 ms; these must mean "no timeout" / "about 24.8 days", not 1 ms.
  it.each([Infinity, 2 ** 31, 30 * 24 * 3600 * 1000])('timeout %s does not fire at once', async (timeout) => {
    const timers: NodeJS.Timeout[] = [];
    const server = await startLoopbackServer((_request, response) => {
      timers.push(
        setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"late"}'), 100),
      );
    });
    try {
      await expect(
        echo(createFakeTransport({ baseURL: server.baseURL, timeout, maxRetries: 0 }), 'hi'),
      ).resolves.toEqual({ text: 'late' });
      await expect(
        echo(createFakeTransport({ baseURL: server.baseURL, maxRetries: 0 }), 'hi', { timeout }),
      ).resolves.toEqual({ text: 'late' });
    } finally {
      for (const timer of timers) clearTimeout(timer);
      await server.close();
    }
  });
});

describe('the API key must fit in an HTTP header', () => {
  it.each(['sk-with\u201csmart-quote', 'sk-zero\u200bwidth', 'sk-new\nline'])(
    'rejects %j at creation without quoting it',
    (apiKey) => {
      const create = () => createFakeTransport({ apiKey });
      expect(create).toThrow(TextgenError);
      expect(create).toThrow(/characters an HTTP header cannot carry/);
      try {
        create();
      } catch (error) {
        expect(String((error as Error).message)).not.toContain(apiKey);
      }
    },
  );
});
