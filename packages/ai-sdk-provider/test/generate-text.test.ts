import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createMockProvider, useMockServer } from './support/mock-vendors';
import { specExample } from '@textgen/mocks/testing';

const mock = useMockServer();

describe('generateText from the ai package', () => {
  it('aitre: the text, usage, finish reason, response id and model of the spec example', async () => {
    const example = specExample({ vendor: 'aitre', operationId: 'createCompletion', streams: false }).value as {
      model: string;
      choices: { text: string; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    };
    // The spec's documented request (max_tokens 7): the mock answers it with exactly the `basic` example, which stops
    // on length.
    const result = await generateText({
      model: createMockProvider()('aitre:gpt-3.5-turbo-instruct'),
      prompt: 'Say this is a test',
      maxOutputTokens: 7,
    });
    expect(result.text).toBe(example.choices[0]!.text);
    expect(result.usage).toMatchObject({
      inputTokens: example.usage.prompt_tokens,
      outputTokens: example.usage.completion_tokens,
      totalTokens: example.usage.total_tokens,
      raw: example.usage,
    });
    expect(example.choices[0]!.finish_reason, 'the example stops on length').toBe('length');
    expect(result.finishReason).toBe('length');
    expect(result.rawFinishReason).toBe('length');
    expect(result.response.modelId).toBe(example.model);
    // AITRE's request id is its x-request-id header, which the mock makes fresh for every response.
    expect(result.response.id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(result.warnings).toEqual([]);
    // A lone user turn goes as the prompt, exactly as written.
    expect(mock.lastCall?.body).toEqual({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
      max_tokens: 7,
      stream: false,
    });
  });

  it('wetrocloud: the text of the example; its only count (tokens) stays out of input/output and is kept in raw', async () => {
    const example = specExample({ vendor: 'wetrocloud', operationId: 'createTextGeneration', streams: false })
      .value as { response: string; tokens: number };
    const result = await generateText({
      model: createMockProvider()('wetrocloud:llama-3.3-70b'),
      system: 'You are terse.',
      prompt: 'what is a large language model?',
    });
    expect(result.text).toBe(example.response);
    expect(result.usage).toMatchObject({
      inputTokens: undefined,
      outputTokens: undefined,
      totalTokens: undefined,
      raw: { tokens: example.tokens },
    });
    // Wetrocloud sends no finish reason: `other` with no raw value, not an invented `stop`.
    expect(result.finishReason).toBe('other');
    expect(result.rawFinishReason).toBeUndefined();
    expect(result.response.modelId).toBe('llama-3.3-70b');
    expect(mock.lastCall?.body).toEqual({
      model: 'llama-3.3-70b',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'what is a large language model?' },
      ],
    });
  });

  it('edenai: the answer and usage of the provider asked for, out of a multi-provider example', async () => {
    const example = specExample({ vendor: 'edenai', operationId: 'createTextChat', streams: false }).value as Record<
      string,
      { generated_text: string; usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } }
    >;
    const openai = example.openai!;
    expect(openai.usage, 'the example reports openai usage').toBeDefined();
    const result = await generateText({
      model: createMockProvider()('edenai:openai/gpt-4o'),
      system: 'Answer with the keywords only.',
      messages: [
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Hi! What should I do?' },
        { role: 'user', content: 'Extract the keywords.' },
      ],
      temperature: 0,
      maxOutputTokens: 150,
    });
    expect(result.text).toBe(openai.generated_text);
    expect(result.usage).toMatchObject({
      inputTokens: openai.usage!.prompt_tokens,
      outputTokens: openai.usage!.completion_tokens,
      totalTokens: openai.usage!.total_tokens,
    });
    expect(result.finishReason).toBe('other');
    expect(result.response.modelId).toBe('openai/gpt-4o');
    expect(mock.lastCall?.body).toEqual({
      providers: 'openai/gpt-4o',
      text: 'Extract the keywords.',
      chatbot_global_action: 'Answer with the keywords only.',
      previous_history: [
        { role: 'user', message: 'Hello' },
        { role: 'assistant', message: 'Hi! What should I do?' },
      ],
      temperature: 0,
      max_tokens: 150,
    });
    // Eden AI has no request id, so the model gives none (generateText then makes up its own).
    const direct = await createMockProvider()('edenai:openai/gpt-4o').doGenerate({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    });
    expect(direct.response?.id).toBeUndefined();
    expect(direct.response?.modelId).toBe('openai/gpt-4o');
  });

  it('worqhat: the content, model and processingId of the example; no usage is invented from processing_count', async () => {
    const example = specExample({ vendor: 'worqhat', operationId: 'generateContent', streams: false }).value as {
      content: string;
      processingId: string;
      model: string;
    };
    const result = await generateText({
      model: createMockProvider()('worqhat:aicon-v4-nano-160824'),
      system: 'You are a tour guide.',
      prompt: 'Plan my morning in Jaipur.',
      temperature: 1,
    });
    expect(result.text).toBe(example.content);
    expect(result.usage).toMatchObject({ inputTokens: undefined, outputTokens: undefined, totalTokens: undefined });
    expect(result.usage.raw).toBeUndefined();
    expect(result.finishReason).toBe('other');
    expect(result.response.id).toBe(example.processingId);
    expect(result.response.modelId).toBe(example.model);
    expect(mock.lastCall?.body).toEqual({
      model: 'aicon-v4-nano-160824',
      question: 'Plan my morning in Jaipur.',
      training_data: 'You are a tour guide.',
      randomness: 0.5,
      stream_data: false,
    });
  });
});
