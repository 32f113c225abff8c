import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createMockServer,
  getVendorSpec,
  listMockExamples,
  listMockOperations,
  responseSchemaErrors,
  streamChunkSchemaErrors,
  type MockExample,
} from '@textgen/mocks';
import { streamExamplePayloads } from '@textgen/mocks/testing';
import { exampleRequestInit, operationUrl, readChunks } from './support/example-request';
import { listSourceOperations } from './support/source-specs';

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
    expect(new Set(operations.map((operation) => operation.vendor))).toEqual(
      new Set(['wetrocloud', 'edenai', 'worqhat', 'aitre']),
    );
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(
      [
        'createCompletion',
        'createTextChat',
        'createTextChatStream',
        'createTextGeneration',
        'generateContent',
        'generateContentWithModel',
      ].sort(),
    );
    expect(responseCases.filter((testCase) => testCase.example.streams).length).toBeGreaterThanOrEqual(4);
  });

  it('lists exactly the operations and named response examples of the YAML specs', () => {
    // The YAML source is read independently of the generated bundles and of listMockOperations(), so a stale bundle
    // or an example the inventory drops shows up here.
    const source = listSourceOperations();
    expect(operations.map((operation) => `${operation.vendor} ${operation.operationId}`).sort()).toEqual(
      source.map((operation) => `${operation.vendor} ${operation.operationId}`).sort(),
    );
    const describeExample = (example: {
      vendor: string;
      operationId: string;
      status: number | string;
      mediaType: string;
      name: string;
    }) => `${example.vendor} ${example.operationId} ${example.status} ${example.mediaType} ${example.name}`;
    const sourceExamples = source.flatMap((operation) => operation.responseExamples);
    expect(listMockExamples().map(describeExample).sort()).toEqual(sourceExamples.map(describeExample).sort());
    for (const example of sourceExamples) {
      const served = listMockExamples({ vendor: example.vendor }).find(
        (candidate) => describeExample(candidate) === describeExample(example),
      );
      expect(served?.value, describeExample(example)).toEqual(example.value);
    }
  });
});

/**
 * Stream examples must hold the body exactly as on the wire (CONVENTIONS.md "Responses and examples"). These checks
 * read
 * the YAML source, so they hold for the spec itself and not only for what the mock serves.
 */
describe('stream examples are framed as on the wire', () => {
  const sourceStreamExamples = listSourceOperations()
    .flatMap((operation) => operation.responseExamples)
    .filter((example) => example.mediaType === 'text/event-stream' || example.mediaType === 'application/x-ndjson')
    .map((example) => ({
      ...example,
      label: `${example.vendor} ${example.operationId} ${example.name} (${example.mediaType})`,
    }));
  const sseExamples = sourceStreamExamples.filter((example) => example.mediaType === 'text/event-stream');
  const ndjsonExamples = sourceStreamExamples.filter((example) => example.mediaType === 'application/x-ndjson');

  it('has SSE and NDJSON examples to check', () => {
    expect(sseExamples.length).toBeGreaterThan(0);
    expect(ndjsonExamples.length).toBeGreaterThan(0);
  });

  it.each(sseExamples)(
    '$label: SSE events each end with a blank line, and the terminator is where the spec says',
    ({ value, schemaDescription }) => {
      expect(typeof value).toBe('string');
      const body = value as string;
      expect(body.endsWith('\n\n'), 'the body ends with the blank line after its last event').toBe(true);
      const events = body.slice(0, -2).split('\n\n');
      for (const event of events) {
        expect(event, 'no event is empty (no doubled blank lines)').not.toBe('');
        for (const line of event.split('\n'))
          expect(line, 'each line of an event is a field').toMatch(/^(data|event|id|retry)?:/);
      }
      const data = events.map((event) =>
        event
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice('data:'.length).replace(/^ /, ''))
          .join('\n'),
      );
      // The media type's schema description is where the spec states, in prose, that the stream ends with [DONE].
      const declaresDone = /\[DONE\]/.test(schemaDescription ?? '');
      if (declaresDone) {
        expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
        expect(data.indexOf('[DONE]'), '[DONE] comes only at the end').toBe(data.length - 1);
        expect(data.slice(0, -1).length).toBeGreaterThan(0);
      } else {
        expect(data).not.toContain('[DONE]');
      }
      for (const payload of declaresDone ? data.slice(0, -1) : data)
        expect(() => JSON.parse(payload) as unknown, payload).not.toThrow();
    },
  );

  it('ends the AITRE and WorqHat SSE examples with data: [DONE] (specs/vendor-facts.md), and only those', () => {
    const terminated = new Set(
      sseExamples
        .filter((example) => (example.value as string).endsWith('data: [DONE]\n\n'))
        .map((example) => example.vendor),
    );
    expect(terminated).toEqual(new Set(['aitre', 'worqhat']));
    for (const example of sseExamples) expect(example.value, example.label).toMatch(/data: \[DONE\]\n\n$/);
  });

  it.each(ndjsonExamples)('$label: one JSON object per line, each ending in a newline, no blank lines', ({ value }) => {
    expect(typeof value).toBe('string');
    const body = value as string;
    expect(body.endsWith('\n'), 'the last line ends with a newline').toBe(true);
    const lines = body.slice(0, -1).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line.trim(), 'no blank line').not.toBe('');
      const parsed: unknown = JSON.parse(line);
      expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed), line).toBe(true);
    }
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
  operation.requestExamples.map((example) => ({
    label: `${example.vendor} ${operation.operationId} ${example.name} (${example.mediaType})`,
    operation,
    example,
  })),
);

