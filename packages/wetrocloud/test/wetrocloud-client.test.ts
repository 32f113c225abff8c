import {
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
  Stream,
  TextgenError,
  type APIPromise,
} from '@textgen/core';
import {
  createMockServer,
  listMockExamples,
  listMockOperations,
  type MockCall,
  type MockExample,
} from '@textgen/mocks';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  createWetrocloud,
  type WetrocloudClientOptions,
  type CreateTextGenerationParams,
  type CreateTextGenerationResult,
} from '../src/index';
import type { CreateTextGenerationChunk } from '../src/index';
import { collectStream } from '@textgen/mocks/testing';

const apiKey = 'wetro-test-key-123';
const mock = createMockServer({ streamChunkDelayMs: 0 });
beforeAll(() => mock.listen());
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

const operationId = 'createTextGeneration';
const [operation] = listMockOperations({ vendor: 'wetrocloud' }).filter(
  (candidate) => candidate.operationId === operationId,
);
const examples = listMockExamples({ vendor: 'wetrocloud' }).filter((example) => example.operationId === operationId);
const jsonExamples = examples.filter((example) => example.status === 200 && !example.streams);
const streamExamples = examples.filter((example) => example.status === 200 && example.streams);
const errorExamples = examples.filter((example) => example.status !== 200);
// Requests in the client's own shape (messages as an array): the spec's JSON request examples.
const requestExamples = (operation?.requestExamples ?? []).filter(
  (example) => example.mediaType === 'application/json',
);
const plainRequests = requestExamples
  .filter((example) => !example.streams)
  .map((example) => example.value as CreateTextGenerationParams & { stream?: false });
const streamRequest = requestExamples.find((example) => example.streams)?.value as CreateTextGenerationParams & {
  stream: true;
};
const encodings: NonNullable<WetrocloudClientOptions['bodyEncoding']>[] = ['multipart', 'json'];

function createClient(options: Parameters<typeof createWetrocloud>[0] = {}) {
  return createWetrocloud({ apiKey, logLevel: 'off', ...options });
}

