import {
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  PermissionDeniedError,
  RateLimitError,
  TextgenError,
  type Stream,
} from '@textgen/core';
import {
  createMockServer,
  listMockOperations,
  type MockExample,
  type MockOperation,
  type MockRequestExample,
} from '@textgen/mocks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorqhat,
  type GenerateContentParams,
  type GenerateContentResult,
  type GenerateContentWithModelParams,
  type WorqhatModelType,
  type GenerateContentChunk,
} from '../src/index';

const apiKey = 'sk-test-worqhat-key';
const mock = createMockServer({ streamChunkDelayMs: 0 });

beforeAll(() => mock.listen());
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

// Created per test, after listen(); core looks globalThis.fetch up per call anyway.
const createClient = () => createWorqhat({ apiKey, logLevel: 'off' });

const operations = listMockOperations({ vendor: 'worqhat' });
const operationIds = ['generateContent', 'generateContentWithModel'] as const;
type OperationId = (typeof operationIds)[number];

function operationFor(operationId: OperationId): MockOperation {
  const operation = operations.find((candidate) => candidate.operationId === operationId);
  if (operation === undefined) throw new Error(`The worqhat spec has no ${operationId} operation.`);
  return operation;
}

function requestExampleFor(operation: MockOperation, streams: boolean): MockRequestExample {
  const example = operation.requestExamples.find((candidate) => candidate.streams === streams);
  if (example === undefined)
    throw new Error(`${operation.operationId} has no request example with streams=${streams}.`);
  return example;
}

/** Calls the client method that wraps one operation with a spec request example as its body. */
function callOperation(options: { operation: MockOperation; body: unknown; headers?: Record<string, string> }) {
  const client = createClient();
  const requestOptions = { headers: options.headers, maxRetries: 0 };
  const operationId = options.operation.operationId as OperationId;
  switch (operationId) {
    case 'generateContent':
      return client.content.generate(options.body as GenerateContentParams, requestOptions);
    case 'generateContentWithModel': {
      const { modelType, modelId } = options.operation.pathParameterExamples;
      const params = { ...(options.body as object), modelType, modelId } as GenerateContentWithModelParams;
      return client.content.generateWithModel(params, requestOptions);
    }
    default: {
      const unknownOperation: never = operationId;
      throw new Error(`No client method for ${String(unknownOperation)}`);
    }
  }
}

/**
 * The recorded request went out in WorqHat's real format: Bearer auth and the example body, path parameters removed.
 */
function expectWireRequest(options: { operation: MockOperation; body: unknown }) {
  expect(mock.calls).toHaveLength(1);
  const call = mock.lastCall!;
  expect(call.operationId).toBe(options.operation.operationId);
  expect(call.headers.authorization).toBe(`Bearer ${apiKey}`);
  expect(call.headers['content-type']).toMatch(/^application\/json/);
  expect(call.body).toEqual(options.body);
  expect(call.pathParameters).toEqual(options.operation.pathParameterExamples);
}

/** The JSON payload of each `data:` event of an SSE example, without the `[DONE]` terminator. */
function ssePayloads(body: string): unknown[] {
  return body
    .split('\n\n')
    .map((event) => event.trim())
    .filter((event) => event !== '' && event !== 'data: [DONE]')
    .map((event) => JSON.parse(event.replace(/^data: /, '')) as unknown);
}

const examplesOf = (operationId: OperationId, filter: (example: MockExample) => boolean) =>
  operationFor(operationId).responseExamples.filter(filter);

