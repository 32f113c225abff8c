import { describe, expect, it } from 'vitest';
import { APIError, RateLimitError } from '../src/index';
import { collectDeltas, createMockTextgen, defaultJsonExample, useMockServer } from './support/mock-textgen';

const mock = useMockServer();

describe('edenai through the facade', () => {
  it('generateText sends provider/model as `providers` and maps that provider’s text and usage', async () => {
    const example = defaultJsonExample({ vendor: 'edenai', operationId: 'createTextChat' }).value as Record<
      string,
      { generated_text: string; usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } }
    >;
    const openai = example.openai!;
    const result = await createMockTextgen().generateText({ provider: 'edenai', model: 'openai/gpt-4o', prompt: 'Extract the keywords.' });
    expect(result).toMatchObject({
      text: openai.generated_text,
      provider: 'edenai',
      model: 'openai/gpt-4o',
      usage: { inputTokens: openai.usage.prompt_tokens, outputTokens: openai.usage.completion_tokens, totalTokens: openai.usage.total_tokens },
      finishReason: { unified: 'unknown', raw: undefined },
      warnings: [],
      raw: example,
    });
    expect(mock.lastCall?.headers.authorization).toBe('Bearer test-key-edenai');
    expect(mock.lastCall?.body).toMatchObject({ providers: 'openai/gpt-4o', text: 'Extract the keywords.' });
  });

  it('maps system, history, temperature and maxOutputTokens to Eden AI wire fields, with providerOptions merged', async () => {
    await createMockTextgen().generateText({
      provider: 'edenai',
      model: 'openai',
      system: 'You extract keywords.',
      messages: [
        { role: 'system', content: 'Answer in English.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Extract the keywords.' },
      ],
      temperature: 1.5,
      maxOutputTokens: 64,
      providerOptions: { edenai: { fallback_providers: ['google'] } },
    });
    expect(mock.callsFor('createTextChat')[0]?.body).toEqual({
      providers: 'openai',
      fallback_providers: 'google',
      text: 'Extract the keywords.',
      chatbot_global_action: 'You extract keywords.\n\nAnswer in English.',
      previous_history: [
        { role: 'user', message: 'Hi' },
        { role: 'assistant', message: 'Hello!' },
      ],
      temperature: 1.5,
      max_tokens: 64,
    });
  });

  it('a failure of the requested provider inside the 200 is an APIError with its message', async () => {
    const failure = createMockTextgen().generateText({
      provider: 'edenai',
      model: 'google',
      prompt: 'Extract the keywords.',
      headers: { Prefer: 'example=keyword-extraction-partial-failure-answers' },
    });
    await expect(failure).rejects.toSatisfy(
      (error) => APIError.isInstance(error) && error.vendor === 'edenai' && error.status === 200 && /Provider is currently unavailable/.test(error.message),
    );
  });

  it('a 429 rejects with RateLimitError', async () => {
    const failure = createMockTextgen().generateText({ provider: 'edenai', model: 'openai', prompt: 'Hi', headers: { Prefer: 'code=429' } });
    await expect(failure).rejects.toSatisfy((error) => RateLimitError.isInstance(error));
  });

  it('streamText yields the fragments of the stream endpoint and leaves blocked fragments out of the text', async () => {
    const textgen = createMockTextgen();
    const stream = textgen.streamText({ provider: 'edenai', model: 'anthropic', prompt: 'Who was the 44th president?', headers: { Prefer: 'example=stream-short-answer' } });
    expect(await collectDeltas(stream)).toEqual(['Barack Obama', ' was the 44th president', ' of the United States.']);
    expect(await stream.text).toBe('Barack Obama was the 44th president of the United States.');
    expect(await stream.usage).toEqual({ inputTokens: undefined, outputTokens: undefined, totalTokens: undefined });
    expect(mock.callsFor('createTextChatStream')[0]?.body).toMatchObject({ providers: 'anthropic', text: 'Who was the 44th president?' });

    const blocked = textgen.streamText({ provider: 'edenai', model: 'replicate', prompt: 'Who?', headers: { Prefer: 'example=stream-provider-error' } });
    expect(await blocked.text).toBe('Barack Obama was');
    expect(await blocked.finishReason).toEqual({ unified: 'other', raw: 'blocked' });
  });
});
