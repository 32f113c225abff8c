import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  type Logger,
} from '../src/index';
import { createTransport } from '../src/internal';
import { byteStream } from './support/byte-stream';
import { createFakeTransport, echo, fakeDescriptor, fakeOperations, streamEcho } from './support/fake-vendor';
import { requestFetch } from './support/request-fetch';

const apiKey = 'sk-test-SECRET-123';

/** A server that misbehaves as badly as real ones do: it echoes the key in bodies, headers and messages. */
function leakyFetch(status: number) {
  return async () =>
    Response.json(
      { error: { message: `Invalid key ${apiKey}` }, echoed: { authorization: `Token ${apiKey}` }, list: [apiKey] },
      { status, headers: { 'x-echo-key': apiKey, 'x-request-id': 'rid-1' } },
    );
}

async function provoke(): Promise<{ errors: Map<string, unknown>; log: string }> {
  const lines: string[] = [];
  const logger: Logger = {
    error: (message) => lines.push(message),
    warn: (message) => lines.push(message),
    info: (message) => lines.push(message),
    debug: (message) => lines.push(message),
  };
  const make = (handle: (request: Request) => Promise<Response>, extra: { timeout?: number } = {}) =>
    createFakeTransport({ apiKey, fetch: requestFetch(handle), logger, logLevel: 'debug', maxRetries: 0, ...extra });
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );
  const errors = new Map<string, unknown>();

  for (const status of [400, 401, 403, 404, 409, 422, 429, 500]) {
    errors.set(`status ${status}`, await failureOf(echo(make(leakyFetch(status)), 'hi')));
  }
  errors.set(
    'connection',
    await failureOf(
      echo(
        make(async () => {
          throw new TypeError(`fetch failed for ${apiKey}`, { cause: new Error(`socket said ${apiKey}`) });
        }),
        'hi',
      ),
    ),
  );
  const hang = (request: Request) =>
    new Promise<Response>((_resolve, reject) =>
      request.signal.addEventListener('abort', () => reject(new Error(`aborted ${apiKey}`))),
    );
  errors.set('timeout', await failureOf(echo(make(hang, { timeout: 5 }), 'hi')));
  const controller = new AbortController();
  const aborted = echo(make(hang), 'hi', { signal: controller.signal });
  controller.abort(new Error(`caller reason ${apiKey}`));
  errors.set('abort', await failureOf(aborted));

  const streamOf = (text: string) => async () => new Response(byteStream(text), { status: 200 });
  const errorEvent = `event: error\ndata: {"error":{"message":"bad ${apiKey}"}}\n\n`;
  const stream = await streamEcho(make(streamOf(errorEvent)), { framing: 'sse', terminator: '[DONE]' });
  errors.set(
    'stream error event',
    await failureOf(
      (async () => {
        for await (const _chunk of stream) {
          /* drain */
        }
      })(),
    ),
  );
  const truncated = await streamEcho(make(streamOf(`{"text":"${apiKey}`)), { framing: 'ndjson' });
  errors.set(
    'stream truncated',
    await failureOf(
      (async () => {
        for await (const _chunk of truncated) {
          /* drain */
        }
      })(),
    ),
  );
  const notJson = await streamEcho(make(streamOf(`data: ${apiKey}\n\n`)), { framing: 'sse' });
  errors.set(
    'stream not JSON',
    await failureOf(
      (async () => {
        for await (const _chunk of notJson) {
          /* drain */
        }
      })(),
    ),
  );

  const transport = make(leakyFetch(200));
  errors.set(
    '200 failure',
    transport.createAPIError({
      response: new Response(null, { headers: { 'x-key': apiKey } }),
      body: { message: `no credit for ${apiKey}` },
    }),
  );
  errors.set(
    'malformed 2xx',
    await failureOf(
      echo(
        make(async () => new Response(`{"text":"${apiKey}`)),
        'hi',
      ),
    ),
  );
  return { errors, log: lines.join('\n') };
}

