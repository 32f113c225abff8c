import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startMockHttpServer, type MockHttpServer } from '@textgen/mocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Worqhat from '../src/index';

const distDirectory = fileURLToPath(new URL('../dist/', import.meta.url));
const cjsEntry = `${distDirectory}index.js`;
const esmEntry = `${distDirectory}index.mjs`;

let server: MockHttpServer;
beforeAll(async () => {
  server = await startMockHttpServer({ port: 0, vendor: 'worqhat', streamChunkDelayMs: 0 });
});
afterAll(() => server.close());

/** One JSON call and one streamed call over real loopback HTTP, through the built client. */
async function callThrough(worqhat: typeof Worqhat) {
  const client = worqhat.createWorqhat({ apiKey: 'sk-dist-key', baseURL: server.baseUrls.worqhat, logLevel: 'off' });
  const answer = await client.content.generate({
    question: 'What should I see first in Jaipur?',
    model: 'aicon-v4-nano-160824',
    conversation_id: 'conv_dist_test',
  });
  const stream = await client.content.generateWithModel({
    modelType: 'nano',
    modelId: 'custom-model-1',
    question: 'What is special about Lake Pichola?',
    stream_data: true,
  });
  const deltas: string[] = [];
  for await (const chunk of stream) deltas.push(chunk.content ?? '');
  const failure = await client.content
    .generate({ question: 'Hi', model: 'aicon-v4-nano-160824' }, { headers: { Prefer: 'code=429' }, maxRetries: 0 })
    .then(
      () => undefined,
      (reason: unknown) => reason,
    );
  return { answer, text: deltas.join(''), failure };
}

describe('the built package', () => {
  it('exists (build @textgen/core, then run `pnpm run test:dist`, which builds this package)', () => {
    expect(existsSync(cjsEntry), `${cjsEntry} is missing: build the package first`).toBe(true);
    expect(existsSync(esmEntry), `${esmEntry} is missing: build the package first`).toBe(true);
  });

  it('works through require() of dist/index.js', async () => {
    const worqhat = createRequire(import.meta.url)(cjsEntry) as typeof Worqhat;
    const { answer, text, failure } = await callThrough(worqhat);
    expect(answer.processingId).toBe('9b7e5f0c-2d4a-4c1e-8f3b-6a2d1c0e7f45');
    expect(text).toBe('Alex here! Lake Pichola is an artificial lake built in 1362.');
    expect(failure).toMatchObject({ name: 'RateLimitError', status: 429, vendor: 'worqhat' });
  });

  it('works through import() of dist/index.mjs', async () => {
    const worqhat = (await import(pathToFileURL(esmEntry).href)) as typeof Worqhat;
    const { answer, text, failure } = await callThrough(worqhat);
    // The mock echoes the conversation the request continues, as WorqHat does.
    expect(answer.conversation_id).toBe('conv_dist_test');
    expect(text).toBe('Alex here! Lake Pichola is an artificial lake built in 1362.');
    expect(failure).toMatchObject({ name: 'RateLimitError', status: 429, vendor: 'worqhat' });
  });
});
