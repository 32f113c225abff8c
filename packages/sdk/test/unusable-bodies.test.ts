import { describe, expect, it } from 'vitest';
import { createStreamTextResult } from '../src/create-stream-text-result';
import { APIError, createTextgen, type Textgen, type TextgenCallInput, type TextgenProvider } from '../src/index';

/**
 * A 2xx whose body a facade call cannot use, served by a stub fetch so that exactly these bytes arrive (the spec-built
 * mock only serves bodies its schemas accept). Each must end the call with an APIError that keeps the response's
 * status, vendor and request id and says what was wrong with the body: never a TypeError, never `undefined` or
 * "undefined" as the text.
 */
const requestId = 'req-unusable-body-1';

const calls: Record<TextgenProvider, TextgenCallInput> = {
  wetrocloud: { provider: 'wetrocloud', model: 'gpt-4o', prompt: 'Hi' },
  edenai: { provider: 'edenai', model: 'openai', prompt: 'Hi' },
  worqhat: { provider: 'worqhat', model: 'aicon-v4-nano-160824', prompt: 'Hi' },
  aitre: { provider: 'aitre', model: 'gpt-3.5-turbo-instruct', prompt: 'Hi' },
};
const providers = Object.keys(calls) as TextgenProvider[];

// One chunk per vendor carrying `Hello`, in its wire shape (the specs' stream chunk schemas).
const helloChunks: Record<TextgenProvider, unknown> = {
  wetrocloud: { response: 'Hello', success: true },
  edenai: { text: 'Hello', blocked: false, provider: 'openai' },
  worqhat: { content: 'Hello', model: 'aicon-v4-nano-160824' },
  aitre: {
    id: 'cmpl-1',
    object: 'text_completion',
    created: 1,
    model: 'gpt-3.5-turbo-instruct',
    choices: [{ index: 0, text: 'Hello', finish_reason: null, logprobs: null }],
  },
};
const worldChunks: Record<TextgenProvider, unknown> = {
  wetrocloud: { response: ' world', success: true },
  edenai: { text: ' world', blocked: false, provider: 'openai' },
  worqhat: { content: ' world', model: 'aicon-v4-nano-160824' },
  aitre: {
    id: 'cmpl-1',
    object: 'text_completion',
    created: 1,
    model: 'gpt-3.5-turbo-instruct',
    choices: [{ index: 0, text: ' world', finish_reason: 'stop', logprobs: null }],
  },
};

/** The stream body in the vendor's framing: NDJSON lines, or SSE `data:` events ending with `[DONE]`. */
function streamBody(provider: TextgenProvider, payloads: string[]): { text: string; contentType: string } {
  if (provider === 'wetrocloud' || provider === 'edenai')
    return { text: payloads.map((payload) => `${payload}\n`).join(''), contentType: 'application/x-ndjson' };
  return {
    text: [...payloads, '[DONE]'].map((payload) => `data: ${payload}\n\n`).join(''),
    contentType: 'text/event-stream',
  };
}

function textgenAnswering(response: () => Response): Textgen {
  const options = {
    apiKey: 'test-key-unusable-body',
    baseURL: 'http://stub.invalid',
    maxRetries: 0,
    logLevel: 'off' as const,
    fetch: async () => response(),
  };
  return createTextgen({ wetrocloud: options, edenai: options, worqhat: options, aitre: options });
}

function jsonResponse(text: string): Response {
  return new Response(text, {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
  });
}

function expectBodyError(error: unknown, provider: TextgenProvider, about: RegExp): void {
  expect(APIError.isInstance(error), String(error)).toBe(true);
  expect(error).toMatchObject({ vendor: provider, status: 200, requestId });
  expect((error as APIError).message).toMatch(about);
}

const unusableJsonBodies = [
  { name: 'an empty body', text: '' },
  { name: 'null', text: 'null' },
  { name: '{}', text: '{}' },
  { name: '[]', text: '[]' },
];

describe('generateText: a 200 whose body holds no answer is an APIError saying so', () => {
  for (const provider of providers) {
    for (const { name, text } of unusableJsonBodies) {
      it(`${provider}: ${name}`, async () => {
        const error = await textgenAnswering(() => jsonResponse(text))
          .generateText(calls[provider])
          .then(
            (result) => new Error(`resolved with ${JSON.stringify(result.text)}`),
            (failure: unknown) => failure,
          );
        expectBodyError(error, provider, /body|response/i);
        expect((error as Error).message).not.toMatch(/TypeError|undefined/);
      });
    }
  }
});

describe('streamText: chunks that are {} or null', () => {
  for (const provider of providers) {
    it(`${provider}: a {} chunk yields no delta, and the text around it is kept`, async () => {
      const payloads = [JSON.stringify(helloChunks[provider]), '{}', JSON.stringify(worldChunks[provider])];
      const { text, contentType } = streamBody(provider, payloads);
      const textgen = textgenAnswering(
        () => new Response(text, { status: 200, headers: { 'content-type': contentType, 'x-request-id': requestId } }),
      );
      const stream = textgen.streamText(calls[provider]);
      const deltas: string[] = [];
      for await (const part of stream) deltas.push(part.text);
      expect(deltas).toEqual(['Hello', ' world']);
      expect(await stream.text).toBe('Hello world');
    });

    for (const chunk of ['null', '[]', '"text"', '42']) {
      it(`${provider}: a ${chunk} chunk is an APIError saying the chunk is not an object`, async () => {
        const { text, contentType } = streamBody(provider, [JSON.stringify(helloChunks[provider]), chunk]);
        const textgen = textgenAnswering(
          () =>
            new Response(text, { status: 200, headers: { 'content-type': contentType, 'x-request-id': requestId } }),
        );
        const stream = textgen.streamText(calls[provider]);
        const error = await stream.text.then(
          (result) => new Error(`resolved with ${JSON.stringify(result)}`),
          (failure: unknown) => failure,
        );
        expectBodyError(error, provider, /chunk/i);
        expect((error as Error).message).toMatch(/object/);
      });
    }
  }
});

describe('createStreamTextResult, below the adapters', () => {
  it('a text-delta event without a string adds nothing to the text (a provider from outside may send one)', async () => {
    const stream = createStreamTextResult({
      provider: 'aitre',
      model: 'm',
      warnings: [],
      controller: new AbortController(),
      start: async () =>
        (async function* events() {
          yield { type: 'text-delta' as const, text: 'Hello' };
          yield { type: 'text-delta' as const, text: undefined as unknown as string };
          yield { type: 'text-delta' as const, text: null as unknown as string };
          yield { type: 'text-delta' as const, text: ' world' };
        })(),
    });
    const deltas: string[] = [];
    for await (const part of stream) deltas.push(part.text);
    expect(deltas).toEqual(['Hello', ' world']);
    expect(await stream.text).toBe('Hello world');
  });
});
