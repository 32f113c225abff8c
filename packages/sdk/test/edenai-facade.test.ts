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
    const result = await createMockTextgen().generateText({
      provider: 'edenai',
      model: 'openai/gpt-4o',
      prompt: 'Extract the keywords.',
    });
    expect(result).toMatchObject({
      text: openai.generated_text,
      provider: 'edenai',
      model: 'openai/gpt-4o',
      usage: {
        inputTokens: openai.usage.prompt_tokens,
        outputTokens: openai.usage.completion_tokens,
        totalTokens: openai.usage.total_tokens,
      },
      finishReason: { unified: 'unknown', raw: undefined },
      warnings: [],
    });
    // One result, keyed by the provider id as requested (the mock answers the providers it was asked for).
    expect(Object.keys(result.raw as object)).toEqual(['openai/gpt-4o']);
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
      (error) =>
        APIError.isInstance(error) &&
        error.vendor === 'edenai' &&
        error.status === 200 &&
        /Provider is currently unavailable/.test(error.message),
    );
  });

  describe('fallback_providers', () => {
    const openaiFailsGoogleAnswers = {
      openai: { status: 'fail', error: { message: 'Provider is currently unavailable' } },
      google: {
        status: 'success',
        generated_text: 'Keywords: Obama, president, United States',
        message: [],
        usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
      },
    };

    it('the requested provider failing while a fallback answers gives the fallback’s answer, saying who answered', async () => {
      mock.override({
        operationId: 'createTextChat',
        response: { type: 'json', status: 200, body: openaiFailsGoogleAnswers },
      });
      const result = await createMockTextgen().generateText({
        provider: 'edenai',
        model: 'openai/gpt-4o',
        prompt: 'Extract the keywords.',
        providerOptions: { edenai: { fallback_providers: ['google'] } },
      });
      expect(result).toMatchObject({
        text: 'Keywords: Obama, president, United States',
        provider: 'edenai',
        model: 'google',
        usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19 },
        raw: openaiFailsGoogleAnswers,
      });
      expect(result.warnings).toEqual([
        'edenai: openai/gpt-4o failed (Provider is currently unavailable); the answer is from the fallback provider google.',
      ]);
      expect(mock.lastCall?.body).toMatchObject({ providers: 'openai/gpt-4o', fallback_providers: 'google' });
    });

    it('fallback_providers given as a comma-separated string work the same', async () => {
      mock.override({
        operationId: 'createTextChat',
        response: { type: 'json', status: 200, body: openaiFailsGoogleAnswers },
      });
      const result = await createMockTextgen().generateText({
        provider: 'edenai',
        model: 'openai',
        prompt: 'Extract the keywords.',
        providerOptions: { edenai: { fallback_providers: 'mistral, google' } },
      });
      expect(result.text).toBe('Keywords: Obama, president, United States');
      expect(result.model).toBe('google');
    });

    it('a provider that answered but was not a fallback does not stand in for the failed one', async () => {
      mock.override({
        operationId: 'createTextChat',
        response: { type: 'json', status: 200, body: openaiFailsGoogleAnswers },
      });
      const failure = createMockTextgen().generateText({
        provider: 'edenai',
        model: 'openai',
        prompt: 'Extract the keywords.',
        providerOptions: { edenai: { fallback_providers: ['anthropic'] } },
      });
      await expect(failure).rejects.toSatisfy(
        (error) =>
          APIError.isInstance(error) &&
          /openai failed: Provider is currently unavailable, and no fallback provider \(anthropic\) answered/.test(
            error.message,
          ),
      );
    });

    it('no provider answering still rejects with every provider’s message', async () => {
      const allFailed = {
        openai: openaiFailsGoogleAnswers.openai,
        google: { status: 'fail', error: { message: 'Quota exceeded' } },
      };
      mock.override({ operationId: 'createTextChat', response: { type: 'json', status: 200, body: allFailed } });
      const failure = createMockTextgen().generateText({
        provider: 'edenai',
        model: 'openai',
        prompt: 'Extract the keywords.',
        providerOptions: { edenai: { fallback_providers: ['google'] } },
      });
      await expect(failure).rejects.toSatisfy(
        (error) =>
          APIError.isInstance(error) &&
          /Provider is currently unavailable/.test(error.message) &&
          /Quota exceeded/.test(error.message),
      );
    });
  });

  it('a 429 rejects with RateLimitError', async () => {
    const failure = createMockTextgen().generateText({
      provider: 'edenai',
      model: 'openai',
      prompt: 'Hi',
      headers: { Prefer: 'code=429' },
    });
    await expect(failure).rejects.toSatisfy((error) => RateLimitError.isInstance(error));
  });

  it('streamText yields the fragments of the stream endpoint and leaves blocked fragments out of the text', async () => {
    const textgen = createMockTextgen();
    const stream = textgen.streamText({
      provider: 'edenai',
      model: 'anthropic',
      prompt: 'Who was the 44th president?',
      headers: { Prefer: 'example=stream-short-answer' },
    });
    expect(await collectDeltas(stream)).toEqual(['Barack Obama', ' was the 44th president', ' of the United States.']);
    expect(await stream.text).toBe('Barack Obama was the 44th president of the United States.');
    expect(await stream.usage).toEqual({ inputTokens: undefined, outputTokens: undefined, totalTokens: undefined });
    expect(mock.callsFor('createTextChatStream')[0]?.body).toMatchObject({
      providers: 'anthropic',
      text: 'Who was the 44th president?',
    });

    const blocked = textgen.streamText({
      provider: 'edenai',
      model: 'replicate',
      prompt: 'Who?',
      headers: { Prefer: 'example=stream-provider-error' },
    });
    expect(await blocked.text).toBe('Barack Obama was');
    expect(await blocked.finishReason).toEqual({ unified: 'other', raw: 'blocked' });
  });
});
