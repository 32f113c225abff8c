import { listMockExamples, startMockHttpServer, type MockHttpServer } from '@textgen/mocks';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAitre } from '../src/index';
import { nonStreamingBodyFor, streamingBodyFor, testApiKey } from './support/aitre-mock';
import { officialRequestErrors } from './support/official-completion-request';

const examples = listMockExamples({ vendor: 'aitre' });
const jsonExamples = examples.filter((example) => example.status === 200 && !example.streams);
const streamExamples = examples.filter((example) => example.status === 200 && example.streams);

let server: MockHttpServer;
/** Bodies our client put on the wire, checked against OpenAI's schema after all (this server records no calls). */
const sentBodies: unknown[] = [];

beforeAll(async () => {
  server = await startMockHttpServer({ port: 0, vendor: 'aitre', streamChunkDelayMs: 0 });
});
afterAll(async () => {
  await server.close();
  expect(sentBodies.length).toBeGreaterThan(0);
  for (const body of sentBodies) expect(officialRequestErrors(body)).toEqual([]);
});

function createClients() {
  const openai = new OpenAI({ apiKey: testApiKey, baseURL: server.baseUrls.aitre, maxRetries: 0 });
  const aitre = createAitre({
    apiKey: testApiKey,
    baseURL: server.baseUrls.aitre,
    maxRetries: 0,
    fetch: async (url, init) => {
      sentBodies.push(JSON.parse(init.body as string));
      return globalThis.fetch(url, init);
    },
  });
  return { openai, aitre };
}

/** The text of each choice, joined across chunks, keyed by choice index. */
function textsByChoice(chunks: { choices: { index: number; text: string }[] }[]): string[] {
  const texts: string[] = [];
  for (const chunk of chunks)
    for (const choice of chunk.choices) texts[choice.index] = (texts[choice.index] ?? '') + choice.text;
  return texts;
}

describe('the official openai SDK and this client, against the same local mock server', () => {
  it.each(jsonExamples.map((example) => [example.name, example] as const))(
    'get the same completion for "%s"',
    async (name, example) => {
      const { openai, aitre } = createClients();
      const body = nonStreamingBodyFor(example);
      const headers = { Prefer: `example=${name}` };
      const official = await openai.completions.create(body, { headers });
      const ours = await aitre.completions.create(body, { headers });
      expect(ours.choices.map((choice) => choice.text)).toEqual(official.choices.map((choice) => choice.text));
      expect(ours.choices.length).toBeGreaterThan(0);
      expect(ours).toEqual({ ...official });
      expect(ours).toEqual(example.value);
    },
  );

  it.each(streamExamples.map((example) => [example.name, example] as const))(
    'stream the same text for "%s"',
    async (name, example) => {
      const { openai, aitre } = createClients();
      const body = streamingBodyFor(example);
      const headers = { Prefer: `example=${name}` };
      const officialChunks: OpenAI.Completions.Completion[] = [];
      for await (const chunk of await openai.completions.create(body, { headers })) officialChunks.push(chunk);
      const ourChunks = [];
      for await (const chunk of await aitre.completions.create(body, { headers })) ourChunks.push(chunk);
      expect(textsByChoice(ourChunks)).toEqual(textsByChoice(officialChunks));
      expect(textsByChoice(ourChunks).join('').length).toBeGreaterThan(0);
      expect(ourChunks).toEqual(officialChunks.map((chunk) => ({ ...chunk })));
    },
  );

  it('both read the request id from x-request-id', async () => {
    const { openai, aitre } = createClients();
    const body = nonStreamingBodyFor(jsonExamples[0]!);
    const official = await openai.completions.create(body).withResponse();
    const ours = await aitre.completions.create(body).withResponse();
    expect(official.request_id).toBe(official.response.headers.get('x-request-id'));
    expect(ours.requestId).toBe(ours.response.headers.get('x-request-id'));
    expect(ours.requestId).toMatch(/^req_/);
    expect(official.request_id).toMatch(/^req_/);
  });
});
