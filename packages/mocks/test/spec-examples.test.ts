import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, getVendorSpec, listMockExamples, listMockOperations, type MockExample } from '@textgen/mocks';
import { exampleRequestInit, operationUrl, readChunks } from './support/example-request';
import { streamPayloads } from './support/stream-payloads';

const server = createMockServer();
beforeAll(() => server.listen());
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const operations = listMockOperations();

interface ResponseCase {
  label: string;
  operation: (typeof operations)[number];
  example: MockExample;
}

const responseCases: ResponseCase[] = operations.flatMap((operation) =>
  operation.responseExamples.map((example) => ({
    label: `${example.vendor} ${operation.operationId} ${example.name} (${example.status} ${example.mediaType})`,
    operation,
    example,
  })),
);

describe('the spec inventory', () => {
  it('covers all four vendors, every operation, and stream examples', () => {
    expect(new Set(operations.map((operation) => operation.vendor))).toEqual(new Set(['wetrocloud', 'edenai', 'worqhat', 'aitre']));
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(
      ['createCompletion', 'createTextChat', 'createTextChatStream', 'createTextGeneration', 'generateContent', 'generateContentWithModel'].sort(),
    );
    expect(responseCases.filter((testCase) => testCase.example.streams).length).toBeGreaterThanOrEqual(4);
    expect(listMockExamples()).toHaveLength(responseCases.length);
  });
});

describe('every named response example is served with Prefer: example=<name>', () => {
  it.each(responseCases)('$label', async ({ operation, example }) => {
    // A stream example is asked for the way a client would: with a request example that sets the stream flag.
    const requestExample = example.streams
      ? operation.requestExamples.find((candidate) => candidate.streams)
      : (operation.requestExamples.find((candidate) => !candidate.streams) ?? operation.requestExamples[0]);
    expect(requestExample, 'a request example to send').toBeDefined();

    const response = await fetch(
      operationUrl({ operation }),
      exampleRequestInit({ operation, example: requestExample!, headers: { prefer: `example=${example.name}` } }),
    );

    expect(response.status).toBe(example.status === 'default' ? 500 : example.status);
    expect(response.headers.get('content-type')).toBe(example.mediaType);
    if (example.streams) {
      const chunks = await readChunks(response);
      expect(chunks.join('')).toBe(example.value);
      expect(chunks.length).toBeGreaterThan(1);
    } else {
      expect(await response.json()).toEqual(example.value);
    }
    expect(server.lastCall?.operationId).toBe(operation.operationId);
  });
});

const requestCases = operations.flatMap((operation) =>
  operation.requestExamples.map((example) => ({ label: `${example.vendor} ${operation.operationId} ${example.name} (${example.mediaType})`, operation, example })),
);

describe('every named request example is valid, and gets the default 200 example', () => {
  it.each(requestCases)('$label', async ({ operation, example }) => {
    const response = await fetch(operationUrl({ operation }), exampleRequestInit({ operation, example }));

    expect(response.status).toBe(200);
    const expected = operation.responseExamples.find(
      (candidate) => candidate.status === 200 && candidate.streams === example.streams,
    );
    expect(expected, 'a 200 example of the matching kind').toBeDefined();
    expect(response.headers.get('content-type')).toBe(expected!.mediaType);
    if (example.streams) {
      expect((await readChunks(response)).join('')).toBe(expected!.value);
    } else {
      expect(await response.json()).toEqual(expected!.value);
    }
  });
});

describe('the examples themselves follow their schemas', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

  it.each(responseCases.filter((testCase) => !testCase.example.streams))('$label', ({ operation, example }) => {
    const spec = getVendorSpec(operation.vendor);
    const media = spec.paths[operation.path]![operation.method]!.responses[String(example.status)]!.content![example.mediaType]!;
    const validate = ajv.compile(media.schema as object);
    expect(validate(example.value), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(responseCases.filter((testCase) => testCase.example.streams))('$label: each payload matches x-stream-item', ({ operation, example }) => {
    const spec = getVendorSpec(operation.vendor);
    const media = spec.paths[operation.path]![operation.method]!.responses[String(example.status)]!.content![example.mediaType]!;
    expect(media['x-stream-item'], 'x-stream-item is declared').toBeDefined();
    const validate = ajv.compile(media['x-stream-item'] as object);
    const payloads = streamPayloads({ body: example.value as string, mediaType: example.mediaType }).filter((payload) => payload !== '[DONE]');
    expect(payloads.length).toBeGreaterThan(0);
    for (const payload of payloads) {
      const chunk: unknown = JSON.parse(payload);
      expect(validate(chunk), `${payload}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});