describe.each(operationIds)('%s against the spec examples', (operationId) => {
  const operation = operationFor(operationId);
  const jsonExamples = examplesOf(operationId, (example) => example.status === 200 && !example.streams);
  const streamExamples = examplesOf(operationId, (example) => example.status === 200 && example.streams);
  const errorExamples = examplesOf(operationId, (example) => example.status !== 200);

  it('has JSON, stream and error examples to test', () => {
    expect(jsonExamples.length).toBeGreaterThan(0);
    expect(streamExamples.length).toBeGreaterThan(0);
    expect(errorExamples.length).toBeGreaterThan(0);
  });

  it.each(jsonExamples.map((example) => [example.name, example] as const))(
    'returns the 200 example %s',
    async (name, example) => {
      const request = requestExampleFor(operation, false);
      const { data, requestId } = await callOperation({
        operation,
        body: request.value,
        headers: { Prefer: `example=${name}` },
      }).withResponse();
      expect(data).toEqual(example.value);
      // No request-id header exists; the id comes from the body's processingId.
      expect(requestId).toBe((example.value as GenerateContentResult).processingId);
      expectWireRequest({ operation, body: request.value });
    },
  );

  it.each(streamExamples.map((example) => [example.name, example] as const))(
    'streams the example %s chunk by chunk',
    async (name, example) => {
      const request = requestExampleFor(operation, true);
      const stream = (await callOperation({
        operation,
        body: request.value,
        headers: { Prefer: `example=${name}` },
      })) as Stream<GenerateContentChunk>;
      const chunks: GenerateContentChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks).toEqual(ssePayloads(example.value as string));
      expect(chunks.length).toBeGreaterThan(1);
      expectWireRequest({ operation, body: request.value });
    },
  );

  // Statuses the spec declares, and the class core must map each to; `default` is exercised as a 403.
  const expectedClasses: Record<string, { status: number; errorClass: typeof APIError }> = {
    '400': { status: 400, errorClass: BadRequestError },
    '401': { status: 401, errorClass: AuthenticationError },
    // WorqHat's non-standard 402 "Syntax Error: Invalid JSON" has no dedicated class.
    '402': { status: 402, errorClass: APIError },
    '429': { status: 429, errorClass: RateLimitError },
    '500': { status: 500, errorClass: InternalServerError },
    default: { status: 403, errorClass: PermissionDeniedError },
  };

  it('knows the expected error class of every declared error status', () => {
    expect(Object.keys(expectedClasses).sort()).toEqual(
      [...new Set(errorExamples.map((example) => String(example.status)))].sort(),
    );
  });

  it.each(errorExamples.map((example) => [String(example.status), example] as const))(
    'maps status %s to its typed error',
    async (statusKey, example) => {
      const expected = expectedClasses[statusKey]!;
      const request = requestExampleFor(operation, false);
      const error = await callOperation({
        operation,
        body: request.value,
        headers: { Prefer: `code=${expected.status}, example=${example.name}` },
      }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(expected.errorClass.isInstance(error)).toBe(true);
      const apiError = error as APIError;
      expect(apiError.name).toBe(expected.errorClass.kind);
      expect(apiError.vendor).toBe('worqhat');
      expect(apiError.status).toBe(expected.status);
      expect(apiError.body).toEqual(example.value);
      const body = example.value as { message: string; error: { message: string } };
      // The heading and the detail both reach the message (once, when they are the same text).
      expect(apiError.message.startsWith(`[worqhat] ${expected.status} ${body.message}`)).toBe(true);
      expect(apiError.message).toContain(body.error.message);
      expect(apiError.message).not.toContain(apiKey);
      // maxRetries: 0, so even the retryable 429 and 500 were sent once.
      expect(mock.calls).toHaveLength(1);
      expect(mock.lastCall?.headers.authorization).toBe(`Bearer ${apiKey}`);
    },
  );
});

