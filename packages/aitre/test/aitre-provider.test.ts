import type { NormalizedCall, ProviderStreamEvent } from '@textgen/core';
import { createMockServer, listMockOperations, splitStreamExample, type MockOperation } from '@textgen/mocks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { aitreProvider } from '../src/index';
// Not exported by the package (an internal of the provider); tested where it is defined.
import { renderAitrePrompt } from '../src/aitre-provider';

describe('renderAitrePrompt', () => {
  it('sends a prompt without system text exactly as given', () => {
    expect(
      renderAitrePrompt({
        prompt: '  Say this is a test\n',
        messages: [{ role: 'user', content: '  Say this is a test\n' }],
      }),
    ).toBe('  Say this is a test\n');
  });

  it('renders a prompt with system text through the template', () => {
    const messages = [
      { role: 'system' as const, content: 'Be terse.' },
      { role: 'user' as const, content: 'Say this is a test' },
    ];
    expect(renderAitrePrompt({ prompt: 'Say this is a test', messages })).toBe(
      'Be terse.\n\nUser: Say this is a test\n\nAssistant:',
    );
  });

  it('puts every system message first, in order, then the turns, then the open assistant turn', () => {
    const messages = [
      { role: 'user' as const, content: 'Hi' },
      { role: 'system' as const, content: 'One.' },
      { role: 'assistant' as const, content: 'Hello.' },
      { role: 'system' as const, content: 'Two.' },
      { role: 'user' as const, content: 'Bye' },
    ];
    expect(renderAitrePrompt({ prompt: undefined, messages })).toBe(
      'One.\n\nTwo.\n\nUser: Hi\n\nAssistant: Hello.\n\nUser: Bye\n\nAssistant:',
    );
  });
});

// The provider on its own, as any facade calls it (no @textgen/sdk): a client, a checked call, the mock from the spec.
// AITRE publishes no base URL, so both point at a made-up host that msw answers in-process.
const baseURL = 'https://aitre.mock.test/v1';
const mock = createMockServer({ baseUrls: { aitre: baseURL }, streamChunkDelayMs: 0 });
beforeAll(() => mock.listen());
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

const client = () => aitreProvider.createClient({ apiKey: 'test-key-aitre', baseURL, maxRetries: 0, logLevel: 'off' });
const operation: MockOperation = listMockOperations({ vendor: 'aitre' }).find(
  (candidate) => candidate.operationId === 'createCompletion',
)!;

/** The call that sends the spec's documented request (its `prompt` as given, its other fields as provider options). */
function documentedCall(streams: boolean): NormalizedCall {
  const example = operation.requestExamples.find((candidate) => candidate.streams === streams);
  if (example === undefined)
    throw new Error(`The aitre spec has no createCompletion request example (streams: ${streams}).`);
  const {
    model,
    prompt,
    stream: _stream,
    ...providerOptions
  } = example.value as { model: string; prompt: string; stream?: boolean };
  const messages = [{ role: 'user' as const, content: prompt }];
  return {
    provider: 'aitre',
    model,
    messages,
    prompt,
    temperature: undefined,
    maxOutputTokens: undefined,
    providerOptions,
    requestOptions: {},
  };
}

function firstResponseExample(streams: boolean) {
  const example = operation.responseExamples.find(
    (candidate) => candidate.status === 200 && candidate.streams === streams,
  );
  if (example === undefined)
    throw new Error(`The aitre spec has no createCompletion 200 example (streams: ${streams}).`);
  return example;
}

describe('aitreProvider', () => {
  it('generates the first choice, usage and finish reason of the spec example', async () => {
    const example = firstResponseExample(false).value as {
      choices: { text: string; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    };
    const result = await aitreProvider
      .prepare({ client: client(), call: documentedCall(false), stream: false })
      .generate();
    expect(result).toMatchObject({
      text: example.choices[0]!.text,
      usage: {
        inputTokens: example.usage.prompt_tokens,
        outputTokens: example.usage.completion_tokens,
        totalTokens: example.usage.total_tokens,
      },
      finishReason: { raw: example.choices[0]!.finish_reason },
    });
  });

  it('streams the text of choice 0 of the spec example', async () => {
    const example = firstResponseExample(true);
    const expected = splitStreamExample({ body: example.value as string, mediaType: example.mediaType })
      .map((event) => event.trim().replace(/^data: /, ''))
      .filter((payload) => payload !== '[DONE]')
      .map((payload) => JSON.parse(payload) as { choices: { index: number; text: string }[] })
      .flatMap((chunk) => chunk.choices.filter((choice) => choice.index === 0).map((choice) => choice.text));
    const events: ProviderStreamEvent[] = [];
    for await (const event of await aitreProvider
      .prepare({ client: client(), call: documentedCall(true), stream: true })
      .stream()) {
      events.push(event);
    }
    expect(events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : []))).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1);
    expect(mock.lastCall?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });
});
