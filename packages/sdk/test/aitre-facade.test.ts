import { describe, expect, it } from 'vitest';
import { InternalServerError } from '../src/index';
import { collectDeltas, createMockTextgen, defaultJsonExample, useMockServer } from './support/mock-textgen';
import { specExample, streamExamplePayloads } from '@textgen/mocks/testing';

const mock = useMockServer();

describe('aitre through the facade', () => {
  it('generateText maps the first choice, usage, finish reason and x-request-id', async () => {
    const example = defaultJsonExample({ vendor: 'aitre', operationId: 'createCompletion' }).value as {
      model: string;
      choices: { text: string; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    };
    expect(example.choices[0]!.finish_reason, 'the default example stops on length').toBe('length');
    // AITRE's documented request (max_tokens 7): the mock answers it with the spec's default example.
    const result = await createMockTextgen().generateText({
      provider: 'aitre',
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
      maxOutputTokens: 7,
    });
    expect(result).toMatchObject({
      text: example.choices[0]!.text,
      model: example.model,
      usage: {
        inputTokens: example.usage.prompt_tokens,
        outputTokens: example.usage.completion_tokens,
        totalTokens: example.usage.total_tokens,
      },
      finishReason: { unified: 'length', raw: 'length' },
      warnings: [],
    });
    expect(result.requestId).toMatch(/^req_/);
    // A prompt without system text is sent exactly as given.
    expect(mock.lastCall?.body).toEqual({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
      max_tokens: 7,
      stream: false,
    });
    expect(mock.lastCall?.headers.authorization).toBe('Bearer test-key-aitre');
  });

  it('renders messages into the documented prompt template and passes temperature and max_tokens as they are', async () => {
    await createMockTextgen().generateText({
      provider: 'aitre',
      model: 'gpt-3.5-turbo-instruct',
      system: 'You are terse.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Say this is a test' },
      ],
      temperature: 0,
      maxOutputTokens: 7,
      providerOptions: { aitre: { stop: ['\nUser:'] } },
    });
    expect(mock.lastCall?.body).toEqual({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'You are terse.\n\nUser: Hi\n\nAssistant: Hello.\n\nUser: Say this is a test\n\nAssistant:',
      temperature: 0,
      max_tokens: 7,
      stop: ['\nUser:'],
      stream: false,
    });
  });

  it('streamText yields choices[0].text, takes the finish reason and the final usage chunk', async () => {
    const stream = createMockTextgen().streamText({
      provider: 'aitre',
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
      headers: { Prefer: 'example=stream-with-usage' },
    });
    expect(await collectDeltas(stream)).toEqual(['\n', '\n', 'This', ' is', ' indeed', ' a', ' test']);
    expect(await stream.text).toBe('\n\nThis is indeed a test');
    expect(await stream.finishReason).toEqual({ unified: 'length', raw: 'length' });
    // The spec example's last chunk carries the usage (OpenAI's include_usage), named the OpenAI way.
    const usageChunks = streamExamplePayloads(
      specExample({ vendor: 'aitre', operationId: 'createCompletion', streams: true, name: 'stream-with-usage' }),
    )
      .map(
        (payload) =>
          (payload as { usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null })
            .usage,
      )
      .filter((usage) => usage !== null && usage !== undefined);
    expect(usageChunks).toHaveLength(1);
    const [exampleUsage] = usageChunks as [{ prompt_tokens: number; completion_tokens: number; total_tokens: number }];
    expect(exampleUsage.prompt_tokens, 'the example tells input from output apart').not.toBe(
      exampleUsage.completion_tokens,
    );
    expect(await stream.usage).toEqual({
      inputTokens: exampleUsage.prompt_tokens,
      outputTokens: exampleUsage.completion_tokens,
      totalTokens: exampleUsage.total_tokens,
    });
    expect(await stream.requestId).toMatch(/^req_/);
    expect(mock.lastCall?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('streamText with n > 1 keeps to completion 0 and reports the model named in the chunks', async () => {
    const chunk = (choices: { text: string; index: number; finish_reason: string | null }[]) =>
      `data: ${JSON.stringify({ id: 'c1', object: 'text_completion', created: 1, model: 'gpt-3.5-turbo-instruct-0914', choices: choices.map((choice) => ({ logprobs: null, ...choice })) })}\n\n`;
    mock.override({
      operationId: 'createCompletion',
      response: {
        type: 'stream-chunks',
        chunks: [
          chunk([{ text: 'Zero one', index: 0, finish_reason: null }]),
          chunk([{ text: 'One one', index: 1, finish_reason: null }]),
          chunk([
            { text: ' zero two', index: 0, finish_reason: null },
            { text: ' one two', index: 1, finish_reason: null },
          ]),
          chunk([{ text: ' one end', index: 1, finish_reason: 'length' }]),
          chunk([{ text: '.', index: 0, finish_reason: 'stop' }]),
          'data: [DONE]\n\n',
        ],
      },
    });
    const stream = createMockTextgen().streamText({
      provider: 'aitre',
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
      providerOptions: { aitre: { n: 2 } },
    });
    expect(await collectDeltas(stream)).toEqual(['Zero one', ' zero two', '.']);
    expect(await stream.text).toBe('Zero one zero two.');
    expect(await stream.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(stream.model).toBe('gpt-3.5-turbo-instruct');
    expect(await stream.responseModel).toBe('gpt-3.5-turbo-instruct-0914');
    expect(mock.lastCall?.body).toMatchObject({ n: 2, stream: true });
  });

  it('maps content_filter to the unified content-filter reason', async () => {
    mock.override({
      operationId: 'createCompletion',
      response: {
        type: 'stream-chunks',
        chunks: [
          'data: {"id":"c1","object":"text_completion","created":1,"model":"m","choices":[{"text":"Par","index":0,"logprobs":null,"finish_reason":null}]}\n\n',
          'data: {"id":"c1","object":"text_completion","created":1,"model":"m","choices":[{"text":"","index":0,"logprobs":null,"finish_reason":"content_filter"}]}\n\n',
          'data: [DONE]\n\n',
        ],
      },
    });
    const stream = createMockTextgen().streamText({ provider: 'aitre', model: 'm', prompt: 'x' });
    expect(await stream.text).toBe('Par');
    expect(await stream.finishReason).toEqual({ unified: 'content-filter', raw: 'content_filter' });
  });

  it('a 500 rejects with InternalServerError', async () => {
    const failure = createMockTextgen().generateText({
      provider: 'aitre',
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Hi',
      headers: { Prefer: 'code=500' },
    });
    await expect(failure).rejects.toSatisfy(
      (error) => InternalServerError.isInstance(error) && error.vendor === 'aitre',
    );
  });
});
