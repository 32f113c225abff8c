import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startMockHttpServer, type MockHttpServer } from '@textgen/mocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Sdk from '../src/index';
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
  server = await startMockHttpServer({ port: 0, streamChunkDelayMs: 0 });
});
afterAll(() => server.close());

async function callThrough(sdk: typeof Sdk) {
  const textgen = sdk.createTextgen({ aitre: { apiKey: 'dist-key', baseURL: server.baseUrls.aitre, logLevel: 'off' } });
  const result = await textgen.generateText({
    provider: 'aitre',
    model: 'gpt-3.5-turbo-instruct',
    prompt: 'Say this is a test',
  });
  const stream = textgen.streamText({
    provider: 'aitre',
    model: 'gpt-3.5-turbo-instruct',
    prompt: 'Say this is a test',
  });
  const deltas: string[] = [];
  for await (const part of stream) deltas.push(part.text);
  const failure = await textgen.generateText({ provider: 'aitre', model: 'm', prompt: 'Hi', temperature: 9 }).then(
    () => undefined,
    (error: unknown) => error,
  );
  return { result, deltas, text: await stream.text, failure };
}

describe('the built package', () => {
  it('exists (`pnpm run test:dist` builds it)', () => {
    expect(existsSync(cjsEntry), `${cjsEntry} is missing: build the package first`).toBe(true);
    expect(existsSync(esmEntry), `${esmEntry} is missing: build the package first`).toBe(true);
  });

  for (const [label, load] of [
    ['require() of dist/index.js', async () => createRequire(import.meta.url)(cjsEntry) as typeof Sdk],
    ['import() of dist/index.mjs', async () => (await import(pathToFileURL(esmEntry).href)) as typeof Sdk],
  ] as const) {
    it(`works through ${label}`, async () => {
      const sdk = await load();
      const { result, deltas, text, failure } = await callThrough(sdk);
      // The mock serves the spec's first examples: compare with the text and usage written there.
      expect(result.text).toBe(jsonAnswer.choices[0]!.text);
      expect(result.usage).toEqual({
        inputTokens: jsonAnswer.usage.prompt_tokens,
        outputTokens: jsonAnswer.usage.completion_tokens,
        totalTokens: jsonAnswer.usage.total_tokens,
      });
      expect(streamedTexts.length).toBeGreaterThan(1);
      expect(deltas).toEqual(streamedTexts);
      expect(text).toBe(streamedTexts.join(''));
      expect(sdk.TextgenError.isInstance(failure)).toBe(true);
      expect(typeof sdk.createWorqhat).toBe('function');
    });
  }
});
