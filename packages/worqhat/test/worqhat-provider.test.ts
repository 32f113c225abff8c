import { TextgenError, type NormalizedCall, type ProviderStreamEvent } from '@textgen/core';
import { createMockServer, listMockExamples, splitStreamExample, type MockExample } from '@textgen/mocks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWorqhat } from '../src/index';
import { worqhatProvider } from '../src/index';

// The provider on its own, as any facade calls it (no @textgen/sdk): a client, a checked call, the mock from the spec.
const mock = createMockServer({ streamChunkDelayMs: 0 });
beforeAll(() => mock.listen());
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

const client = () => worqhatProvider.createClient({ apiKey: 'test-key-worqhat', maxRetries: 0, logLevel: 'off' });

function firstExample(streams: boolean): MockExample {
  const example = listMockExamples({ vendor: 'worqhat' }).find(
    (candidate) =>
      candidate.operationId === 'generateContent' && candidate.status === 200 && candidate.streams === streams,
  );
  if (example === undefined)
    throw new Error(`The worqhat spec has no generateContent 200 example (streams: ${streams}).`);
  return example;
}

function callOf(fields: Partial<NormalizedCall>): NormalizedCall {
  const messages = [{ role: 'user' as const, content: 'Tell me about the Hawa Mahal.' }];
  const base = { provider: 'worqhat', model: 'aicon-v4-nano-160824', messages, prompt: undefined };
  return {
    ...base,
    temperature: undefined,
    maxOutputTokens: undefined,
    providerOptions: {},
    requestOptions: {},
    ...fields,
  };
}

describe('worqhatProvider', () => {
  it('is the client factory of this package, keyed by WORQHAT_API_KEY', () => {
    expect(worqhatProvider.provider).toBe('worqhat');
    expect(worqhatProvider.apiKeyEnvironmentVariable).toBe('WORQHAT_API_KEY');
    expect(client().baseURL).toBe(createWorqhat({ apiKey: 'test-key-worqhat' }).baseURL);
  });

  it('generates: the answer of the spec example, the request id from processingId', async () => {
    const example = firstExample(false).value as { content: string; processingId: string };
    const result = await worqhatProvider
      .prepare({ client: client(), call: callOf({ temperature: 1 }), stream: false })
      .generate();
    expect(result).toMatchObject({ text: example.content, requestId: example.processingId });
    expect(mock.lastCall?.body).toMatchObject({
      question: 'Tell me about the Hawa Mahal.',
      randomness: 0.5,
      stream_data: false,
    });
  });

  it('streams the content deltas of the spec example', async () => {
    const example = firstExample(true);
    const expected = splitStreamExample({ body: example.value as string, mediaType: example.mediaType })
      .map((event) => event.trim().replace(/^data: /, ''))
      .filter((payload) => payload !== '[DONE]')
      .map((payload) => (JSON.parse(payload) as { content: string }).content);
    const events: ProviderStreamEvent[] = [];
    for await (const event of await worqhatProvider
      .prepare({ client: client(), call: callOf({}), stream: true })
      .stream()) {
      events.push(event);
    }
    expect(events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []))).toEqual(expected);
    expect(mock.lastCall?.body).toMatchObject({ stream_data: true });
  });

  it('refuses a conversation that does not end with a user turn before sending anything', () => {
    const messages = [{ role: 'assistant' as const, content: 'Hello.' }];
    expect(() => worqhatProvider.prepare({ client: client(), call: callOf({ messages }), stream: false })).toThrow(
      TextgenError,
    );
    expect(mock.calls).toHaveLength(0);
  });
});
