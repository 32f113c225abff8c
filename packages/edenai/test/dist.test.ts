import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startMockHttpServer, type MockHttpServer } from '@textgen/mocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as EdenAI from '../src/index';

const distDirectory = fileURLToPath(new URL('../dist/', import.meta.url));
const cjsEntry = `${distDirectory}index.js`;
const esmEntry = `${distDirectory}index.mjs`;

let server: MockHttpServer;
beforeAll(async () => {
  server = await startMockHttpServer({ port: 0, vendor: 'edenai', streamChunkDelayMs: 0 });
});
afterAll(() => server.close());

/** A chat with a partial failure, a stream and an error status, over real loopback HTTP, through the built client. */
async function callThrough(edenai: typeof EdenAI) {
  const client = edenai.createEdenAI({ apiKey: 'dist-edenai-key', baseURL: server.baseUrls.edenai, logLevel: 'off' });
  const chat = await client.text.chat(
    { providers: ['openai', 'google'], text: 'Extract the keywords.' },
    { headers: { Prefer: 'example=keyword-extraction-partial-failure-answers' } },
  );
  const stream = await client.text.chatStream(
    { providers: ['anthropic'], text: 'Who was the 44th president of the United States?' },
    { headers: { Prefer: 'example=stream-short-answer' } },
  );
  const fragments: string[] = [];
  for await (const chunk of stream) if (!chunk.blocked) fragments.push(chunk.text);
  const failure = await client.text
    .chat({ providers: 'openai', text: 'Hi' }, { headers: { Prefer: 'code=429' }, maxRetries: 0 })
    .then(
      () => undefined,
      (reason: unknown) => reason,
    );
  return { chat, text: fragments.join(''), failure };
}

describe('the built package', () => {
  it('exists (build @textgen/core, then run `pnpm run test:dist`, which builds this package)', () => {
    expect(existsSync(cjsEntry), `${cjsEntry} is missing: build the package first`).toBe(true);
    expect(existsSync(esmEntry), `${esmEntry} is missing: build the package first`).toBe(true);
  });

  it.each([
    ['require() of dist/index.js', () => Promise.resolve(createRequire(import.meta.url)(cjsEntry) as typeof EdenAI)],
    ['import() of dist/index.mjs', () => import(pathToFileURL(esmEntry).href) as Promise<typeof EdenAI>],
  ])('works through %s', async (_name, load) => {
    const { chat, text, failure } = await callThrough(await load());
    expect(chat.successes.map((success) => success.provider)).toEqual(['openai']);
    expect(chat.failures.map((item) => [item.provider, item.message])).toEqual([
      ['google', 'Provider is currently unavailable'],
    ]);
    expect(text).toBe('Barack Obama was the 44th president of the United States.');
    expect(failure).toMatchObject({ name: 'RateLimitError', status: 429, vendor: 'edenai' });
  });
});
