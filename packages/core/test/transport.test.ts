import { createAPIError } from '../src/create-api-error';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
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
  type Logger,
  type Stream,
} from '../src/index';
import { createTransport } from '../src/internal';
import {
  createFakeTransport,
  echo,
  fakeDescriptor,
  streamEcho,
  type FakeChunk,
  type paths,
} from './support/fake-vendor';
import { requestFetch } from './support/request-fetch';

const okFetch = (record: Request[] = []) =>
  requestFetch((request) => {
    record.push(request);
    return Response.json({ text: 'ok', processingId: 'proc-9' });
  });

describe('configuration', () => {
  it('reads the API key and base URL from <PREFIX>_API_KEY and <PREFIX>_BASE_URL', async () => {
    vi.stubEnv('FAKEVENDOR_API_KEY', 'env-key');
    vi.stubEnv('FAKEVENDOR_BASE_URL', 'http://env.test/api//');
    const requests: Request[] = [];
    const transport = createTransport<paths>(fakeDescriptor, { fetch: okFetch(requests), logLevel: 'off' });
    expect(transport.baseURL).toBe('http://env.test/api');
    await echo(transport, 'hi');
    expect(requests[0]?.url).toBe('http://env.test/api/echo');
    expect(requests[0]?.headers.get('authorization')).toBe('Token env-key');
  });

  it('prefers the options over the environment, and falls back to the descriptor default URL', () => {
    vi.stubEnv('FAKEVENDOR_API_KEY', 'env-key');
    vi.stubEnv('FAKEVENDOR_BASE_URL', '');
    expect(createTransport(fakeDescriptor, { baseURL: 'http://option.test/' }).baseURL).toBe('http://option.test');
    expect(createTransport(fakeDescriptor).baseURL).toBe('https://api.fakevendor.invalid/v1');
  });

  it('throws at creation when no API key is found, naming the option and the variable', () => {
    vi.stubEnv('FAKEVENDOR_API_KEY', '');
    const create = () => createTransport(fakeDescriptor, {});
    expect(create).toThrow(TextgenError);
    expect(create).toThrow('pass the apiKey option or set the FAKEVENDOR_API_KEY environment variable');
  });

  it('throws at creation when a vendor without a default host gets no base URL, naming the option and the variable', () => {
    vi.stubEnv('FAKEVENDOR_BASE_URL', '');
    const { defaultBaseURL: _unpublished, ...descriptorWithoutHost } = fakeDescriptor;
    const create = () => createTransport(descriptorWithoutHost, { apiKey: 'test-key' });
    expect(create).toThrow(TextgenError);
    expect(create).toThrow('pass the baseURL option or set the FAKEVENDOR_BASE_URL environment variable');
    expect(
      createTransport(descriptorWithoutHost, { apiKey: 'test-key', baseURL: 'http://option.test/v1/' }).baseURL,
    ).toBe('http://option.test/v1');
  });

  it('sends default headers and per-request headers', async () => {
    const requests: Request[] = [];
    const transport = createFakeTransport({
      fetch: okFetch(requests),
      defaultHeaders: { 'x-team': 'a', 'x-trace': 'default' },
    });
    await echo(transport, 'hi', { headers: { 'x-trace': 'per-request' } });
    expect(requests[0]?.headers.get('x-team')).toBe('a');
    expect(requests[0]?.headers.get('x-trace')).toBe('per-request');
  });

  it('merges headers as openapi-fetch does: a later name wins whatever its case, and null removes one', async () => {
    const requests: Request[] = [];
    const transport = createFakeTransport({
      fetch: okFetch(requests),
      defaultHeaders: { 'Content-Type': 'application/vnd.fake+json', 'X-Trace': 'default', 'x-team': 'a' },
    });
    await echo(transport, 'hi', { headers: { 'x-trace': 'per-request' } });
    // A null is not a string header, but JavaScript callers pass one to drop a default header, as openapi-fetch allows.
    await echo(transport, 'hi', { headers: { 'x-team': null as unknown as string } });
    const sent = requests.map((request) => Object.fromEntries(request.headers));
    expect(sent[0]).toEqual({
      authorization: 'Token test-key',
      'content-type': 'application/vnd.fake+json',
      'x-team': 'a',
      'x-trace': 'per-request',
    });
    expect(sent[1]).toEqual({
      authorization: 'Token test-key',
      'content-type': 'application/vnd.fake+json',
      'x-trace': 'default',
    });
  });

  it('sends the same merged headers on a streamed call', async () => {
    const requests: Request[] = [];
    const transport = createFakeTransport({
      fetch: requestFetch((request) => {
        requests.push(request);
        return new Response('{"text":"a"}\n', { headers: { 'content-type': 'application/x-ndjson' } });
      }),
      defaultHeaders: { 'X-Trace': 'default' },
    });
    const stream = await streamEcho(transport, { framing: 'ndjson' }, { headers: { 'x-trace': 'per-request' } });
    for await (const _chunk of stream) break;
    expect(Object.fromEntries(requests[0]?.headers ?? [])).toEqual({
      authorization: 'Token test-key',
      'content-type': 'application/json',
      'x-trace': 'per-request',
    });
  });

  it('raw typed calls through transport.client get auth and retries too', async () => {
    let attempts = 0;
    const transport = createFakeTransport({
      fetch: requestFetch(async (request) => {
        attempts += 1;
        expect(request.headers.get('authorization')).toBe('Token test-key');
        return attempts === 1
          ? Response.json({}, { status: 503, headers: { 'retry-after-ms': '1' } })
          : Response.json({ text: 'raw' });
      }),
    });
    const { data } = await transport.client.POST('/echo', { body: { prompt: 'hi' } });
    expect(data).toEqual({ text: 'raw' });
    expect(attempts).toBe(2);
  });
});

