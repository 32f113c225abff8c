import {
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TextgenError,
} from '@textgen/core';
import {
  createMockServer,
  listMockOperations,
  type MockExample,
  type MockOperation,
  type MockRequestExample,
} from '@textgen/mocks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEdenAI } from '../src/index';
import type { EdenAIChatRequest, EdenAIChatStreamRequest } from '../src/index';
import type { CreateTextChatStreamChunk } from '../src/index';
import { collectStream } from '@textgen/mocks/testing';

const apiKey = 'test-edenai-key-4242';
const mock = createMockServer({ streamChunkDelayMs: 0 });

beforeAll(() => mock.listen());
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

function operationNamed(operationId: string): MockOperation {
  const found = listMockOperations({ vendor: 'edenai' }).find((operation) => operation.operationId === operationId);
  if (found === undefined) throw new Error(`The edenai spec has no operation ${operationId}`);
  return found;
}

const chatOperation = operationNamed('createTextChat');
const streamOperation = operationNamed('createTextChatStream');

function requestExample(operation: MockOperation, name: string): MockRequestExample {
  const found = operation.requestExamples.find((example) => example.name === name);
  if (found === undefined) throw new Error(`${operation.operationId} has no request example ${name}`);
  return found;
}

const defaultChatRequest = requestExample(chatOperation, 'keyword-extraction').value as EdenAIChatRequest;
const listChatRequest = requestExample(chatOperation, 'keyword-extraction-as-list').value as EdenAIChatRequest;
const defaultStreamRequest = requestExample(streamOperation, 'stream-keyword-extraction')
  .value as EdenAIChatStreamRequest;

function createClient() {
  return createEdenAI({ apiKey, maxRetries: 0, logLevel: 'off' });
}

/**
 * The same body with `providers` / `fallback_providers` arrays written as comma-joined strings (specs/vendor-facts.md
 * decision 8).
 */
function withJoinedProviders(value: Record<string, unknown>): Record<string, unknown> {
  const join = (list: unknown) => (Array.isArray(list) ? list.join(',') : list);
  const expected: Record<string, unknown> = { ...value, providers: join(value.providers) };
  if (Array.isArray(value.fallback_providers) && value.fallback_providers.length === 0)
    delete expected.fallback_providers;
  else if (value.fallback_providers !== undefined) expected.fallback_providers = join(value.fallback_providers);
  return expected;
}

type ProviderEntry = [provider: string, entry: Record<string, unknown>];

function providerEntries(body: unknown): ProviderEntry[] {
  if (Array.isArray(body)) return body.map((item: Record<string, unknown>) => [String(item.provider), item]);
  return Object.entries(body as Record<string, Record<string, unknown>>);
}

/** The error class core must pick for a status (core's status table, restated here as the contract). */
function expectedErrorClass(status: number): typeof APIError {
  if (status >= 500) return InternalServerError;
  const byStatus: Record<number, typeof APIError> = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
  };
  return byStatus[status] ?? APIError;
}

/** Text from an Eden AI error example that the thrown message must carry. */
function messageFragments(body: unknown): string[] {
  const record = body as { error?: { message?: unknown }; details?: string; detail?: string };
  const message = record.error?.message;
  if (typeof message === 'string') return [message];
  if (typeof message === 'object' && message !== null) {
    return Object.entries(message as Record<string, string[]>).flatMap(([field, texts]) => [field, ...texts]);
  }
  return [record.details ?? record.detail ?? ''];
}

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to reject, but it resolved.');
}

/** Statuses every operation declares (the `default` response is driven with an undeclared 5xx). */
function declaredErrorStatuses(operation: MockOperation): number[] {
  const statuses = operation.responseExamples.map((example) => (example.status === 'default' ? 503 : example.status));
  return [...new Set(statuses)].filter((status) => status >= 400).sort();
}

function errorExamples(operation: MockOperation): MockExample[] {
  return operation.responseExamples.filter((example) => example.status === 'default' || example.status >= 400);
}

function preferFor(example: MockExample): string {
  return example.status === 'default' ? `example=${example.name}, code=503` : `example=${example.name}`;
}

