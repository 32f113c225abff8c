import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listMockExamples, startMockHttpServer, type MockHttpServer } from '@textgen/mocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Aitre from '../src/index';

const distDirectory = fileURLToPath(new URL('../dist/', import.meta.url));
const cjsEntry = `${distDirectory}index.js`;
const esmEntry = `${distDirectory}index.mjs`;

const examples = listMockExamples({ vendor: 'aitre' });
const firstJsonExample = examples.find((example) => example.status === 200 && !example.streams)!;
const firstStreamExample = examples.find((example) => example.status === 200 && example.streams)!;

let server: MockHttpServer;
beforeAll(async () => {
  server = await startMockHttpServer({ port: 0, vendor: 'aitre', streamChunkDelayMs: 0 });
});
afterAll(() => server.close());

/** One JSON call, one streamed call and one failing call over real loopback HTTP, through the built client. */
async function callThrough(aitre: typeof Aitre) {
  const client = aitre.createAitre({ apiKey: 'sk-dist-key', baseURL: server.baseUrls.aitre, logLevel: 'off' });
  const request = { model: 'gpt-3.5-turbo-instruct', prompt: 'Say this is a test', max_tokens: 7, temperature: 0 };
  const { data: completion, requestId, response } = await client.completions.create(request).withResponse();
  const stream = await client.completions.create({ ...request, stream: true });
  const texts: string[] = [];
  for await (const chunk of stream) texts.push(chunk.choices.map((choice) => choice.text).join(''));
  const failure = await client.completions.create(request, { headers: { Prefer: 'code=429' }, maxRetries: 0 }).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return { completion, requestId, rateLimit: aitre.readRateLimit(response.headers), text: texts.join(''), failure };
}

/** The text the spec's first stream example spells out, read from its `data:` lines. */
function expectedStreamText(): string {
  return (firstStreamExample.value as string)
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) =>
      (JSON.parse(line.slice('data: '.length)) as { choices: { text: string }[] }).choices
        .map((choice) => choice.text)
        .join(''),
    )
    .join('');
}

function expectWorkingBuild(result: Awaited<ReturnType<typeof callThrough>>) {
  expect(result.completion).toEqual(firstJsonExample.value);
  expect(result.requestId).toMatch(/^req_/);
  expect(result.rateLimit.limitRequests).toBeGreaterThan(0);
  expect(result.text).toBe(expectedStreamText());
  expect(result.text.length).toBeGreaterThan(0);
  const failure = result.failure as { name?: string; status?: number; vendor?: string; message?: string };
  expect(failure.name).toBe('RateLimitError');
  expect(failure.status).toBe(429);
  expect(failure.vendor).toBe('aitre');
  expect(failure.message).not.toContain('sk-dist-key');
}

describe('the built package', () => {
  it('exists (build @textgen/core, then run `pnpm run test:dist`, which builds this package)', () => {
    expect(existsSync(cjsEntry), `${cjsEntry} is missing: build the package first`).toBe(true);
    expect(existsSync(esmEntry), `${esmEntry} is missing: build the package first`).toBe(true);
  });

  it('works through require() of dist/index.js', async () => {
    const aitre = createRequire(import.meta.url)(cjsEntry) as typeof Aitre;
    expectWorkingBuild(await callThrough(aitre));
    expect(() => aitre.createAitre({ apiKey: 'sk-dist-key', baseURL: '' })).toThrow(/AITRE_BASE_URL/);
  });

  it('works through import() of dist/index.mjs', async () => {
    const aitre = (await import(pathToFileURL(esmEntry).href)) as typeof Aitre;
    expectWorkingBuild(await callThrough(aitre));
    expect(aitre.parseGoDurationMs('6m0s')).toBe(360_000);
  });
});