describe('responses and errors', () => {
  it('infers the data type from the openapi-fetch call, and the chunk type of a stream', async () => {
    const data = await echo(createFakeTransport({ fetch: okFetch() }), 'hi');
    expectTypeOf(data).toEqualTypeOf<{ text: string; processingId?: string }>();
    expectTypeOf(streamEcho).returns.resolves.toEqualTypeOf<Stream<FakeChunk>>();
    expect(data.text).toBe('ok');
  });

  it('withResponse() gives data, the Response and the request id from the body', async () => {
    const transport = createFakeTransport({ fetch: okFetch() });
    const { data, response, requestId } = await echo(transport, 'hi').withResponse();
    expect(data).toEqual({ text: 'ok', processingId: 'proc-9' });
    expect(response.status).toBe(200);
    expect(requestId).toBe('proc-9');
  });

  it('prefers the x-request-id header for the request id', async () => {
    const transport = createFakeTransport({
      fetch: async () => Response.json({ processingId: 'body-id' }, { headers: { 'x-request-id': 'header-id' } }),
    });
    expect((await echo(transport, 'hi').withResponse()).requestId).toBe('header-id');
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [418, APIError],
  ])(
    'maps status %i to its error class with vendor, status, headers, request id and body',
    async (status, ErrorClass) => {
      const body = { error: { message: 'Rate limit exceeded' } };
      const transport = createFakeTransport({
        maxRetries: 0,
        fetch: async () => Response.json(body, { status, headers: { 'x-request-id': 'abc' } }),
      });
      const error = await echo(transport, 'hi').then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(ErrorClass.isInstance(error)).toBe(true);
      expect(error).toBeInstanceOf(ErrorClass);
      const apiError = error as APIError;
      expect(apiError.message.startsWith(`[fakevendor] ${status} Rate limit exceeded (request id abc)`)).toBe(true);
      expect(apiError).toMatchObject({ vendor: 'fakevendor', status, requestId: 'abc', body, name: ErrorClass.kind });
      expect(apiError.headers.get('x-request-id')).toBe('abc');
      expect(JSON.parse(JSON.stringify(apiError))).toMatchObject({
        name: ErrorClass.kind,
        status,
        requestId: 'abc',
        body,
      });
    },
  );

  it('reads a text error body when it is not JSON', async () => {
    const transport = createFakeTransport({
      maxRetries: 0,
      fetch: async () => new Response('upstream exploded', { status: 500 }),
    });
    const error = (await echo(transport, 'hi').catch((failure: unknown) => failure)) as APIError;
    expect(error.body).toBe('upstream exploded');
    expect(error.message).toContain('upstream exploded');
  });

  it('turns a malformed 2xx JSON body into an APIError with status, headers, request id and the raw text', async () => {
    const transport = createFakeTransport({
      fetch: async () =>
        new Response('{"text": "cut', { status: 200, headers: { 'x-request-id': 'rid-bad-json', 'x-extra': 'kept' } }),
    });
    const error = await echo(transport, 'hi').catch((failure: unknown) => failure);
    expect(APIError.isInstance(error)).toBe(true);
    const apiError = error as APIError;
    expect(apiError.vendor).toBe('fakevendor');
    expect(apiError.status).toBe(200);
    expect(apiError.requestId).toBe('rid-bad-json');
    expect(apiError.headers.get('x-extra')).toBe('kept');
    expect(apiError.body).toBe('{"text": "cut');
    expect(apiError.message).toBe(
      '[fakevendor] 200 The response body is not valid JSON: {"text": "cut (request id rid-bad-json).',
    );
  });

  it('transport.createAPIError raises an APIError for a 200 that reports a failure', async () => {
    const transport = createFakeTransport({
      fetch: async () => Response.json({ success: false, error: { message: 'credits exhausted' } }),
    });
    // As a vendor's hook checks a body that reports failure inside a 200 (Wetrocloud's `success: false`).
    const call = echo(transport, 'hi')
      .withResponse()
      .then(({ data, response }) => {
        const body = data as unknown as { success?: boolean };
        if (body.success === false) throw transport.createAPIError({ response, body });
        return data;
      });
    const error = await call.catch((failure: unknown) => failure);
    expect(APIError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, vendor: 'fakevendor', body: { success: false } });
    expect(String(error)).toContain('credits exhausted');
  });

  it('createAPIError picks the class by status', () => {
    expect(RateLimitError.isInstance(createAPIError({ vendor: 'v', status: 429 }))).toBe(true);
    const error = createAPIError({ vendor: 'v', status: 200, detail: 'success was false', requestId: 'r1' });
    expect(error.constructor).toBe(APIError);
    expect(error.message).toBe('[v] 200 success was false (request id r1).');
  });

  it('a promise used only through withResponse() leaves no unhandled rejection', async () => {
    const transport = createFakeTransport({ maxRetries: 0, fetch: async () => Response.json({}, { status: 400 }) });
    const error = await echo(transport, 'hi')
      .withResponse()
      .catch((failure: unknown) => failure);
    expect(BadRequestError.isInstance(error)).toBe(true);
  });
});

