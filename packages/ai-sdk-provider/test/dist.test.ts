import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APICallError } from '@ai-sdk/provider';
import { startMockHttpServer, type MockHttpServer } from '@textgen/mocks';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Provider from '../src/index';
import { specExample, streamExamplePayloads } from '@textgen/mocks/testing';

const distDirectory = fileURLToPath(new URL('../dist/', import.meta.url));
const cjsEntry = `${distDirectory}index.js`;
const esmEntry = `${distDirectory}index.mjs`;

const jsonAnswer = specExample({ vendor: 'aitre', operationId: 'createCompletion', streams: false }).value as {
  choices: { text: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
};
// The non-empty `choices[0].text` of each chunk of the first stream example (the last chunk only carries
// finish_reason).
const streamedTexts = streamExamplePayloads(
  specExample({ vendor: 'aitre', operationId: 'createCompletion', streams: true }),
)
  .map((payload) => (payload as { choices: { text: string }[] }).choices[0]?.text ?? '')
  .filter((piece) => piece !== '');

let server: MockHttpServer;
beforeAll(async () => {
  (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
  server = await startMockHttpServer({ port: 0, streamChunkDelayMs: 0 });
});
afterAll(() => server.close());

async function callThrough(provider: typeof Provider) {
  const textgen = provider.createTextgenProvider({
    aitre: { apiKey: 'dist-key-aitre', baseURL: server.baseUrls.aitre, maxRetries: 0, logLevel: 'off' },
  });
  const model = textgen('aitre:gpt-3.5-turbo-instruct');
  const result = await generateText({ model, prompt: 'Say this is a test' });
  const stream = streamText({ model, prompt: 'Say this is a test' });
  const deltas: string[] = [];
  for await (const delta of stream.textStream) deltas.push(delta);
  const failure = await generateText({ model, prompt: 'Hi', maxRetries: 0, headers: { Prefer: 'code=429' } }).then(
    () => undefined,
    (error: unknown) => error,
  );
  return { result, deltas, failure };
}

describe('the built package', () => {
  it('exists (`pnpm run test:dist` builds it)', () => {
    expect(existsSync(cjsEntry), `${cjsEntry} is missing: build the package first`).toBe(true);
    expect(existsSync(esmEntry), `${esmEntry} is missing: build the package first`).toBe(true);
  });

  for (const [label, load] of [
    ['require() of dist/index.js', async () => createRequire(import.meta.url)(cjsEntry) as typeof Provider],
    ['import() of dist/index.mjs', async () => (await import(pathToFileURL(esmEntry).href)) as typeof Provider],
  ] as const) {
    it(`works with the ai package through ${label}`, async () => {
      const provider = await load();
      const { result, deltas, failure } = await callThrough(provider);
      // The mock serves the spec's first examples: compare with the text and usage written there.
      expect(result.text).toBe(jsonAnswer.choices[0]!.text);
      expect(result.usage).toMatchObject({
        inputTokens: jsonAnswer.usage.prompt_tokens,
        outputTokens: jsonAnswer.usage.completion_tokens,
        totalTokens: jsonAnswer.usage.total_tokens,
      });
      expect(streamedTexts.length).toBeGreaterThan(1);
      expect(deltas).toEqual(streamedTexts);
      // The AI SDK's own error class, from the copy the built package loads, with core's retry policy.
      expect(APICallError.isInstance(failure)).toBe(true);
      expect(failure).toMatchObject({ statusCode: 429, isRetryable: true });
      expect(typeof provider.textgen).toBe('function');
    });
  }
});