describe('every named request example is valid, and the answer built from it follows the response schema', () => {
  it.each(requestCases)('$label', async ({ operation, example }) => {
    const response = await fetch(operationUrl({ operation }), exampleRequestInit({ operation, example }));

    expect(response.status).toBe(200);
    const kind = operation.responseExamples.find(
      (candidate) => candidate.status === 200 && candidate.streams === example.streams,
    );
    expect(kind, 'a 200 example of the matching kind').toBeDefined();
    expect(response.headers.get('content-type')).toBe(kind!.mediaType);
    const { vendor, operationId } = operation;
    if (example.streams) {
      const chunks = streamExamplePayloads({
        value: (await readChunks(response)).join(''),
        mediaType: kind!.mediaType,
      });
      expect(chunks.length).toBeGreaterThan(0);
      for (const chunk of chunks) {
        expect(streamChunkSchemaErrors({ vendor, operationId, chunk }), JSON.stringify(chunk)).toEqual([]);
      }
    } else {
      const body: unknown = await response.json();
      expect(responseSchemaErrors({ vendor, operationId, status: 200, body }), JSON.stringify(body)).toEqual([]);
    }
  });
});

describe('the examples themselves follow their schemas', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

  it.each(responseCases.filter((testCase) => !testCase.example.streams))('$label', ({ operation, example }) => {
    const spec = getVendorSpec(operation.vendor);
    const media =
      spec.paths[operation.path]![operation.method]!.responses[String(example.status)]!.content![example.mediaType]!;
    const validate = ajv.compile(media.schema as object);
    expect(validate(example.value), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(responseCases.filter((testCase) => testCase.example.streams))(
    '$label: each payload matches x-stream-item',
    ({ operation, example }) => {
      const spec = getVendorSpec(operation.vendor);
      const media =
        spec.paths[operation.path]![operation.method]!.responses[String(example.status)]!.content![example.mediaType]!;
      expect(media['x-stream-item'], 'x-stream-item is declared').toBeDefined();
      const validate = ajv.compile(media['x-stream-item'] as object);
      const chunks = streamExamplePayloads(example);
      expect(chunks.length).toBeGreaterThan(0);
      for (const chunk of chunks) {
        const payload = JSON.stringify(chunk);
        expect(validate(chunk), `${payload}: ${JSON.stringify(validate.errors)}`).toBe(true);
        // A field the vendor adds later must not make a real chunk invalid: chunk schemas stay open.
        expect(
          validate({ ...(chunk as object), textgenFutureField: 1 }),
          `${payload} + an unknown field: ${JSON.stringify(validate.errors)}`,
        ).toBe(true);
      }
    },
  );

  // Response bodies whose schema declares its fields at the top (not Eden AI's provider-keyed map) stay open too.
  it.each(
    responseCases.filter(({ operation, example }) => {
      if (example.status !== 200 || example.streams) return false;
      const media = getVendorSpec(operation.vendor).paths[operation.path]![operation.method]!.responses['200']!
        .content![example.mediaType]!;
      return typeof media.schema === 'object' && 'properties' in media.schema;
    }),
  )('$label: still valid with a field the vendor may add later', ({ operation, example }) => {
    const media = getVendorSpec(operation.vendor).paths[operation.path]![operation.method]!.responses['200']!.content![
      example.mediaType
    ]!;
    const validate = ajv.compile(media.schema as object);
    expect(validate({ ...(example.value as object), textgenFutureField: 1 }), JSON.stringify(validate.errors)).toBe(
      true,
    );
  });
});
