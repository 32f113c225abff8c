import {
  responseSchemaErrors,
  startMockHttpServer,
  streamChunkSchemaErrors,
  type MockHttpServer,
} from '@textgen/mocks';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Clients configured the way each vendor's own docs say, with the mock's `/<vendor>` in place of the vendor's host.
let server: MockHttpServer;
beforeAll(async () => {
  server = await startMockHttpServer({ port: 0, streamChunkDelayMs: 0, log: false });
});
afterAll(() => server.close());

const documentedAitreRequest = {
  model: 'gpt-3.5-turbo-instruct',
  prompt: 'Say this is a test',
  max_tokens: 7,
  temperature: 0,
};

describe('the official openai SDK with baseURL <mock>/aitre/v1', () => {
  it('creates completions that follow the request (n, max_tokens, model)', async () => {
    const openai = new OpenAI({ apiKey: 'sk-contract', baseURL: `${server.hostRoots.aitre}/v1`, maxRetries: 0 });
    const completion = await openai.completions.create({ ...documentedAitreRequest, n: 2, model: 'my-instruct-model' });
    expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1]);
    expect(completion.model).toBe('my-instruct-model');
    expect(completion.usage!.completion_tokens).toBeLessThanOrEqual(2 * documentedAitreRequest.max_tokens);
    expect(
      responseSchemaErrors({ vendor: 'aitre', operationId: 'createCompletion', status: 200, body: completion }),
    ).toEqual([]);
  });

  it('streams, with the usage chunk stream_options.include_usage asks for', async () => {
    const openai = new OpenAI({ apiKey: 'sk-contract', baseURL: `${server.hostRoots.aitre}/v1`, maxRetries: 0 });
    const stream = await openai.completions.create({
      ...documentedAitreRequest,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Completions.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const chunk of chunks)
      expect(streamChunkSchemaErrors({ vendor: 'aitre', operationId: 'createCompletion', chunk })).toEqual([]);
    const usage = chunks.at(-1)!.usage!;
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  });
});

describe("each vendor's documented request at its documented path under <mock>/<vendor>", () => {
  async function replay(url: string, init: RequestInit): Promise<unknown> {
    const response = await fetch(url, init);
    const text = await response.text();
    expect(response.status, `${url}: ${text.slice(0, 300)}`).toBe(200);
    return JSON.parse(text) as unknown;
  }

  it('Wetrocloud: POST /v1/text-generation/ with Token auth, as JSON (its SDKs) and as the documented form', async () => {
    const url = `${server.hostRoots.wetrocloud}/v1/text-generation/`;
    const messages = [{ role: 'user', content: 'what is a large language model?' }];
    const json = await replay(url, {
      method: 'POST',
      headers: { Authorization: 'Token wtc-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4.1-nano', messages }),
    });
    expect(
      responseSchemaErrors({ vendor: 'wetrocloud', operationId: 'createTextGeneration', status: 200, body: json }),
    ).toEqual([]);
    const form = new FormData();
    form.append('model', 'gpt-4o-mini');
    form.append('messages', JSON.stringify(messages));
    const fromForm = await replay(url, { method: 'POST', headers: { Authorization: 'Token wtc-key' }, body: form });
    expect(
      responseSchemaErrors({ vendor: 'wetrocloud', operationId: 'createTextGeneration', status: 200, body: fromForm }),
    ).toEqual([]);
  });

  it('Eden AI: POST /v2/text/chat/ (and LangChain slashless /v2/text/chat), one result per provider asked', async () => {
    for (const path of ['/v2/text/chat/', '/v2/text/chat']) {
      const body = await replay(`${server.hostRoots.edenai}${path}`, {
        method: 'POST',
        headers: { Authorization: 'Bearer eden-key', 'Content-Type': 'application/json' },
        body: JSON.stringify({
          providers: 'groq',
          text: 'Hello',
          chatbot_global_action: 'Be brief',
          previous_history: [],
          temperature: 0,
        }),
      });
      expect(Object.keys(body as object)).toEqual(['groq']);
      expect(responseSchemaErrors({ vendor: 'edenai', operationId: 'createTextChat', status: 200, body })).toEqual([]);
    }
    const stream = await fetch(`${server.hostRoots.edenai}/v2/text/chat/stream`, {
      method: 'POST',
      headers: { Authorization: 'Bearer eden-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({ providers: 'groq', text: 'Hello' }),
    });
    const lines = (await stream.text())
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { provider: string });
    expect(new Set(lines.map((line) => line.provider))).toEqual(new Set(['groq']));
  });

  it('WorqHat: POST /api/ai/content/v4 with the text-only page sample body', async () => {
    // The request sample of the text-only page (seed 002), verbatim.
    const sample = {
      question: 'hiii there',
      model: 'aicon-v4-nano-160824',
      randomness: 0.5,
      stream_data: false,
      training_data:
        'You are alex and you are one of the best Tour Guides. answer everything while starting with your name',
      response_type: 'text',
    };
    const body = (await replay(`${server.hostRoots.worqhat}/api/ai/content/v4`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk-worqhat', 'Content-Type': 'application/json' },
      body: JSON.stringify(sample),
    })) as { content: unknown; model: string; conversation_id: string };
    expect(typeof body.content).toBe('string');
    expect(body.model).toBe(sample.model);
    expect(body.conversation_id).toMatch(/^conv_/);
    expect(responseSchemaErrors({ vendor: 'worqhat', operationId: 'generateContent', status: 200, body })).toEqual([]);
  });

  it('AITRE: POST /v1/completions with its documented example body', async () => {
    const body = await replay(`${server.hostRoots.aitre}/v1/completions`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk-aitre', 'Content-Type': 'application/json' },
      body: JSON.stringify(documentedAitreRequest),
    });
    expect(responseSchemaErrors({ vendor: 'aitre', operationId: 'createCompletion', status: 200, body })).toEqual([]);
  });

  it('answers 404 at the old prefix-only layout, so a wrong base URL is not silently served', async () => {
    const response = await fetch(`${server.hostRoots.aitre}/completions`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('No mock operation matches');
  });
});
