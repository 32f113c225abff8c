import type { NormalizedCall, ProviderStreamEvent } from '@textgen/core';
import { createMockServer, listMockExamples, splitStreamExample, type MockExample } from '@textgen/mocks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wetrocloudProvider } from '../src/index';

// The provider on its own, as any facade calls it (no @textgen/sdk): a client, a checked call, the mock from the spec.
const mock = createMockServer({ streamChunkDelayMs: 0 });
beforeAll(() => mock.listen());
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

const client = () => wetrocloudProvider.createClient({ apiKey: 'test-key-wetrocloud', maxRetries: 0, logLevel: 'off' });

function firstExample(streams: boolean): MockExample {
  const example = listMockExamples({ vendor: 'wetrocloud' }).find(
    (candidate) =>
      candidate.operationId === 'createTextGeneration' && candidate.status === 200 && candidate.streams === streams,
  );
  if (example === undefined) throw new Error(`The wetrocloud spec has no 200 example (streams: ${streams}).`);
  return example;
}

function callOf(fields: Partial<NormalizedCall>): NormalizedCall {
  const messages = [{ role: 'user' as const, content: 'What is a large language model?' }];
  const base = { provider: 'wetrocloud', model: 'llama-3.3-70b', messages, prompt: undefined };
  return {
    ...base,
    temperature: undefined,
    maxOutputTokens: undefined,
    providerOptions: {},
    requestOptions: {},
    ...fields,
  };
}

describe('wetrocloudProvider', () => {
  it('generates the spec example answer, its token count as the total, and warns of fields it lacks', async () => {
    const example = firstExample(false).value as { response: string; tokens: number };
    const prepared = wetrocloudProvider.prepare({ client: client(), call: callOf({ temperature: 1 }), stream: false });
    expect(prepared.warnings).toEqual(['wetrocloud has no temperature field; temperature was not sent.']);
    const result = await prepared.generate();
    expect(result).toMatchObject({ text: example.response, usage: { totalTokens: example.tokens } });
    expect(mock.lastCall?.body).toMatchObject({ model: 'llama-3.3-70b', messages: callOf({}).messages });
  });

  it('streams the response deltas of the spec example', async () => {
    const example = firstExample(true);
    const expected = splitStreamExample({ body: example.value as string, mediaType: example.mediaType })
      .map((line) => (JSON.parse(line) as { response?: unknown }).response)
      .filter((text) => typeof text === 'string');
    const events: ProviderStreamEvent[] = [];
    for await (const event of await wetrocloudProvider
      .prepare({ client: client(), call: callOf({}), stream: true })
      .stream()) {
      events.push(event);
    }
    expect(events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []))).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1);
  });
});
