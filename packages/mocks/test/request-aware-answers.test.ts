import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createMockServer,
  listMockExamples,
  responseSchemaErrors,
  streamChunkSchemaErrors,
  type MockOperation,
  type MockVendor,
} from '@textgen/mocks';
import { streamExamplePayloads } from '@textgen/mocks/testing';
import { authorizationFor, operationUrl, readChunks } from './support/example-request';
import { findOperation } from './support/operation-schemas';

// Every expectation below is computed from the request sent (n, prompt, max_tokens, providers, ...), never copied
// from what the mock answered; and every answer must still validate against the spec's response schemas.
const server = createMockServer({ streamChunkDelayMs: 0 });
beforeAll(() => server.listen());
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const completion = findOperation('createCompletion');
const edenChat = findOperation('createTextChat');
const edenStream = findOperation('createTextChatStream');
const worqhat = findOperation('generateContent');

async function post(operation: MockOperation, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(operationUrl({ operation }), {
    method: 'POST',
    headers: { authorization: authorizationFor(operation.vendor), 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** A JSON answer that must be a 200 valid against the operation's 200 schema. */
async function postJson<Body>(operation: MockOperation, body: unknown): Promise<Body> {
  const response = await post(operation, body);
  const answer: unknown = await response.json();
  expect(response.status, JSON.stringify(answer)).toBe(200);
  const vendor: MockVendor = operation.vendor;
  expect(responseSchemaErrors({ vendor, operationId: operation.operationId, status: 200, body: answer })).toEqual([]);
  return answer as Body;
}

/** The parsed payloads of a streamed answer; each must validate against `x-stream-item`. */
async function postStream<Chunk>(operation: MockOperation, body: unknown): Promise<Chunk[]> {
  const response = await post(operation, body);
  expect(response.status).toBe(200);
  const mediaType = response.headers.get('content-type')!;
  const chunks = streamExamplePayloads({ value: (await readChunks(response)).join(''), mediaType }) as Chunk[];
  for (const chunk of chunks) {
    expect(streamChunkSchemaErrors({ vendor: operation.vendor, operationId: operation.operationId, chunk })).toEqual(
      [],
    );
  }
  return chunks;
}

interface Completion {
  model: string;
  choices: { text: string; index: number; finish_reason: string; logprobs: Logprobs | null }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}
interface Logprobs {
  tokens: string[];
  token_logprobs: number[];
  text_offset: number[];
  top_logprobs: Record<string, number>[];
}
interface CompletionChunk {
  model: string;
  choices: { text: string; index: number; finish_reason: string | null }[];
  usage?: Completion['usage'] | null;
}

const prompt = 'Say this is a test';
const aitreBase = { model: 'gpt-3.5-turbo-instruct', prompt, max_tokens: 100 };

describe('AITRE answers the request', () => {
  it('returns n choices with indexes 0..n-1, and n per prompt for a list of prompts', async () => {
    for (const n of [1, 3]) {
      const answer = await postJson<Completion>(completion, { ...aitreBase, n });
      expect(answer.choices.map((choice) => choice.index)).toEqual([...Array(n).keys()]);
    }
    const prompts = ['first prompt', 'second prompt'];
    const grouped = await postJson<Completion>(completion, { ...aitreBase, prompt: prompts, n: 2 });
    expect(grouped.choices.map((choice) => choice.index)).toEqual([...Array(prompts.length * 2).keys()]);
  });

  it('counts best_of candidates in usage but returns n, and rejects best_of < n and a streamed best_of', async () => {
    const two = await postJson<Completion>(completion, { ...aitreBase, n: 2, best_of: 2 });
    const fromSix = await postJson<Completion>(completion, { ...aitreBase, n: 2, best_of: 6 });
    expect(fromSix.choices).toHaveLength(2);
    // The candidates share one text here, so six candidates cost three times what two do.
    expect(fromSix.usage.completion_tokens).toBe(two.usage.completion_tokens * 3);
    for (const body of [
      { ...aitreBase, n: 3, best_of: 2 },
      { ...aitreBase, stream: true, best_of: 2 },
    ]) {
      const response = await post(completion, body);
      const error = (await response.json()) as { error: { param: string; type: string } };
      expect(response.status).toBe(400);
      expect(error.error).toMatchObject({ param: 'best_of', type: 'invalid_request_error' });
      expect(
        responseSchemaErrors({ vendor: 'aitre', operationId: 'createCompletion', status: 400, body: error }),
      ).toEqual([]);
    }
  });

  it('bounds the text by max_tokens with finish_reason "length", and cuts at a stop sequence with "stop"', async () => {
    const free = await postJson<Completion>(completion, aitreBase);
    expect(free.choices[0]!.finish_reason).toBe('stop');
    const freeText = free.choices[0]!.text;
    const capped = await postJson<Completion>(completion, { ...aitreBase, max_tokens: 2 });
    expect(capped.choices[0]!.finish_reason).toBe('length');
    expect(capped.usage.completion_tokens).toBe(2);
    expect(freeText.startsWith(capped.choices[0]!.text)).toBe(true);
    expect(capped.choices[0]!.text.length).toBeLessThan(freeText.length);

    const lastWord = freeText.trim().split(/\s+/).at(-1)!;
    const stopped = await postJson<Completion>(completion, { ...aitreBase, stop: [lastWord] });
    expect(stopped.choices[0]!.text).toBe(freeText.slice(0, freeText.lastIndexOf(lastWord)));
    expect(stopped.choices[0]!.finish_reason).toBe('stop');
  });

  it('gives logprobs with that many top_logprobs entries per token, offsets counted after the prompt', async () => {
    const logprobs = 3;
    const answer = await postJson<Completion>(completion, { ...aitreBase, logprobs });
    const choice = answer.choices[0]!;
    expect(choice.logprobs).not.toBeNull();
    const { tokens, token_logprobs, text_offset, top_logprobs } = choice.logprobs!;
    expect(tokens.join('')).toBe(choice.text);
    expect(token_logprobs).toHaveLength(tokens.length);
    expect(text_offset[0]).toBe(prompt.length);
    for (const [position, top] of top_logprobs.entries()) {
      expect(Object.keys(top)).toHaveLength(logprobs);
      expect(top[tokens[position]!]).toBe(token_logprobs[position]);
    }
    expect((await postJson<Completion>(completion, aitreBase)).choices[0]!.logprobs).toBeNull();
  });

  it('puts the prompt before the text with echo, and echoes the model', async () => {
    const plain = await postJson<Completion>(completion, aitreBase);
    const echoed = await postJson<Completion>(completion, { ...aitreBase, echo: true, model: 'my-own-model' });
    expect(echoed.choices[0]!.text).toBe(`${prompt}${plain.choices[0]!.text}`);
    expect(echoed.model).toBe('my-own-model');
  });

  it('streams usage: null on every chunk and a final usage chunk only with stream_options.include_usage', async () => {
    const chunks = await postStream<CompletionChunk>(completion, {
      ...aitreBase,
      stream: true,
      stream_options: { include_usage: true },
    });
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    const textChunks = chunks.slice(0, -1);
    expect(textChunks.every((chunk) => chunk.usage === null)).toBe(true);
    // One chunk per token, then one chunk with the finish reason and no text.
    const tokenChunks = textChunks.filter((chunk) => chunk.choices[0]!.text !== '');
    expect(last.usage?.completion_tokens).toBe(tokenChunks.length);
    expect(last.usage?.total_tokens).toBe(last.usage!.prompt_tokens + last.usage!.completion_tokens);

    const withoutUsage = await postStream<CompletionChunk>(completion, {
      ...aitreBase,
      stream: true,
      model: 'streamed-model',
    });
    expect(withoutUsage.every((chunk) => !('usage' in chunk))).toBe(true);
    expect(withoutUsage.every((chunk) => chunk.model === 'streamed-model')).toBe(true);
  });

  it('streams n choices, each ending with its own finish_reason', async () => {
    const chunks = await postStream<CompletionChunk>(completion, { ...aitreBase, stream: true, n: 2 });
    const finished = chunks.flatMap((chunk) => chunk.choices).filter((choice) => choice.finish_reason !== null);
    expect(finished.map((choice) => choice.index)).toEqual([0, 1]);
  });

  it('still replays an example byte for byte with Prefer: example=', async () => {
    const basic = listMockExamples({ vendor: 'aitre' }).find((example) => example.name === 'basic')!;
    const response = await post(completion, { ...aitreBase, n: 3, model: 'other' }, { prefer: 'example=basic' });
    expect(await response.json()).toEqual(basic.value);
  });
});

type EdenResult = {
  status?: string;
  generated_text?: string | null;
  provider?: string;
  message?: { role: string; message: string }[];
};
interface EdenChunk {
  text: string;
  blocked: boolean;
  provider: string;
}

describe('Eden AI answers the request', () => {
  const text = 'Name one planet.';

  it('returns one result per requested provider, keyed by the name as requested (string or array)', async () => {
    for (const providers of ['groq', 'openai/gpt-4o,mistral', ['xai', 'cohere', 'amazon']]) {
      const answer = await postJson<Record<string, EdenResult>>(edenChat, { providers, text });
      const requested = typeof providers === 'string' ? providers.split(',') : providers;
      expect(Object.keys(answer)).toEqual(requested);
      for (const result of Object.values(answer)) {
        expect(result.status).toBe('success');
        expect(result.message?.[0]).toMatchObject({ role: 'user', message: text });
      }
    }
  });

  it('answers an array, each item naming its provider, with response_as_dict: false', async () => {
    const providers = ['openai', 'google', 'groq'];
    const answer = await postJson<EdenResult[]>(edenChat, { providers, text, response_as_dict: false });
    expect(answer.map((item) => item.provider)).toEqual(providers);
  });

  it('honours fallback_providers when the provider cannot answer, and rejects them with several providers', async () => {
    const failed = await postJson<Record<string, EdenResult>>(edenChat, { providers: 'no-such-provider', text });
    expect(failed['no-such-provider']?.status).toBe('fail');
    const fallback = await postJson<Record<string, EdenResult>>(edenChat, {
      providers: 'no-such-provider',
      fallback_providers: 'anthropic',
      text,
    });
    expect(Object.keys(fallback)).toEqual(['anthropic']);
    expect(fallback.anthropic?.status).toBe('success');
    const rejected = await post(edenChat, { providers: 'openai,google', fallback_providers: ['mistral'], text });
    expect(rejected.status).toBe(400);
    const body: unknown = await rejected.json();
    expect(responseSchemaErrors({ vendor: 'edenai', operationId: 'createTextChat', status: 400, body })).toEqual([]);
  });

  it('streams chunks that name the provider asked for, or the fallback that answered', async () => {
    for (const providers of ['groq', ['mistral']]) {
      const chunks = await postStream<EdenChunk>(edenStream, { providers, text });
      expect(chunks.length).toBeGreaterThan(1);
      expect(new Set(chunks.map((chunk) => chunk.provider))).toEqual(
        new Set([typeof providers === 'string' ? providers : providers[0]]),
      );
    }
    const fallback = await postStream<EdenChunk>(edenStream, {
      providers: 'no-such-provider',
      fallback_providers: 'deepseek',
      text,
    });
    expect(new Set(fallback.map((chunk) => chunk.provider))).toEqual(new Set(['deepseek']));
    const blocked = await postStream<EdenChunk>(edenStream, { providers: 'no-such-provider', text });
    expect(blocked).toEqual([{ text: '[ERROR]', blocked: true, provider: 'no-such-provider' }]);
  });
});

interface WorqhatAnswer {
  content: unknown;
  conversation_id: string;
  model: string;
}

describe('WorqHat answers the request', () => {
  const question = { question: 'What is in Jaipur?', model: 'aicon-v4-large-160824' };

  it('returns the conversation_id sent, or a new one that depends only on the request; and echoes the model', async () => {
    const kept = await postJson<WorqhatAnswer>(worqhat, { ...question, conversation_id: 'conv_mine_42' });
    expect(kept.conversation_id).toBe('conv_mine_42');
    expect(kept.model).toBe(question.model);
    const fresh = await postJson<WorqhatAnswer>(worqhat, question);
    expect(fresh.conversation_id).toMatch(/^conv_\d+$/);
    expect((await postJson<WorqhatAnswer>(worqhat, question)).conversation_id).toBe(fresh.conversation_id);
    expect(
      (await postJson<WorqhatAnswer>(worqhat, { ...question, question: 'Another one?' })).conversation_id,
    ).not.toBe(fresh.conversation_id);
  });

  it('answers text unless response_type is json', async () => {
    const text = await postJson<WorqhatAnswer>(worqhat, { ...question, response_type: 'text' });
    expect(typeof text.content).toBe('string');
    expect(() => JSON.parse(text.content as string) as unknown).toThrow();
    const json = await postJson<WorqhatAnswer>(worqhat, { ...question, response_type: 'json' });
    const parsed: unknown = typeof json.content === 'string' ? JSON.parse(json.content) : json.content;
    expect(typeof parsed === 'object' && parsed !== null).toBe(true);
  });

  it('streams chunks carrying that conversation_id and model', async () => {
    const chunks = await postStream<WorqhatAnswer>(worqhat, {
      ...question,
      stream_data: true,
      conversation_id: 'conv_streamed',
    });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => chunk.conversation_id === 'conv_streamed' && chunk.model === question.model)).toBe(
      true,
    );
  });
});