describe('text.chat request examples', () => {
  it.each(chatOperation.requestExamples.map((example) => [example.name, example] as const))(
    'sends %s with comma-joined providers and a Bearer key, and the mock accepts it',
    async (_name, example) => {
      const result = await createClient().text.chat(example.value as EdenAIChatRequest);
      expect(result.results.length).toBeGreaterThan(0);
      const call = mock.lastCall!;
      expect(call.operationId).toBe('createTextChat');
      expect(call.headers.authorization).toBe(`Bearer ${apiKey}`);
      expect(call.body).toEqual(withJoinedProviders(example.value as Record<string, unknown>));
      expect(typeof (call.body as { providers: unknown }).providers).toBe('string');
    },
  );
});

describe('text.chat response examples', () => {
  const successExamples = chatOperation.responseExamples.filter((example) => example.status === 200);

  it('the spec has response examples to drive', () => {
    expect(successExamples.length).toBeGreaterThan(0);
  });

  it.each(successExamples.map((example) => [example.name, example] as const))(
    'reads %s provider by provider',
    async (_name, example) => {
      const request = Array.isArray(example.value) ? listChatRequest : defaultChatRequest;
      const promise = createClient().text.chat(request, { headers: { Prefer: `example=${example.name}` } });
      const entries = providerEntries(example.value);
      if (entries.every(([, entry]) => entry.status !== 'success')) {
        const error = await captureError(promise);
        expect(APIError.isInstance(error)).toBe(true);
        for (const [provider, entry] of entries) {
          expect((error as APIError).message).toContain(`${provider}: ${(entry.error as { message: string }).message}`);
        }
        return;
      }
      const result = await promise;
      expect(result.raw).toEqual(example.value);
      expect(result.results.map((item) => [item.provider, item.ok])).toEqual(
        entries.map(([provider, entry]) => [provider, entry.status === 'success']),
      );
      expect(result.successes.length + result.failures.length).toBe(entries.length);
      result.results.forEach((item, index) => {
        const entry = entries[index]![1];
        expect(item.result).toEqual(entry);
        if (item.ok) {
          expect(item.generatedText).toBe(entry.generated_text);
          expect(item.cost).toBe(entry.cost);
          expect(item.usage).toEqual(entry.usage);
        } else {
          expect(item.message).toBe((entry.error as { message: string }).message);
        }
      });
    },
  );

  it('reports the failed provider of the partial-failure example and does not throw', async () => {
    const request = requestExample(chatOperation, 'keyword-extraction-partial-failure').value as EdenAIChatRequest;
    const result = await createClient().text.chat(request, {
      headers: { Prefer: 'example=keyword-extraction-partial-failure-answers' },
    });
    expect(result.successes.map((success) => success.provider)).toEqual(['openai']);
    expect(result.successes[0]!.generatedText).toMatch(/^Barack Hussein Obama/);
    expect(result.failures).toEqual([
      {
        ok: false,
        provider: 'google',
        message: 'Provider is currently unavailable',
        error: { message: 'Provider is currently unavailable' },
        result: { status: 'fail', error: { message: 'Provider is currently unavailable' } },
      },
    ]);
    expect(result.results.map((item) => item.provider)).toEqual(['openai', 'google']);
  });

  it('names array results by their provider field (response_as_dict false)', async () => {
    const result = await createClient().text.chat(listChatRequest, {
      headers: { Prefer: 'example=keyword-extraction-answers-as-list' },
    });
    expect(Array.isArray(result.raw)).toBe(true);
    expect(result.results.map((item) => [item.provider, item.ok])).toEqual([
      ['openai', true],
      ['google', true],
    ]);
    expect(result.failures).toEqual([]);
    expect(mock.lastCall!.body).toMatchObject({ providers: 'openai,google', response_as_dict: false });
  });

  it('reads the tool calls of an answer that is only a tool call', async () => {
    const request = requestExample(chatOperation, 'weather-tool-call').value as EdenAIChatRequest;
    const result = await createClient().text.chat(request, { headers: { Prefer: 'example=weather-tool-call-answer' } });
    const [openai] = result.successes;
    expect(openai!.generatedText).toBeNull();
    expect(openai!.toolCalls).toEqual([{ id: 'call_7f3a', name: 'get_weather', arguments: '{"city": "Paris"}' }]);
  });

  it('gives the raw Response and the result through withResponse()', async () => {
    const { data, response, requestId } = await createClient().text.chat(defaultChatRequest).withResponse();
    expect(response.status).toBe(200);
    expect(requestId).toBeUndefined();
    expect(data.successes.length).toBeGreaterThan(0);
  });
});

