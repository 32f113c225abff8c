import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listMockExamples, startMockHttpServer, type MockHttpServer } from '@textgen/mocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Wetrocloud from '../src/index';

const distDirectory = fileURLToPath(new URL('../dist/', import.meta.url));
const cjsEntry = `${distDirectory}index.js`;
const esmEntry = `${distDirectory}index.mjs`;

const examples = listMockExamples({ vendor: 'wetrocloud' });
const defaultAnswer = examples.find((example) => example.status === 200 && !example.streams)!.value;
const defaultStream = examples.find((example) => example.status === 200 && example.streams)!.value as string;
const request = {
  model: 'gpt-4.1-nano',
  messages: [{ role: 'user' as const, content: 'what is a large language model?' }],
};

let server: MockHttpServer;
beforeAll(async () => {
  server = await startMockHttpServer({ port: 0, vendor: 'wetrocloud', streamChunkDelayMs: 0 });
});
afterAll(() => server.close());

function createClient(
  wetrocloud: typeof Wetrocloud,
  bodyEncoding: NonNullable<Wetrocloud.WetrocloudClientOptions['bodyEncoding']>,
) {
  return wetrocloud.createWetrocloud({
    apiKey: 'dist-key',
    baseURL: server.baseUrls.wetrocloud,
    bodyEncoding,
    logLevel: 'off',
    maxRetries: 0,
  });
}

async function exercise(wetrocloud: typeof Wetrocloud) {
  // The mock answers 401 unless the header is `Token <key>`, and 400 unless the body matches the spec.
  expect(await createClient(wetrocloud, 'multipart').textGeneration.create(request)).toEqual(defaultAnswer);
  expect(await createClient(wetrocloud, 'json').textGeneration.create(request)).toEqual(defaultAnswer);
  const chunks: Wetrocloud.CreateTextGenerationChunk[] = [];
  for await (const chunk of await createClient(wetrocloud, 'multipart').textGeneration.create({
    ...request,
    stream: true,
  }))
    chunks.push(chunk);
  expect(chunks.map((chunk) => chunk.response).join('')).toBe(
    defaultStream
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as { response: string }).response)
      .join(''),
  );
}

describe('the built package', () => {
  it('exists (run `pnpm --filter @textgen/wetrocloud test:dist`, which builds first)', () => {
    expect(existsSync(cjsEntry), `${cjsEntry} is missing: build the package first`).toBe(true);
    expect(existsSync(esmEntry), `${esmEntry} is missing: build the package first`).toBe(true);
  });

  it('works through require() of dist/index.js against a local mock server', async () => {
    const wetrocloud = createRequire(import.meta.url)(cjsEntry) as typeof Wetrocloud;
    await exercise(wetrocloud);
  });

  it('works through import() of dist/index.mjs against a local mock server', async () => {
    const wetrocloud = (await import(pathToFileURL(esmEntry).href)) as typeof Wetrocloud;
    await exercise(wetrocloud);
    expect(wetrocloud.wetrocloudDescriptor({ apiVersion: 'v2' }).defaultBaseURL).toBe('https://api.wetrocloud.com/v2');
  });

  it('turns a vendor error into the built core error class', async () => {
    const wetrocloud = createRequire(import.meta.url)(cjsEntry) as typeof Wetrocloud;
    const core = createRequire(cjsEntry)('@textgen/core') as typeof import('@textgen/core');
    const promise = createClient(wetrocloud, 'multipart').textGeneration.create(request, {
      headers: { Prefer: 'code=429' },
    });
    const error = await promise.then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(core.RateLimitError.isInstance(error)).toBe(true);
  });
});