describe('the API key never leaks', () => {
  it('appears in no error message, stack, JSON, String, inspect output, body, headers or log line', async () => {
    const { errors, log } = await provoke();
    const expectedClasses: Record<string, { isInstance(value: unknown): boolean }> = {
      'status 400': BadRequestError,
      'status 401': AuthenticationError,
      'status 403': PermissionDeniedError,
      'status 404': NotFoundError,
      'status 409': ConflictError,
      'status 422': UnprocessableEntityError,
      'status 429': RateLimitError,
      'status 500': InternalServerError,
      connection: APIConnectionError,
      timeout: APIConnectionTimeoutError,
      abort: APIUserAbortError,
      'stream error event': APIError,
      'stream truncated': APIConnectionError,
      'stream not JSON': APIError,
      '200 failure': APIError,
      'malformed 2xx': APIError,
    };
    for (const [name, ErrorClass] of Object.entries(expectedClasses)) {
      const error = errors.get(name) as Error;
      expect(ErrorClass.isInstance(error), name).toBe(true);
      for (const rendering of [
        error.message,
        error.stack,
        JSON.stringify(error),
        String(error),
        inspect(error, { depth: 10 }),
      ]) {
        expect(rendering, name).not.toContain(apiKey);
        expect(rendering, name).not.toContain('SECRET');
      }
      if (APIError.isInstance(error)) {
        expect(JSON.stringify(error.body) ?? '', name).not.toContain(apiKey);
        expect(JSON.stringify(Object.fromEntries(error.headers)), name).not.toContain(apiKey);
      }
    }
    // The redaction is visible where the key was, so these checks cannot pass by the key simply being absent.
    expect((errors.get('status 401') as APIError).message).toContain('Invalid key [redacted]');
    expect((errors.get('status 401') as APIError).headers.get('x-echo-key')).toBe('[redacted]');
    expect(log).toContain('"authorization":"[redacted]"');
    expect(log).toContain('attempt 1 -> 401');
    expect(log).not.toContain(apiKey);
  });

  it('redacts a key that came from <PREFIX>_API_KEY', async () => {
    vi.stubEnv('FAKEVENDOR_API_KEY', apiKey);
    const transport = createTransport(fakeDescriptor, { fetch: leakyFetch(401), maxRetries: 0, logLevel: 'off' });
    const error = await echo(transport as ReturnType<typeof createFakeTransport>, 'hi').catch(
      (failure: unknown) => failure,
    );
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(inspect(error, { depth: 10 })).not.toContain(apiKey);
    expect(JSON.stringify(error)).toContain('[redacted]');
  });
});

