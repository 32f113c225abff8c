import { inspect } from 'node:util';
import { APICallError } from '@ai-sdk/provider';
import { APIUserAbortError } from '@textgen/core';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createMockProvider, useMockServer, type Vendor } from './support/mock-vendors';
import { specExample } from '@textgen/mocks/testing';

const mock = useMockServer();

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('errors as the AI SDK expects them', () => {
  it('a 429 is an APICallError the AI SDK retries (textgen retries off here, so only the AI SDK retries)', async () => {
    mock.override({ operationId: 'createCompletion', response: { type: 'error', status: 429 }, times: 1 });
    const result = await generateText({
      model: createMockProvider()('aitre:gpt-3.5-turbo-instruct'),
      prompt: 'Say this is a test',
      maxRetries: 1,
    });
    const example = specExample({ vendor: 'aitre', operationId: 'createCompletion', streams: false }).value as {
      choices: { text: string }[];
    };
    expect(result.text).toBe(example.choices[0]!.text);
    expect(mock.callsFor('createCompletion')).toHaveLength(2);
  });

  it('a 429 with no retries left reaches the caller as a retryable APICallError with the response headers', async () => {
    mock.override({ operationId: 'createCompletion', response: { type: 'error', status: 429 } });
    const error = await rejection(
      generateText({ model: createMockProvider()('aitre:gpt-3.5-turbo-instruct'), prompt: 'Hi', maxRetries: 0 }),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    const callError = error as APICallError;
    expect(callError).toMatchObject({
      statusCode: 429,
      isRetryable: true,
      url: 'https://aitre.mock.test/v1/completions',
    });
    expect(callError.message).toMatch(/^\[aitre\] 429 /);
    expect(callError.responseHeaders?.['x-request-id']).toMatch(/^req_/);
  });

  it('a 503 from Eden AI is retryable and a 400 is not, as core decides', async () => {
    for (const [status, retryable] of [
      [503, true],
      [400, false],
    ] as const) {
      mock.override({ operationId: 'createTextChat', response: { type: 'error', status }, times: 1 });
      const error = await rejection(
        generateText({ model: createMockProvider()('edenai:openai'), prompt: 'Hi', maxRetries: 0 }),
      );
      expect(error).toMatchObject({
        statusCode: status,
        isRetryable: retryable,
        url: 'https://edenai.mock.test/v2/text/chat/',
      });
    }
  });

  describe.each(['wetrocloud', 'edenai', 'worqhat', 'aitre'] as const)('a 401 from %s', (vendor: Vendor) => {
    const apiKey = `sk-live-${vendor}-0123456789abcdef`;
    const modelIds: Record<Vendor, `${Vendor}:${string}`> = {
      wetrocloud: 'wetrocloud:llama-3.3-70b',
      edenai: 'edenai:openai',
      worqhat: 'worqhat:aicon-v4-nano-160824',
      aitre: 'aitre:gpt-3.5-turbo-instruct',
    };
    const operationIds: Record<Vendor, string> = {
      wetrocloud: 'createTextGeneration',
      edenai: 'createTextChat',
      worqhat: 'generateContent',
      aitre: 'createCompletion',
    };

    it('is a non-retryable APICallError, sent once, with the key in no message, header or body', async () => {
      // A vendor that echoes the key back (OpenAI does, masked; this one does not mask it) must not leak it either.
      mock.override({
        operationId: operationIds[vendor],
        response: {
          type: 'error',
          status: 401,
          body: { error: { message: `Incorrect API key provided: ${apiKey}` }, detail: `Invalid token ${apiKey}` },
        },
      });
      const error = await rejection(
        generateText({ model: createMockProvider({ apiKeys: { [vendor]: apiKey } })(modelIds[vendor]), prompt: 'Hi' }),
      );
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
      expect(mock.calls).toHaveLength(1);
      // The key did go out, so its absence below is redaction, not a key that was never used.
      expect(JSON.stringify(mock.lastCall?.headers)).toContain(apiKey);
      const callError = error as APICallError;
      // The body that came back held the key; it arrives with the key replaced.
      expect(callError.responseBody).toContain('[redacted]');
      for (const [label, text] of [
        ['message', callError.message],
        ['responseBody', callError.responseBody ?? ''],
        ['responseHeaders', JSON.stringify(callError.responseHeaders)],
        ['data', JSON.stringify(callError.data)],
        ['inspect', inspect(error, { depth: Infinity })],
      ] as const) {
        expect(text, label).not.toContain(apiKey);
      }
    });
  });

  it("a caller's abort stays textgen's APIUserAbortError, which the AI SDK does not retry", async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const error = await rejection(
      generateText({
        model: createMockProvider()('aitre:gpt-3.5-turbo-instruct'),
        prompt: 'Hi',
        abortSignal: controller.signal,
      }),
    );
    expect(APICallError.isInstance(error)).toBe(false);
    expect(mock.calls).toHaveLength(0);
    expect(APIUserAbortError.isInstance(error)).toBe(true);
  });

  it('a stream cut before its end finishes with an error part (a retryable APICallError) after the text it got', async () => {
    const streamed = String(
      specExample({ vendor: 'aitre', operationId: 'createCompletion', streams: true }).value,
    ).split('\n\n');
    // The first two events, then the connection closes: no `data: [DONE]`.
    const chunks = streamed.slice(0, 2).map((event) => `${event}\n\n`);
    const texts = chunks.map(
      (chunk) => (JSON.parse(chunk.slice('data: '.length)) as { choices: { text: string }[] }).choices[0]!.text,
    );
    mock.override({ operationId: 'createCompletion', response: { type: 'stream-chunks', chunks } });

    const model = createMockProvider()('aitre:gpt-3.5-turbo-instruct');
    const { stream } = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Say this is a test' }] }],
    });
    const parts: { type: string; delta?: string; error?: unknown }[] = [];
    for await (const part of stream as unknown as AsyncIterable<{ type: string }>) parts.push(part);
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      ...texts.map(() => 'text-delta'),
      'error',
    ]);
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => part.delta)).toEqual(texts);
    const last = parts.at(-1)!;
    expect(APICallError.isInstance(last.error)).toBe(true);
    expect(last.error).toMatchObject({ isRetryable: true, statusCode: undefined });
    expect((last.error as APICallError).message).toMatch(/\[DONE\]|cut/);

    // Through streamText the same failure is an error part of the full stream.
    const result = streamText({ model, prompt: 'Say this is a test', onError: () => {} });
    const types: string[] = [];
    let streamError: unknown;
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === 'error') streamError = part.error;
    }
    expect(types).toContain('error');
    expect(APICallError.isInstance(streamError)).toBe(true);
  });
});
