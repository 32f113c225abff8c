import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../src/index';
import { collectDeltas, createMockTextgen, defaultJsonExample, useMockServer } from './support/mock-textgen';

const mock = useMockServer();

describe('worqhat through the facade', () => {
  it('generateText maps content, model and processingId, and reports no token usage', async () => {
    const example = defaultJsonExample({ vendor: 'worqhat', operationId: 'generateContent' }).value as {
      content: string;
      model: string;
      processingId: string;
    };
    const result = await createMockTextgen().generateText({
      provider: 'worqhat',
      model: 'aicon-v4-nano-160824',
      prompt: 'Plan my day in Jaipur.',
    });
    expect(result).toMatchObject({
      text: example.content,
      model: example.model,
      requestId: example.processingId,
      finishReason: { unified: 'unknown', raw: undefined },
      // No conversation_id was sent, so the answer carries a new one.
      raw: { ...example, conversation_id: expect.stringMatching(/^conv_\d+$/) as unknown },
    });
    // processingCount / processing_count is a billing count, not tokens: usage stays empty and the count stays in raw.
    expect(result.usage).toEqual({ inputTokens: undefined, outputTokens: undefined, totalTokens: undefined });
    expect(mock.lastCall?.headers.authorization).toBe('Bearer test-key-worqhat');
  });

  it('maps the last user turn, system text, history pairs and temperature to WorqHat wire fields', async () => {
    const result = await createMockTextgen().generateText({
      provider: 'worqhat',
      model: 'aicon-v4-large-160824',
      system: 'You are Alex, a tour guide.',
      messages: [
        { role: 'user', content: 'Where should I start?' },
        { role: 'assistant', content: 'The Amber Fort.' },
        { role: 'user', content: 'And after that?' },
        { role: 'user', content: 'Keep it short.' },
      ],
      temperature: 1.2,
      maxOutputTokens: 50,
      providerOptions: { worqhat: { response_type: 'text' } },
    });
    expect(mock.callsFor('generateContent')[0]?.body).toEqual({
      model: 'aicon-v4-large-160824',
      question: 'Keep it short.',
      training_data: 'You are Alex, a tour guide.',
      conversation_history: [
        { user_prompt: 'Where should I start?', model_response: 'The Amber Fort.' },
        { user_prompt: 'And after that?', model_response: '' },
      ],
      preserve_history: true,
      randomness: 0.6,
      response_type: 'text',
      stream_data: false,
    });
    expect(result.warnings).toEqual(['worqhat has no output token limit; maxOutputTokens was not sent.']);
  });

  it('providerOptions.worqhat { modelType, modelId } calls the finetuned operation', async () => {
    const example = defaultJsonExample({ vendor: 'worqhat', operationId: 'generateContentWithModel' }).value as {
      content: string;
    };
    const result = await createMockTextgen().generateText({
      provider: 'worqhat',
      model: 'my-udaipur-guide',
      prompt: 'Best sunset spot?',
      providerOptions: { worqhat: { modelType: 'large', modelId: 'my-udaipur-guide' } },
    });
    expect(result.text).toBe(example.content);
    const call = mock.callsFor('generateContentWithModel')[0];
    expect(call?.pathParameters).toEqual({ modelType: 'large', modelId: 'my-udaipur-guide' });
    expect(call?.body).toEqual({ question: 'Best sunset spot?', stream_data: false });
  });

  it('streamText yields each SSE content delta and takes the request id from processing_id', async () => {
    const stream = createMockTextgen().streamText({
      provider: 'worqhat',
      model: 'aicon-v4-nano-160824',
      prompt: 'Tell me about the Hawa Mahal.',
    });
    expect(await collectDeltas(stream)).toEqual([
      'Alex here! ',
      'The Hawa Mahal is a palace of pink sandstone ',
      'with 953 small windows.',
    ]);
    expect(await stream.text).toBe('Alex here! The Hawa Mahal is a palace of pink sandstone with 953 small windows.');
    expect(await stream.requestId).toBe('5d2c9a1e-7b3f-4e8a-9c6d-0f1e2a3b4c5d');
    expect(await stream.usage).toEqual({ inputTokens: undefined, outputTokens: undefined, totalTokens: undefined });
    expect(mock.lastCall?.body).toMatchObject({ stream_data: true, question: 'Tell me about the Hawa Mahal.' });
  });

  it('a 401 rejects every stream promise with AuthenticationError', async () => {
    const stream = createMockTextgen().streamText({
      provider: 'worqhat',
      model: 'aicon-v4-nano-160824',
      prompt: 'Hi',
      headers: { Prefer: 'code=401' },
    });
    await expect(stream.text).rejects.toSatisfy((error) => AuthenticationError.isInstance(error));
    await expect(collectDeltas(stream)).rejects.toSatisfy((error) => AuthenticationError.isInstance(error));
  });
});
