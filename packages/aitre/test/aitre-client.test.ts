import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TextgenError,
  type Stream,
} from '@textgen/core';
import { getDefaultBaseUrl, getVendorSpec, listMockExamples } from '@textgen/mocks';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  nonStreamingBodyFor,
  requestBodyFor,
  streamExamplePayloads,
  streamingBodyFor,
  testApiKey,
  aitreMockBaseURL,
  useAitreMock,
} from '../test/support/aitre-mock';
import { createAitre, type CreateCompletionParams, type CreateCompletionResult } from '../src/index';
import type { CreateCompletionChunk } from '../src/index';
import { collectStream } from '@textgen/mocks/testing';

const mock = useAitreMock();

const examples = listMockExamples({ vendor: 'aitre' });
const jsonExamples = examples.filter((example) => example.status === 200 && !example.streams);
const streamExamples = examples.filter((example) => example.status === 200 && example.streams);
const errorExamples = examples.filter((example) => example.status !== 200);

const basicRequest = nonStreamingBodyFor({ name: 'basic' });
const streamRequest = streamingBodyFor({ name: 'stream-basic' });

function createTestClient() {
  return createAitre({ apiKey: testApiKey, baseURL: aitreMockBaseURL });
}

function expectedErrorClass(status: number): typeof APIError {
  if (status >= 500) return InternalServerError;
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 429:
      return RateLimitError;
    default:
      return APIError;
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to reject, but it resolved.');
}

describe('createAitre', () => {
  it('has no default host: without baseURL and AITRE_BASE_URL it fails at creation naming both', () => {
    vi.stubEnv('AITRE_BASE_URL', '');
    const create = () => createAitre({ apiKey: testApiKey });
    expect(create).toThrow(TextgenError);
    expect(create).toThrow(/baseURL option.*AITRE_BASE_URL/);
    // The spec's server default is a placeholder on the reserved .invalid domain (RFC 2606), never a real host.
    expect(new URL(getDefaultBaseUrl(getVendorSpec('aitre'))).hostname).toMatch(/\.invalid$/);
  });

  it('reads AITRE_API_KEY and AITRE_BASE_URL from the environment', async () => {
    vi.stubEnv('AITRE_API_KEY', 'sk-aitre-from-environment');
    vi.stubEnv('AITRE_BASE_URL', 'https://aitre.example.test/v1/');
    const seen: Request[] = [];
    const example = jsonExamples[0]!;
    const client = createAitre({
      fetch: async (url, init) => {
        seen.push(new Request(url, init));
        return Response.json(example.value);
      },
    });
    expect(client.baseURL).toBe('https://aitre.example.test/v1');
    await expect(client.completions.create(basicRequest)).resolves.toEqual(example.value);
    expect(seen.map((request) => request.url)).toEqual(['https://aitre.example.test/v1/completions']);
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer sk-aitre-from-environment');
  });

  it('prefers the baseURL option over AITRE_BASE_URL', () => {
    vi.stubEnv('AITRE_BASE_URL', 'https://from-environment.example.test/v1');
    expect(createAitre({ apiKey: testApiKey, baseURL: 'https://from-option.example.test/v1' }).baseURL).toBe(
      'https://from-option.example.test/v1',
    );
  });

  it('throws a TextgenError naming AITRE_API_KEY when no key is configured', () => {
    vi.stubEnv('AITRE_API_KEY', '');
    let thrown: unknown;
    try {
      createAitre();
    } catch (error) {
      thrown = error;
    }
    expect(TextgenError.isInstance(thrown)).toBe(true);
    expect((thrown as Error).message).toContain('AITRE_API_KEY');
  });
});