describe('isInstance across package copies', () => {
  it('recognises errors by marker, not by class identity', () => {
    // A second copy of core would have its own classes; simulate one by building an object with the same marker.
    const foreign = Object.create(Error.prototype) as Record<symbol, unknown>;
    Object.defineProperty(foreign, Symbol.for('textgen.error.kinds'), {
      value: ['RateLimitError', 'APIError', 'TextgenError'],
    });
    expect(RateLimitError.isInstance(foreign)).toBe(true);
    expect(APIError.isInstance(foreign)).toBe(true);
    expect(TextgenError.isInstance(foreign)).toBe(true);
    expect(NotFoundError.isInstance(foreign)).toBe(false);
  });

  it('answers by the whole class chain on every class', () => {
    const timeout = new APIConnectionTimeoutError({ vendor: 'v', message: 'slow' });
    expect(APIConnectionTimeoutError.isInstance(timeout)).toBe(true);
    expect(APIConnectionError.isInstance(timeout)).toBe(true);
    expect(APIError.isInstance(timeout)).toBe(true);
    expect(TextgenError.isInstance(timeout)).toBe(true);
    expect(APIUserAbortError.isInstance(timeout)).toBe(false);
    expect(TextgenError.isInstance(new Error('plain'))).toBe(false);
    expect(TextgenError.isInstance(null)).toBe(false);
    expect(timeout.name).toBe('APIConnectionTimeoutError');
  });
});

describe('logging', () => {
  function captureLogger() {
    const lines: string[] = [];
    const logger: Logger = {
      error: (message) => lines.push(`error ${message}`),
      warn: (message) => lines.push(`warn ${message}`),
      info: (message) => lines.push(`info ${message}`),
      debug: (message) => lines.push(`debug ${message}`),
    };
    return { lines, logger };
  }

  it('debug logs method, URL, attempt, status and retry delay, with Authorization redacted', async () => {
    const { lines, logger } = captureLogger();
    let attempts = 0;
    const transport = createFakeTransport({
      logger,
      logLevel: 'debug',
      fetch: async () => {
        attempts += 1;
        return attempts === 1
          ? Response.json({}, { status: 429, headers: { 'retry-after-ms': '5' } })
          : Response.json({ text: 'ok' });
      },
    });
    await echo(transport, 'hi');
    const log = lines.join('\n');
    expect(log).toContain('POST http://fake.test/v1/echo attempt 1/3');
    expect(log).toContain('attempt 1 -> 429');
    expect(log).toContain('retry 1/2 in 5 ms');
    expect(log).toContain('attempt 2 -> 200');
    expect(log).toContain('"authorization":"[redacted]"');
    expect(log).not.toContain('test-key');
  });

  it('takes the level from TEXTGEN_LOG and drops lines below it', async () => {
    vi.stubEnv('TEXTGEN_LOG', 'info');
    const { lines, logger } = captureLogger();
    let attempts = 0;
    const transport = createTransport<paths>(fakeDescriptor, {
      apiKey: 'k',
      logger,
      fetch: async () => {
        attempts += 1;
        return attempts === 1
          ? Response.json({}, { status: 503, headers: { 'retry-after-ms': '1' } })
          : Response.json({ text: 'ok' });
      },
    });
    await echo(transport, 'hi');
    expect(lines.some((line) => line.startsWith('info ') && line.includes('failed with 503'))).toBe(true);
    expect(lines.some((line) => line.startsWith('debug '))).toBe(false);
  });

  it('warns once about an unknown TEXTGEN_LOG value', () => {
    vi.stubEnv('TEXTGEN_LOG', 'loud');
    const { lines, logger } = captureLogger();
    createTransport(fakeDescriptor, { apiKey: 'k', logger });
    expect(lines).toEqual(['warn [textgen] TEXTGEN_LOG=loud is not one of off, error, warn, info, debug; using warn.']);
  });
});
