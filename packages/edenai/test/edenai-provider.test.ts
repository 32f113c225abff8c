import { TextgenError, type NormalizedCall, type ProviderStreamEvent } from '@textgen/core';
import { createMockServer, listMockExamples, splitStreamExample, type MockExample } from '@textgen/mocks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { edenaiProvider } from '../src/index';

// The provider on its own, as any facade calls it (no @textgen/sdk): a client, a checked call, the mock from the spec.
const mock = createMockServer({ streamChunkDelayMs: 0 });
beforeAll(() => mock.listen());
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

const client = () => edenaiProvider.createClient({ apiKey: 'test-key-edenai', maxRetries: 0, logLevel: 'off' });

function firstExample(operationId: string): MockExample {
  const example = listMockExamples({ vendor: 'edenai' }).find(
    (candidate) => candidate.operationId === operationId && candidate.status === 200,
  );
  if (example === undefined) throw new Error(`The edenai spec has no ${operationId} 200 example.`);
  return example;
}

function callOf(fields: Partial<NormalizedCall>): NormalizedCall {
  const messages = [{ role: 'user' as const, content: 'Extract the keywords.' }];
  const base = { provider: 'edenai', model: 'openai', messages, prompt: undefined };
  return {
    ...base,
    temperature: undefined,
    maxOutputTokens: undefined,
    providerOptions: {},
    requestOptions: {},
    ...fields,
  };
}

describe('edenaiProvider', () => {
  it("generates the answer of the requested provider in the spec example, with that provider's usage", async () => {
    const example = firstExample('createTextChat').value as Record<
      string,
      { generated_text: string; usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } }
    >;
    const openai = example.openai!;
    const result = await edenaiProvider.prepare({ client: client(), call: callOf({}), stream: false }).generate();
    expect(result).toMatchObject({
      text: openai.generated_text,
      usage: {
        inputTokens: openai.usage.prompt_tokens,
        outputTokens: openai.usage.completion_tokens,
        totalTokens: openai.usage.total_tokens,
      },
    });
    expect(mock.lastCall?.body).toMatchObject({ providers: 'openai', text: 'Extract the keywords.' });
  });

  it('streams the text of the spec example, leaving blocked fragments out', async () => {
    const example = firstExample('createTextChatStream');
    const expected = splitStreamExample({ body: example.value as string, mediaType: example.mediaType })
      .map((line) => JSON.parse(line) as { text?: unknown; blocked?: unknown })
      .flatMap((chunk) => (chunk.blocked !== true && typeof chunk.text === 'string' ? [chunk.text] : []));
    const events: ProviderStreamEvent[] = [];
    for await (const event of await edenaiProvider
      .prepare({ client: client(), call: callOf({}), stream: true })
      .stream()) {
      events.push(event);
    }
    expect(events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []))).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1);
  });

  it('names the provider options field a wrong providers value came in, under the name the call used', () => {
    const call = callOf({ provider: 'eden', providerOptions: { fallback_providers: 7 } });
    expect(() => edenaiProvider.prepare({ client: client(), call, stream: false })).toThrow(
      new TextgenError(
        "textgen: providerOptions.eden.fallback_providers is 7; pass a provider name ('openai'), " +
          "a comma-separated string ('openai,google') or an array of names.",
      ),
    );
    expect(mock.calls).toHaveLength(0);
  });
});