describe('redaction holds where the key is cut, nested, encoded or used as a name', () => {
  const key = 'sk-STRADDLE0123456789abcdef';
  // Any 8 characters of the key are enough to count as a leak.
  const keyPrefix = key.slice(0, 8);

  function renderings(error: unknown): string[] {
    const failure = error as Error;
    return [failure.message, String(failure.stack), JSON.stringify(failure), inspect(failure, { depth: Infinity })];
  }
  function expectNoKey(error: unknown, secrets: string[] = [key, keyPrefix]): void {
    expect(APIError.isInstance(error)).toBe(true);
    for (const rendering of renderings(error)) for (const secret of secrets) expect(rendering).not.toContain(secret);
  }
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );
  const transportWith = (handle: (request: Request) => Promise<Response>, secret = key) =>
    createFakeTransport({ apiKey: secret, fetch: requestFetch(handle), maxRetries: 0 });

  it('redacts before truncating an error body, when the key straddles the 500-character cut', async () => {
    // 486 + 28: the cut at 500 would keep the first 14 characters of the key.
    const body = `${'x'.repeat(486)}${key}`;
    const error = await failureOf(
      echo(
        transportWith(async () => new Response(body, { status: 401 })),
        'hi',
      ),
    );
    expectNoKey(error);
    expect((error as APIError).message).toContain(`${'x'.repeat(486)}[redac`);
  });

  it('redacts before truncating a stream payload that is not JSON', async () => {
    const transport = transportWith(async () => new Response(byteStream(`data: ${'y'.repeat(186)}${key}\n\n`)));
    const stream = await streamEcho(transport, { framing: 'sse' });
    const error = await failureOf(
      (async () => {
        for await (const _chunk of stream) {
          /* drain */
        }
      })(),
    );
    expectNoKey(error);
    expect((error as APIError).message).toContain(`${'y'.repeat(186)}[redacted]`);
  });

  it('builds the malformed-2xx message from redacted text, not from V8 quoting the start of the body', async () => {
    for (const text of [`<html>${key}</html>`, `{"note":"${'a'.repeat(480)}${key}" oops}`]) {
      const error = await failureOf(
        echo(
          transportWith(async () => new Response(text, { status: 200 })),
          'hi',
        ),
      );
      expectNoKey(error);
      expect(JSON.stringify((error as APIError).body)).toContain('[redact');
    }
  });

  it('drops a cause that holds the key two causes deep', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: new Error('socket', { cause: new Error(`auth header was Token ${key}`) }),
      });
    };
    const error = await failureOf(echo(transportWith(fetch), 'hi'));
    expectNoKey(error);
    expect(APIConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).cause).toBeUndefined();
  });

  it('drops a cause whose own properties hold the key or a Request', async () => {
    const withConfig = async (request: Request) => {
      throw Object.assign(new TypeError('fetch failed'), { config: { headers: Object.fromEntries(request.headers) } });
    };
    const withRequest = async (request: Request) => {
      throw Object.assign(new TypeError('fetch failed'), { request });
    };
    for (const fetch of [withConfig, withRequest]) {
      const error = await failureOf(echo(transportWith(fetch), 'hi'));
      expectNoKey(error);
      expect((error as Error).cause).toBeUndefined();
    }
  });

  it('keeps a cause that is free of the key', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', port: 443 }),
      });
    };
    const error = await failureOf(echo(transportWith(fetch), 'hi'));
    expect(((error as Error).cause as Error).message).toBe('fetch failed');
  });

  it('redacts the key where it is an object key in the body', async () => {
    const body = { error: { message: 'bad', param: { [key]: 'invalid', nested: [{ [`prefix-${key}`]: 1 }] } } };
    const error = await failureOf(
      echo(
        transportWith(async () => Response.json(body, { status: 400 })),
        'hi',
      ),
    );
    expectNoKey(error);
    expect((error as APIError).body).toEqual({
      error: { message: 'bad', param: { '[redacted]': 'invalid', nested: [{ 'prefix-[redacted]': 1 }] } },
    });
  });

  it('redacts the key at any depth of the body', async () => {
    for (const depth of [25, 3000]) {
      let body: unknown = { value: `key ${key}` };
      for (let level = 0; level < depth; level++) body = { next: body };
      const text = JSON.stringify(body);
      const error = await failureOf(
        echo(
          transportWith(async () => new Response(text, { status: 400 })),
          'hi',
        ),
      );
      expect(JSON.stringify((error as APIError).body)).toBe(text.replace(key, '[redacted]'));
      if (depth === 25) expectNoKey(error);
    }
  });

  it('redacts the URL-encoded and form-encoded key', async () => {
    const oddKey = 'sk/ODD+SECRET==!';
    const urlEncoded = encodeURIComponent(oddKey);
    const formEncoded = new URLSearchParams([['', oddKey]]).toString().slice(1);
    expect(new Set([oddKey, urlEncoded, formEncoded]).size).toBe(3);
    const lines: string[] = [];
    const logger: Logger = {
      error: (line) => lines.push(line),
      warn: (line) => lines.push(line),
      info: (line) => lines.push(line),
      debug: (line) => lines.push(line),
    };
    const echoing = async (request: Request) =>
      Response.json(
        { error: { message: `bad token in ${request.url} and in the form token=${formEncoded}` } },
        { status: 401 },
      );
    const transport = createFakeTransport({
      apiKey: oddKey,
      fetch: requestFetch(echoing),
      maxRetries: 0,
      logger,
      logLevel: 'debug',
    });
    const error = await failureOf(transport.call(fakeOperations.echo, { prompt: 'hi', token: oddKey }));
    expect((error as APIError).message).toContain('token=[redacted] and in the form token=[redacted]');
    const log = lines.join('\n');
    expect(log).toContain('/echo?token=[redacted]');
    for (const rendering of [...renderings(error), log]) {
      for (const secret of [oddKey, urlEncoded, formEncoded, 'ODD']) expect(rendering).not.toContain(secret);
    }
  });

  it('matches a key too short to be real only as a whole token, so messages stay readable', async () => {
    const echoing = async () =>
      Response.json({ error: { message: 'Check the network; key=k was refused, k too' } }, { status: 401 });
    const transport = createFakeTransport({ apiKey: 'k', fetch: echoing, maxRetries: 0 });
    const error = await failureOf(echo(transport, 'hi'));
    expect((error as APIError).message).toContain('Check the network; key=[redacted] was refused, [redacted] too');
  });
});