describe('text.chat provider failures inside a 200', () => {
  it('throws an APIError listing every provider message when all providers failed (map form)', async () => {
    const body = {
      openai: { status: 'fail', error: { message: 'Provider is currently unavailable' } },
      google: { status: 'fail', error: { message: 'Timeout error' } },
    };
    mock.override({ operationId: 'createTextChat', response: { type: 'json', body } });
    const error = await captureError(createClient().text.chat({ providers: ['openai', 'google'], text: 'Hello' }));
    expect(APIError.isInstance(error)).toBe(true);
    const apiError = error as APIError;
    // A 200 gets the base class: no status-specific class fits a failure reported inside the body.
    expect(apiError.name).toBe('APIError');
    expect(apiError.status).toBe(200);
    expect(apiError.vendor).toBe('edenai');
    expect(apiError.body).toEqual(body);
    expect(apiError.message).toContain('openai: Provider is currently unavailable');
    expect(apiError.message).toContain('google: Timeout error');
    expect(apiError.message).not.toContain(apiKey);
  });

  it('throws when every provider of an array body failed, naming items by their provider field', async () => {
    const body = [
      { provider: 'mistral', status: 'fail', error: { message: 'Provider returned an empty response' } },
      { provider: 'cohere', status: 'fail', error: { message: 'Timeout error' } },
    ];
    mock.override({ operationId: 'createTextChat', response: { type: 'json', body } });
    const error = (await captureError(
      createClient().text.chat({ providers: 'mistral,cohere', response_as_dict: false, text: 'Hello' }),
    )) as APIError;
    expect(error.message).toContain('mistral: Provider returned an empty response');
    expect(error.message).toContain('cohere: Timeout error');
  });

  it('treats the vendor schema spelling "sucess" (and any other status) as a failure', async () => {
    const body = {
      openai: { status: 'sucess', generated_text: 'not trusted', message: [] },
      google: { status: 'success', generated_text: 'trusted', message: [] },
    };
    mock.override({ operationId: 'createTextChat', response: { type: 'json', body } });
    const result = await createClient().text.chat({ providers: ['openai', 'google'], text: 'Hello' });
    expect(result.successes.map((success) => [success.provider, success.generatedText])).toEqual([
      ['google', 'trusted'],
    ]);
    expect(result.failures.map((failure) => failure.provider)).toEqual(['openai']);
    expect(result.failures[0]!.message).toContain('"sucess"');
  });

  it('throws when the only provider came back with "sucess"', async () => {
    mock.override({
      operationId: 'createTextChat',
      response: { type: 'json', body: { openai: { status: 'sucess', generated_text: 'x', message: [] } } },
    });
    const error = (await captureError(createClient().text.chat({ providers: 'openai', text: 'Hello' }))) as APIError;
    expect(APIError.isInstance(error)).toBe(true);
    expect(error.message).toContain('openai: Unexpected status "sucess"');
  });

  it('names an array item without provider by its position in the request', async () => {
    const body = [
      { status: 'success', generated_text: 'one', message: [] },
      { status: 'fail', error: { message: 'Timeout error' } },
    ];
    mock.override({ operationId: 'createTextChat', response: { type: 'json', body } });
    const result = await createClient().text.chat({
      providers: ['openai', 'google'],
      response_as_dict: false,
      text: 'Hello',
    });
    expect(result.results.map((item) => item.provider)).toEqual(['openai', 'google']);
  });

  it('throws an APIError when the 200 body is a JSON string, not a provider map or list', async () => {
    mock.override({ operationId: 'createTextChat', response: { type: 'json', body: 'maintenance' } });
    const error = (await captureError(createClient().text.chat({ providers: 'openai', text: 'Hello' }))) as APIError;
    expect(APIError.isInstance(error)).toBe(true);
    expect(error.status).toBe(200);
    expect(error.message).toContain('The response body is a string; a JSON object was expected');
  });

  it('throws an APIError when the 200 body is an object of something other than provider results', async () => {
    mock.override({ operationId: 'createTextChat', response: { type: 'json', body: { openai: 'maintenance' } } });
    const error = (await captureError(createClient().text.chat({ providers: 'openai', text: 'Hello' }))) as APIError;
    expect(APIError.isInstance(error)).toBe(true);
    expect(error.status).toBe(200);
    expect(error.message).toContain('openai: The result is not an object: "maintenance"');
  });
});