describe('completions.create (JSON)', () => {
  it.each(jsonExamples.map((example) => [example.name, example] as const))(
    'returns the 200 example "%s"',
    async (name, example) => {
      const client = createTestClient();
      const body = nonStreamingBodyFor(example);
      const completion = await client.completions.create(body, { headers: { Prefer: `example=${name}` } });
      expectTypeOf(completion).toEqualTypeOf<CreateCompletionResult>();
      expect(completion).toEqual(example.value);
      const [call] = mock.calls;
      expect(mock.calls).toHaveLength(1);
      expect(call!.method).toBe('POST');
      expect(call!.url).toBe(`${client.baseURL}/completions`);
      expect(call!.headers.authorization).toBe(`Bearer ${testApiKey}`);
      expect(call!.headers['content-type']).toMatch(/^application\/json/);
      expect(call!.body).toEqual(body);
    },
  );

  it('gives the x-request-id header as requestId from withResponse()', async () => {
    const client = createTestClient();
    const first = await client.completions.create(basicRequest).withResponse();
    const second = await client.completions.create(basicRequest).withResponse();
    // The spec declares x-request-id on the 200; the mock sends a fresh req_<hex> per response.
    expect(first.requestId).toMatch(/^req_[0-9a-f]{32}$/);
    expect(first.requestId).toBe(first.response.headers.get('x-request-id'));
    expect(second.requestId).toBe(second.response.headers.get('x-request-id'));
    expect(second.requestId).not.toBe(first.requestId);
    expect(first.data).toEqual(jsonExamples[0]!.value);
  });

  it('takes requestId from a scripted x-request-id header', async () => {
    mock.override({
      operationId: 'createCompletion',
      response: { type: 'json', body: jsonExamples[0]!.value, headers: { 'x-request-id': 'req_scripted_by_the_test' } },
    });
    const { requestId } = await createTestClient().completions.create(basicRequest).withResponse();
    expect(requestId).toBe('req_scripted_by_the_test');
  });

  it('retries a 503 after its retry-after-ms hint and returns the next answer', async () => {
    mock.override({ operationId: 'createCompletion', response: { type: 'error', status: 503 }, times: 1 });
    const completion = await createTestClient().completions.create(basicRequest, { maxRetries: 1 });
    expect(completion).toEqual(jsonExamples[0]!.value);
    expect(mock.calls).toHaveLength(2);
    expect(mock.calls[1]!.body).toEqual(basicRequest);
  });

  it('exposes the typed openapi-fetch client as raw, with the auth header', async () => {
    const client = createTestClient();
    const example = jsonExamples.at(-1)!;
    const { data, response } = await client.raw.POST('/completions', {
      body: requestBodyFor(example),
      headers: { Prefer: `example=${example.name}` },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(example.value);
    expect(mock.lastCall!.headers.authorization).toBe(`Bearer ${testApiKey}`);
  });
});

describe('completions.create (stream)', () => {
  it.each(streamExamples.map((example) => [example.name, example] as const))(
    'streams the chunks of the example "%s" in order',
    async (name, example) => {
      const client = createTestClient();
      const body = streamingBodyFor(example);
      const stream = await client.completions.create(body, { headers: { Prefer: `example=${name}` } });
      expectTypeOf(stream).toEqualTypeOf<Stream<CreateCompletionChunk>>();
      const chunks = await collectStream(stream);
      const expected = streamExamplePayloads(example.value as string);
      expect(expected.length).toBeGreaterThan(1);
      expect(chunks).toEqual(expected);
      expect(mock.lastCall!.body).toEqual(body);
      expect(mock.lastCall!.headers.authorization).toBe(`Bearer ${testApiKey}`);
    },
  );

  it('streams or not by the run-time flag when the body type leaves it open', async () => {
    const client = createTestClient();
    const body: CreateCompletionParams = requestBodyFor({ name: 'stream-basic', streams: true });
    const result = await client.completions.create(body);
    expectTypeOf(result).toEqualTypeOf<Stream<CreateCompletionChunk> | CreateCompletionResult>();
    expect(Symbol.asyncIterator in result).toBe(true);
    const chunks = await collectStream(result as Stream<CreateCompletionChunk>);
    expect(chunks).toEqual(streamExamplePayloads(streamExamples[0]!.value as string));
  });

  it('stops reading when the caller breaks out of the loop', async () => {
    const client = createAitre({ apiKey: testApiKey, baseURL: aitreMockBaseURL });
    const stream = await client.completions.create(streamRequest);
    const received: CreateCompletionChunk[] = [];
    for await (const chunk of stream) {
      received.push(chunk);
      if (received.length === 2) break;
    }
    expect(received).toEqual(streamExamplePayloads(streamExamples[0]!.value as string).slice(0, 2));
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it('gives the x-request-id header as requestId of a stream', async () => {
    const { data, response, requestId } = await createTestClient().completions.create(streamRequest).withResponse();
    expect(requestId).toMatch(/^req_[0-9a-f]{32}$/);
    expect(requestId).toBe(response.headers.get('x-request-id'));
    expect((await collectStream(data)).length).toBeGreaterThan(0);
  });

  it('throws an APIError for a data frame that carries an error member', async () => {
    const [firstChunk] = streamExamplePayloads(streamExamples[0]!.value as string);
    const errorFrame = {
      error: {
        message: 'The server had an error while processing your request.',
        type: 'server_error',
        param: null,
        code: null,
      },
    };
    mock.override({
      operationId: 'createCompletion',
      response: {
        type: 'stream-chunks',
        chunks: [
          `data: ${JSON.stringify(firstChunk)}\n\n`,
          `data: ${JSON.stringify(errorFrame)}\n\n`,
          'data: [DONE]\n\n',
        ],
        headers: { 'x-request-id': 'req_stream_with_error' },
      },
    });
    const client = createAitre({ apiKey: testApiKey, baseURL: aitreMockBaseURL });
    const stream = await client.completions.create(streamRequest);
    const received: CreateCompletionChunk[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) received.push(chunk);
      })(),
    );
    expect(received).toEqual([firstChunk]);
    expect(APIError.isInstance(error)).toBe(true);
    const apiError = error as APIError;
    expect(apiError.vendor).toBe('aitre');
    expect(apiError.status).toBe(200);
    expect(apiError.body).toEqual(errorFrame);
    expect(apiError.requestId).toBe('req_stream_with_error');
    expect(apiError.message).toContain('The server had an error while processing your request. [server_error]');
  });

  it('reports a stream that ends before data: [DONE] as a connection error', async () => {
    const [firstChunk] = streamExamplePayloads(streamExamples[0]!.value as string);
    mock.override({
      operationId: 'createCompletion',
      response: { type: 'stream-chunks', chunks: [`data: ${JSON.stringify(firstChunk)}\n\n`] },
    });
    const stream = await createTestClient().completions.create(streamRequest);
    const error = await rejectionOf(collectStream(stream));
    expect(APIConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('[DONE]');
  });
});

describe('completions.create (errors)', () => {
  it.each(errorExamples.map((example) => [example.name, example] as const))(
    'rejects the error example "%s" with the typed error for its status',
    async (name, example) => {
      const error = await rejectionOf(
        createTestClient().completions.create(basicRequest, { headers: { Prefer: `example=${name}` }, maxRetries: 0 }),
      );
      // A `default` example is served as 500 unless Prefer names a status.
      const status = example.status === 'default' ? 500 : example.status;
      const ErrorClass = expectedErrorClass(status);
      expect(ErrorClass.isInstance(error)).toBe(true);
      const apiError = error as APIError;
      const envelope = example.value as { error: { message: string } };
      expect(apiError.vendor).toBe('aitre');
      expect(apiError.status).toBe(status);
      expect(apiError.body).toEqual(example.value);
      expect(apiError.message).toContain(`[aitre] ${status} ${envelope.error.message}`);
      expect(apiError.requestId).toMatch(/^req_[0-9a-f]{32}$/);
      expect(apiError.requestId).toBe(apiError.headers.get('x-request-id'));
      expect(JSON.stringify(apiError.toJSON())).not.toContain(testApiKey);
      expect(mock.calls).toHaveLength(1);
    },
  );

  it.each([...new Set(errorExamples.map((example) => example.status))].filter((status) => status !== 'default'))(
    'rejects Prefer code=%s with the typed error for that status',
    async (status) => {
      const error = await rejectionOf(
        createTestClient().completions.create(basicRequest, { headers: { Prefer: `code=${status}` }, maxRetries: 0 }),
      );
      const ErrorClass = expectedErrorClass(status);
      expect(ErrorClass.isInstance(error)).toBe(true);
      expect((error as APIError).status).toBe(status);
      expect((error as APIError).body).toEqual(errorExamples.find((example) => example.status === status)!.value);
    },
  );

  it('rejects an undeclared status with the default envelope as a plain APIError', async () => {
    const error = await rejectionOf(
      createTestClient().completions.create(basicRequest, { headers: { Prefer: 'code=418' }, maxRetries: 0 }),
    );
    expect(APIError.isInstance(error)).toBe(true);
    expect(InternalServerError.isInstance(error) || BadRequestError.isInstance(error)).toBe(false);
    expect((error as APIError).status).toBe(418);
    expect((error as APIError).body).toEqual(errorExamples.find((example) => example.status === 'default')!.value);
  });
});