function onlyCall(): MockCall {
  const calls = mock.callsFor(operationId);
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

/** What the mock recorded, given what the client was asked to send in each encoding. */
function expectWireRequest(options: {
  call: MockCall;
  request: CreateTextGenerationParams;
  encoding: NonNullable<WetrocloudClientOptions['bodyEncoding']>;
}) {
  const { call, request, encoding } = options;
  expect(call.headers.authorization).toBe(`Token ${apiKey}`);
  expect(call.method).toBe('POST');
  // `referrer` is SDK telemetry: never sent by default.
  expect(new URL(call.url).search).toBe('');
  expect(new URL(call.url).pathname).toBe('/v1/text-generation/');
  switch (encoding) {
    case 'multipart': {
      expect(call.headers['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
      // The mock decodes the JSON-encoded `messages` part; `model` and `stream` arrive as text.
      const expected: Record<string, unknown> = { messages: request.messages, model: request.model };
      if (request.stream !== undefined) expected.stream = String(request.stream);
      expect(call.body).toEqual(expected);
      expect(call.bodyText).toContain(`name="messages"\r\n\r\n${JSON.stringify(request.messages)}\r\n`);
      break;
    }
    case 'json':
      expect(call.headers['content-type']).toBe('application/json');
      expect(call.body).toEqual(request);
      break;
    default: {
      const unknownEncoding: never = encoding;
      throw new Error(`unknown encoding ${String(unknownEncoding)}`);
    }
  }
}

/**
 * Every message a spec error example carries, read off its literal shape: `{detail}`, `{error}` or a DRF field map
 * `{"<field>": ["<message>", ...]}` (field name and each message). Throws on any other shape so a new example is
 * noticed.
 */
function exampleErrorTexts(value: unknown): string[] {
  const record = value as Record<string, unknown>;
  if (typeof record.detail === 'string') return [record.detail];
  if (typeof record.error === 'string') return [record.error];
  const texts = Object.entries(record).flatMap(([field, messages]) =>
    Array.isArray(messages) ? [field, ...messages.map(String)] : [],
  );
  if (texts.length === 0) throw new Error(`error example in an unexpected shape: ${JSON.stringify(value)}`);
  return texts;
}

function ndjsonPayloads(example: MockExample): unknown[] {
  return String(example.value)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject');
}

function expectedErrorClass(status: number) {
  if (status >= 500) return InternalServerError;
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 429:
      return RateLimitError;
    default:
      throw new Error(`the spec declares status ${status}; add its error class to this test`);
  }
}

describe('the spec examples this suite is driven by', () => {
  it('has JSON and stream request examples, JSON and stream 200 examples, and error examples', () => {
    expect(plainRequests.length).toBeGreaterThan(0);
    expect(streamRequest).toBeDefined();
    expect(jsonExamples.length).toBeGreaterThan(0);
    expect(streamExamples.length).toBeGreaterThan(0);
    expect(errorExamples.length).toBeGreaterThan(0);
  });
});

describe.each(encodings)('textGeneration.create with %s encoding', (encoding) => {
  it.each(plainRequests.map((request, index) => ({ request, index })))(
    'sends request example #$index on the wire',
    async ({ request }) => {
      const client = createClient({ bodyEncoding: encoding });
      const result = await client.textGeneration.create(request);
      expect(result.success).toBe(true);
      expectWireRequest({ call: onlyCall(), request, encoding });
    },
  );

  it.each(jsonExamples.map((example) => ({ name: example.name, example })))(
    'serves the 200 example $name',
    async ({ example }) => {
      const client = createClient({ bodyEncoding: encoding });
      const request = plainRequests[0]!;
      const promise = client.textGeneration.create(request, { headers: { Prefer: `example=${example.name}` } });
      const expected = example.value as { success: boolean };
      if (expected.success) {
        await expect(promise).resolves.toEqual(expected);
      } else {
        // A 200 whose body says success: false is a failure (specs/vendor-facts.md, "Response 200").
        const error = await rejectionOf(promise);
        expect(APIError.isInstance(error)).toBe(true);
        const apiError = error as APIError;
        expect(apiError.vendor).toBe('wetrocloud');
        expect(apiError.status).toBe(200);
        expect(apiError.body).toEqual(expected);
        expect(apiError.message).toContain('Wetrocloud reported failure (success: false)');
        expect(apiError.message).not.toContain(apiKey);
      }
      expectWireRequest({ call: onlyCall(), request, encoding });
    },
  );

  it.each(streamExamples.map((example) => ({ name: example.name, example })))(
    'streams the example $name as NDJSON chunks',
    async ({ example }) => {
      const client = createClient({ bodyEncoding: encoding });
      const stream = await client.textGeneration.create(streamRequest, {
        headers: { Prefer: `example=${example.name}` },
      });
      expect(stream).toBeInstanceOf(Stream);
      expect(await collectStream(stream)).toEqual(ndjsonPayloads(example));
      expectWireRequest({ call: onlyCall(), request: streamRequest, encoding });
    },
  );

  it.each(errorExamples.map((example) => ({ name: example.name, example })))(
    'turns the error example $name into a typed error',
    async ({ example }) => {
      const client = createClient({ bodyEncoding: encoding, maxRetries: 0 });
      const error = await rejectionOf(
        client.textGeneration.create(plainRequests[0]!, { headers: { Prefer: `example=${example.name}` } }),
      );
      // A `default` response is served as 500 by the mock.
      const status = example.status === 'default' ? 500 : example.status;
      const ErrorClass = expectedErrorClass(status);
      expect(ErrorClass.isInstance(error)).toBe(true);
      const apiError = error as APIError;
      expect(apiError.vendor).toBe('wetrocloud');
      expect(apiError.status).toBe(status);
      expect(apiError.body).toEqual(example.value);
      // The text written in the spec example itself: `detail`, `error`, or each field name with its messages.
      for (const text of exampleErrorTexts(example.value)) expect(apiError.message).toContain(text);
      expect(apiError.message).not.toContain(apiKey);
      expectWireRequest({ call: onlyCall(), request: plainRequests[0]!, encoding });
    },
  );
});

describe('every declared error status (Prefer: code=<status>)', () => {
  const statuses = [
    ...new Set(errorExamples.flatMap((example) => (example.status === 'default' ? [] : [example.status]))),
  ];

  it('covers 400, 401, 429 and 500', () => {
    expect(statuses).toEqual(expect.arrayContaining([400, 401, 429, 500]));
  });

  it.each(statuses)('maps %i to its error class with the first example as body', async (status) => {
    const client = createClient({ maxRetries: 0 });
    const error = await rejectionOf(
      client.textGeneration.create(plainRequests[0]!, { headers: { Prefer: `code=${status}` } }),
    );
    expect(expectedErrorClass(status).isInstance(error)).toBe(true);
    const apiError = error as APIError;
    const firstExample = errorExamples.find((example) => example.status === status)!;
    expect(apiError).toMatchObject({ vendor: 'wetrocloud', status, body: firstExample.value });
    expect(apiError.message).toMatch(new RegExp(`^\\[wetrocloud\\] ${status} `));
  });

  it('reads a DRF field-error map from the mock validation (a 400 for a bad body)', async () => {
    const client = createClient({ maxRetries: 0 });
    // `role: 'robot'` is outside the spec's enum; the JSON body is validated item by item.
    const request = {
      model: 'gpt-4o',
      messages: [{ role: 'robot', content: 'hi' }],
    } as unknown as CreateTextGenerationParams;
    const error = await rejectionOf(client.textGeneration.create(request, { bodyEncoding: 'json' }));
    expect(BadRequestError.isInstance(error)).toBe(true);
    const apiError = error as BadRequestError;
    // DRF's field-error map, keyed by the dotted path of the offending field.
    expect(apiError.body).toEqual({ 'messages.0.role': ['"robot" is not a valid choice.'] });
    expect(apiError.message).toContain('messages.0.role: "robot" is not a valid choice.');
  });
});

describe('multipart retries', () => {
  it('re-sends the same multipart fields after a 503', async () => {
    mock.override({
      operationId,
      times: 1,
      // retry-after-ms: 0 keeps the test fast; core honours it (0-60 s).
      response: {
        type: 'error',
        status: 503,
        body: { detail: 'Service temporarily unavailable.' },
        headers: { 'retry-after-ms': '0' },
      },
    });
    const client = createClient({ maxRetries: 1 });
    const request = plainRequests[0]!;
    const result = await client.textGeneration.create(request);
    expect(result).toEqual(jsonExamples[0]!.value);

    const calls = mock.callsFor(operationId);
    expect(calls).toHaveLength(2);
    // fetch serializes the FormData again for each attempt, under a fresh boundary; every field must come through.
    for (const call of calls) {
      expect(call.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expectWireRequest({ call, request, encoding: 'multipart' });
    }
  });

  it('gives up with an InternalServerError once the retries are spent', async () => {
    mock.override({
      operationId,
      times: 2,
      response: { type: 'error', status: 503, headers: { 'retry-after-ms': '0' } },
    });
    const client = createClient({ maxRetries: 1 });
    const error = await rejectionOf(client.textGeneration.create(plainRequests[0]!));
    expect(InternalServerError.isInstance(error)).toBe(true);
    expect((error as APIError).status).toBe(503);
    expect(mock.callsFor(operationId)).toHaveLength(2);
  });
});

describe('body encoding choice', () => {
  it('defaults to multipart', async () => {
    await createClient().textGeneration.create(plainRequests[0]!);
    expect(onlyCall().headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('can be overridden per call in either direction', async () => {
    await createClient().textGeneration.create(plainRequests[0]!, { bodyEncoding: 'json' });
    await createClient({ bodyEncoding: 'json' }).textGeneration.create(plainRequests[0]!, {
      bodyEncoding: 'multipart',
    });
    const [first, second] = mock.callsFor(operationId);
    expect(first?.headers['content-type']).toBe('application/json');
    expect(second?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('sends stream: false as the text "false" in the form', async () => {
    await createClient().textGeneration.create({ ...plainRequests[0]!, stream: false });
    expect((onlyCall().body as { stream?: unknown }).stream).toBe('false');
  });
});

describe('stream failures', () => {
  it.each(encodings)('ends a %s stream with an APIError on a success: false line', async (encoding) => {
    mock.override({
      operationId,
      times: 1,
      response: {
        type: 'stream-chunks',
        chunks: ['{"response":"A large"}\n', '{"response":"","success":false}\n', '{"response":"never read"}\n'],
      },
    });
    const stream = await createClient({ bodyEncoding: encoding }).textGeneration.create(streamRequest);
    const received: CreateTextGenerationChunk[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) received.push(chunk);
      })(),
    );
    expect(received).toEqual([{ response: 'A large' }]);
    expect(APIError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ vendor: 'wetrocloud', status: 200, body: { response: '', success: false } });
    expect((error as APIError).message).toContain('reported failure');
  });

  it('stops reading when the consumer breaks out early', async () => {
    const stream = await createClient().textGeneration.create(streamRequest);
    for await (const chunk of stream) {
      expect(typeof chunk.response).toBe('string');
      break;
    }
    expect(stream.controller.signal.aborted).toBe(true);
  });
});

describe('client surface', () => {
  it('types the result by the stream flag', async () => {
    const client = createClient();
    const streamed = client.textGeneration.create(streamRequest);
    const answered = client.textGeneration.create(plainRequests[0]!);
    expectTypeOf(streamed).toEqualTypeOf<APIPromise<Stream<CreateTextGenerationChunk>>>();
    expectTypeOf(answered).toEqualTypeOf<APIPromise<{ response: string; tokens: number; success: boolean }>>();
    expect(await streamed).toBeInstanceOf(Stream);
    expect((await answered).success).toBe(true);
    // A flag only known at run time gives the union, so the caller has to narrow.
    const undecided: CreateTextGenerationParams = { ...plainRequests[0]!, stream: false };
    const either = client.textGeneration.create(undecided);
    expectTypeOf(either).toEqualTypeOf<APIPromise<CreateTextGenerationResult | Stream<CreateTextGenerationChunk>>>();
    expect(await either).toEqual(jsonExamples[0]!.value);
  });

  it('gives the Response with withResponse()', async () => {
    const { data, response, requestId } = await createClient().textGeneration.create(plainRequests[0]!).withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(data).toEqual(jsonExamples[0]!.value);
    expect(requestId).toBeUndefined();
  });

  it('never leaks a key echoed in a success: false reply, wherever the message is shortened', async () => {
    const key = 'wetro-STRADDLE-0123456789abcdef';
    const prefix = key.slice(0, 10);
    // 190 z's: the old 200-character cut of the reply kept 10 characters of the key. 330 z's put the key across
    // the 500-character cut of the whole detail.
    for (const padding of [190, 330]) {
      const reply = { success: false, response: `${'z'.repeat(padding)}${key}`, tokens: 0 };
      const client = createWetrocloud({
        apiKey: key,
        logLevel: 'off',
        maxRetries: 0,
        fetch: async () => Response.json(reply),
      });
      const error = (await rejectionOf(client.textGeneration.create(plainRequests[0]!))) as APIError;
      expect(APIError.isInstance(error)).toBe(true);
      expect(error.message).toContain(`It said: ${'z'.repeat(padding)}[redac`);
      for (const rendering of [error.message, String(error.stack), JSON.stringify(error)])
        expect(rendering).not.toContain(prefix);
    }
  });

  it('rejects withResponse() too when the body says success: false', async () => {
    const promise = createClient().textGeneration.create(plainRequests[0]!, {
      headers: { Prefer: 'example=unsuccessful-generation' },
    });
    expect(APIError.isInstance(await rejectionOf(promise.withResponse()))).toBe(true);
  });

  it('exposes the raw openapi-fetch client with auth applied', async () => {
    const client = createClient();
    const request = plainRequests[0]!;
    const { data, response } = await client.raw.POST('/text-generation/', { body: request });
    expect(response.status).toBe(200);
    expect(data).toEqual(jsonExamples[0]!.value);
    expectWireRequest({ call: onlyCall(), request, encoding: 'json' });
  });

  it('builds the default base URL from apiVersion', () => {
    expect(createClient().baseURL).toBe('https://api.wetrocloud.com/v1');
    expect(createClient({ apiVersion: 'v2' }).baseURL).toBe('https://api.wetrocloud.com/v2');
    expect(createClient({ apiVersion: 'v2', baseURL: 'http://127.0.0.1:4010/' }).baseURL).toBe('http://127.0.0.1:4010');
  });

  it('reads WETROCLOUD_API_KEY and WETROCLOUD_BASE_URL', async () => {
    vi.stubEnv('WETROCLOUD_API_KEY', 'env-key');
    vi.stubEnv('WETROCLOUD_BASE_URL', 'https://api.wetrocloud.com/v1');
    const client = createWetrocloud({ logLevel: 'off', apiVersion: 'v2' });
    expect(client.baseURL).toBe('https://api.wetrocloud.com/v1');
    await client.textGeneration.create(plainRequests[0]!);
    expect(onlyCall().headers.authorization).toBe('Token env-key');
  });

  it('fails at creation without an API key, naming the variable', () => {
    vi.stubEnv('WETROCLOUD_API_KEY', '');
    expect(() => createWetrocloud()).toThrow(TextgenError);
    expect(() => createWetrocloud()).toThrow(/WETROCLOUD_API_KEY/);
  });

  it('lets the mock reject a request without the Token prefix', async () => {
    // A header given per call overrides the client's; the mock checks the vendor's real format.
    const client = createClient({ maxRetries: 0 });
    const error = await rejectionOf(
      client.textGeneration.create(plainRequests[0]!, { headers: { Authorization: apiKey } }),
    );
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as APIError).message).not.toContain(apiKey);
  });
});

describe('a 200 whose body is not an object', () => {
  const requestId = 'req-not-an-object';
  const stubClient = (text: string, contentType: string) =>
    createClient({
      baseURL: 'http://stub.invalid',
      maxRetries: 0,
      fetch: async () =>
        new Response(text, { status: 200, headers: { 'content-type': contentType, 'x-request-id': requestId } }),
    });
  const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hi' }] };

  it.each(['null', '[]', '"text"', '42'])(
    'rejects the JSON body %s with an APIError, not a TypeError',
    async (text) => {
      const error = await stubClient(text, 'application/json')
        .textGeneration.create(request)
        .catch((failure: unknown) => failure);
      expect(APIError.isInstance(error), String(error)).toBe(true);
      expect(error).toMatchObject({ vendor: 'wetrocloud', status: 200, requestId });
      // core refuses these bodies before the Wetrocloud hook sees them, naming what came instead of an object.
      expect((error as Error).message).toMatch(
        /The response body is (null|an array|a string|a number); a JSON object was expected/,
      );
    },
  );

  it.each(['null', '[]', '"text"', '42'])(
    'ends a stream at a %s line with an APIError, not a TypeError',
    async (line) => {
      const body = `${JSON.stringify({ response: 'Hello', success: true })}\n${line}\n`;
      const stream = await stubClient(body, 'application/x-ndjson').textGeneration.create({ ...request, stream: true });
      const seen: unknown[] = [];
      const error = await (async () => {
        for await (const chunk of stream) seen.push(chunk);
      })().catch((failure: unknown) => failure);
      expect(seen).toEqual([{ response: 'Hello', success: true }]);
      expect(APIError.isInstance(error), String(error)).toBe(true);
      expect(error).toMatchObject({ vendor: 'wetrocloud', status: 200 });
      expect((error as Error).message).toContain(
        `The stream sent ${line} where a JSON object (one chunk) was expected`,
      );
    },
  );
});