describe('recorded wire body', () => {
  it('joins array providers and fallbacks with commas and sends settings as an object', async () => {
    await createClient().text.chat({
      providers: ['openai'],
      fallback_providers: ['anthropic', 'mistral'],
      settings: { openai: 'gpt-4o', anthropic: 'claude-3-5-sonnet-latest' },
      text: 'Hello',
    });
    expect(mock.lastCall!.body).toEqual({
      providers: 'openai',
      fallback_providers: 'anthropic,mistral',
      settings: { openai: 'gpt-4o', anthropic: 'claude-3-5-sonnet-latest' },
      text: 'Hello',
    });
  });

  it('sends several providers as one comma-joined string', async () => {
    await createClient().text.chat({ providers: ['openai', 'google', 'mistral'], text: 'Hello' });
    expect(mock.lastCall!.body).toEqual({ providers: 'openai,google,mistral', text: 'Hello' });
  });

  it('leaves out an empty fallback list instead of sending an empty string', async () => {
    await createClient().text.chat({ providers: 'openai', fallback_providers: [], text: 'Hello' });
    expect(mock.lastCall!.body).toEqual({ providers: 'openai', text: 'Hello' });
  });

  it('passes RequestOptions headers through', async () => {
    await createClient().text.chat(defaultChatRequest, { headers: { 'x-trace': 'abc' } });
    expect(mock.lastCall!.headers['x-trace']).toBe('abc');
  });
});

describe('text.chatStream', () => {
  const streamExamples = streamOperation.responseExamples.filter(
    (example) => example.status === 200 && example.streams,
  );

  it('the spec has stream examples to drive', () => {
    expect(streamExamples.length).toBeGreaterThan(0);
  });

  it.each(streamExamples.map((example) => [example.name, example] as const))(
    'yields the chunks of %s in order',
    async (_name, example) => {
      const stream = await createClient().text.chatStream(defaultStreamRequest, {
        headers: { Prefer: `example=${example.name}` },
      });
      const expected = String(example.value)
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as CreateTextChatStreamChunk);
      expect(await collectStream(stream)).toEqual(expected);
    },
  );

  it.each(streamOperation.requestExamples.map((example) => [example.name, example] as const))(
    'sends %s with comma-joined providers, and the mock accepts it',
    async (_name, example) => {
      const stream = await createClient().text.chatStream(example.value as EdenAIChatStreamRequest);
      expect((await collectStream(stream)).length).toBeGreaterThan(0);
      expect(mock.lastCall!.operationId).toBe('createTextChatStream');
      expect(mock.lastCall!.headers.authorization).toBe(`Bearer ${apiKey}`);
      expect(mock.lastCall!.body).toEqual(withJoinedProviders(example.value as Record<string, unknown>));
    },
  );

  it('keeps blocked chunks visible so the caller can leave them out of the answer', async () => {
    const stream = await createClient().text.chatStream(defaultStreamRequest, {
      headers: { Prefer: 'example=stream-provider-error' },
    });
    const chunks = await collectStream(stream);
    expect(chunks).toContainEqual({ text: '[ERROR]', blocked: true, provider: 'replicate' });
    const answer = chunks
      .filter((chunk) => !chunk.blocked)
      .map((chunk) => chunk.text)
      .join('');
    expect(answer).toBe('Barack Obama was');
  });

  it('sends array providers and fallbacks comma-joined', async () => {
    const stream = await createClient().text.chatStream({
      providers: ['anthropic'],
      fallback_providers: ['openai', 'google'],
      fallback_type: 'rerun',
      text: 'Hi',
    });
    await collectStream(stream);
    expect(mock.lastCall!.body).toEqual({
      providers: 'anthropic',
      fallback_providers: 'openai,google',
      fallback_type: 'rerun',
      text: 'Hi',
    });
  });

  it('reads NDJSON split in the middle of a line, served as text/plain like the real API', async () => {
    mock.override({
      operationId: 'createTextChatStream',
      response: {
        type: 'stream-chunks',
        contentType: 'text/plain',
        chunks: [
          '{"text":"Hel',
          'lo","blocked":false,"provider":"openai"}\n{"text":" there"',
          ',"blocked":false,"provider":"openai"}',
        ],
      },
    });
    const stream = await createClient().text.chatStream({ providers: 'openai', text: 'Hi' });
    expect(await collectStream(stream)).toEqual([
      { text: 'Hello', blocked: false, provider: 'openai' },
      { text: ' there', blocked: false, provider: 'openai' },
    ]);
  });
});

