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
  TextgenError,
  UnprocessableEntityError,
  createTransport,
  type Logger,
} from '../src/index';
import { byteStream } from './support/byte-stream';
import { createFakeTransport, echo, fakeDescriptor, streamEcho } from './support/fake-vendor';
import { failOnUnhandledRejections } from './support/unhandled-rejections';

failOnUnhandledRejections();

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
  const make = (fetch: (request: Request) => Promise<Response>, extra: { timeout?: number } = {}) =>
    createFakeTransport({ apiKey, fetch, logger, logLevel: 'debug', maxRetries: 0, ...extra });
  const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
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
    new Promise<Response>((_resolve, reject) => request.signal.addEventListener('abort', () => reject(new Error(`aborted ${apiKey}`))));
  errors.set('timeout', await failureOf(echo(make(hang, { timeout: 5 }), 'hi')));
  const controller = new AbortController();
  const aborted = echo(make(hang), 'hi', { signal: controller.signal });
  controller.abort(new Error(`caller reason ${apiKey}`));
  errors.set('abort', await failureOf(aborted));

  const streamOf = (text: string) => async () => new Response(byteStream(text), { status: 200 });
  const errorEvent = `event: error\ndata: {"error":{"message":"bad ${apiKey}"}}\n\n`;
  const stream = await streamEcho(make(streamOf(errorEvent)), { framing: 'sse', terminator: '[DONE]' });
  errors.set('stream error event', await failureOf((async () => { for await (const _chunk of stream) { /* drain */ } })()));
  const truncated = await streamEcho(make(streamOf(`{"text":"${apiKey}`)), { framing: 'ndjson' });
  errors.set('stream truncated', await failureOf((async () => { for await (const _chunk of truncated) { /* drain */ } })()));
  const notJson = await streamEcho(make(streamOf(`data: ${apiKey}\n\n`)), { framing: 'sse' });
  errors.set('stream not JSON', await failureOf((async () => { for await (const _chunk of notJson) { /* drain */ } })()));

  const transport = make(leakyFetch(200));
  errors.set('200 failure', transport.createAPIError({ response: new Response(null, { headers: { 'x-key': apiKey } }), body: { message: `no credit for ${apiKey}` } }));
  errors.set('malformed 2xx', await failureOf(echo(make(async () => new Response(`{"text":"${apiKey}`)), 'hi')));
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
      'malformed 2xx': TextgenError,
    };
    for (const [name, ErrorClass] of Object.entries(expectedClasses)) {
      const error = errors.get(name) as Error;
      expect(ErrorClass.isInstance(error), name).toBe(true);
      for (const rendering of [error.message, error.stack, JSON.stringify(error), String(error), inspect(error, { depth: 10 })]) {
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
    const error = await echo(transport as ReturnType<typeof createFakeTransport>, 'hi').catch((failure: unknown) => failure);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(inspect(error, { depth: 10 })).not.toContain(apiKey);
    expect(JSON.stringify(error)).toContain('[redacted]');
  });
});