describe('conversation_id', () => {
  it('is surfaced on the response and sent back on a follow-up request', async () => {
    const client = createClient();
    const first = await client.content.generate({
      question: 'What should I see first in Jaipur?',
      model: 'aicon-v4-nano-160824',
    });
    // The server makes up an id when none is sent (the mock's is `conv_<digits>`).
    expect(first.conversation_id).toMatch(/^conv_\d+$/);
    expect(mock.lastCall?.body).not.toHaveProperty('conversation_id');

    const second = await client.content.generate({
      question: 'And after that?',
      model: 'aicon-v4-nano-160824',
      conversation_id: first.conversation_id,
    });
    expect(mock.calls).toHaveLength(2);
    expect(mock.lastCall?.body).toEqual({
      question: 'And after that?',
      model: 'aicon-v4-nano-160824',
      conversation_id: first.conversation_id,
    });
    expect(second.conversation_id).toBe(first.conversation_id);
  });

  it('is carried by every stream chunk of a finetuned model', async () => {
    const stream = await createClient().content.generateWithModel({
      modelType: 'large',
      modelId: 'custom-model-1',
      question: 'What is special about Lake Pichola?',
      stream_data: true,
      conversation_id: 'conv_lake_pichola',
    });
    const ids = new Set<string | undefined>();
    for await (const chunk of stream) ids.add(chunk.conversation_id);
    expect([...ids]).toEqual(['conv_lake_pichola']);
    expect(mock.lastCall?.pathParameters).toEqual({ modelType: 'large', modelId: 'custom-model-1' });
  });
});

describe('usage count spellings', () => {
  it('types both processing_count (text-only page) and processingCount (finetuned page)', async () => {
    const client = createClient();
    const textOnly = await client.content.generate({ question: 'Hi', model: 'aicon-v4-nano-160824' });
    const finetuned = await client.content.generateWithModel({
      modelType: 'nano',
      modelId: 'custom-model-1',
      question: 'Hi',
    });
    expect([textOnly.processing_count, textOnly.processingCount]).toEqual([42, undefined]);
    expect([finetuned.processingCount, finetuned.processing_count]).toEqual([38, undefined]);
  });
});

describe('client-side validation', () => {
  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (reason: unknown) => reason,
    );

  it.each(['', '   '])('rejects the question %j before any request, streaming or not', async (question) => {
    const client = createClient();
    const errors = [
      await rejection(client.content.generate({ question, model: 'aicon-v4-nano-160824' })),
      await rejection(client.content.generate({ question, model: 'aicon-v4-nano-160824', stream_data: true })),
      await rejection(client.content.generateWithModel({ modelType: 'nano', modelId: 'custom-model-1', question })),
      await rejection(
        client.content.generateWithModel({ modelType: 'nano', modelId: 'custom-model-1', question, stream_data: true }),
      ),
    ];
    for (const error of errors) {
      expect(TextgenError.isInstance(error)).toBe(true);
      expect(APIError.isInstance(error)).toBe(false);
      expect((error as Error).message).toMatch(/`question` is empty\. Pass the prompt/);
    }
    expect(mock.calls).toHaveLength(0);
  });

  it('rejects a modelType other than nano or large, naming the allowed values', async () => {
    const error = await rejection(
      createWorqhat({ apiKey }).content.generateWithModel({
        modelType: 'medium' as WorqhatModelType,
        modelId: 'custom-model-1',
        question: 'Hi',
      }),
    );
    expect(TextgenError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `[worqhat] content.generateWithModel: \`modelType\` must be 'nano' or 'large' (the base model the custom model was trained from), got "medium".`,
    );
    expect(mock.calls).toHaveLength(0);
  });

  it('rejects an empty modelId, which would otherwise hit a different URL', async () => {
    const error = await rejection(
      createClient().content.generateWithModel({ modelType: 'nano', modelId: '', question: 'Hi' }),
    );
    expect((error as Error).message).toMatch(/`modelId` is empty/);
    expect(mock.calls).toHaveLength(0);
  });
});

describe('the raw client', () => {
  it('calls any operation with full types and the same auth', async () => {
    const client = createClient();
    const { data, response } = await client.raw.POST('/api/ai/content/v4/{modelType}/{modelId}', {
      params: { path: { modelType: 'nano', modelId: 'custom-model-1' } },
      body: { question: 'Where can I watch the sunset in Udaipur?' },
      headers: { Prefer: 'example=finetuned-json-output-response' },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ content: { guide: 'Alex' }, processingCount: 27 });
    expect(mock.lastCall?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(client.baseURL).toBe('https://api.worqhat.com');
  });
});