describe.each([
  [
    'text.chat',
    chatOperation,
    (prefer: string) => createClient().text.chat(defaultChatRequest, { headers: { Prefer: prefer } }),
  ],
  [
    'text.chatStream',
    streamOperation,
    (prefer: string) => createClient().text.chatStream(defaultStreamRequest, { headers: { Prefer: prefer } }),
  ],
] as const)('%s errors', (_method, operation, call) => {
  it.each(declaredErrorStatuses(operation))('status %i rejects with the matching error class', async (status) => {
    const error = await captureError(call(`code=${status}`));
    const ErrorClass = expectedErrorClass(status);
    expect(ErrorClass.isInstance(error)).toBe(true);
    const apiError = error as APIError;
    expect(apiError.name).toBe(ErrorClass.kind);
    expect(apiError.status).toBe(status);
    expect(apiError.vendor).toBe('edenai');
    expect(apiError.message).toContain(`[edenai] ${status}`);
    expect(apiError.message).not.toContain(apiKey);
  });

  it.each(errorExamples(operation).map((example) => [example.name, example] as const))(
    'example %s carries its body and message',
    async (_name, example) => {
      const error = (await captureError(call(preferFor(example)))) as APIError;
      expect(APIError.isInstance(error)).toBe(true);
      expect(error.body).toEqual(example.value);
      for (const fragment of messageFragments(example.value)) expect(error.message).toContain(fragment);
    },
  );
});

describe('configuration', () => {
  it('reads EDENAI_API_KEY and EDENAI_BASE_URL', async () => {
    vi.stubEnv('EDENAI_API_KEY', 'env-key-777');
    vi.stubEnv('EDENAI_BASE_URL', 'https://api.edenai.run/v2/');
    const client = createEdenAI({ maxRetries: 0, logLevel: 'off' });
    expect(client.baseURL).toBe('https://api.edenai.run/v2');
    await client.text.chat(defaultChatRequest);
    expect(mock.lastCall!.headers.authorization).toBe('Bearer env-key-777');
  });

  it('uses the spec server as the default base URL', () => {
    vi.stubEnv('EDENAI_BASE_URL', undefined);
    expect(createClient().baseURL).toBe('https://api.edenai.run/v2');
  });

  it('fails at creation without an API key, naming the variable', () => {
    vi.stubEnv('EDENAI_API_KEY', undefined);
    expect(() => createEdenAI()).toThrow(TextgenError);
    expect(() => createEdenAI()).toThrow(/EDENAI_API_KEY/);
  });

  it('exposes the typed raw client with the same auth', async () => {
    const { data, response } = await createClient().raw.POST('/text/chat/', {
      body: { providers: 'openai', text: 'Hello' },
      headers: { Prefer: 'example=weather-tool-result-answer' },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(
      chatOperation.responseExamples.find((example) => example.name === 'weather-tool-result-answer')!.value,
    );
    expect(mock.lastCall!.headers.authorization).toBe(`Bearer ${apiKey}`);
  });
});
