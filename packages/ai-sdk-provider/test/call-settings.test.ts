import { NoSuchModelError, UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { generateText, jsonSchema, Output, tool, type JSONSchema7 } from 'ai';
import { describe, expect, it } from 'vitest';
import { createMockProvider, useMockServer } from './support/mock-vendors';
import { specExample } from '@textgen/mocks/testing';

const mock = useMockServer();

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('settings', () => {
  it('aitre sends stop sequences, top_p, penalties and seed; topK has no field and is an unsupported warning', async () => {
    const result = await generateText({
      model: createMockProvider()('aitre:gpt-3.5-turbo-instruct'),
      prompt: 'Say this is a test',
      temperature: 0.5,
      maxOutputTokens: 7,
      stopSequences: ['\nUser:'],
      topP: 0.9,
      topK: 40,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      seed: 42,
    });
    expect(mock.lastCall?.body).toEqual({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
      temperature: 0.5,
      max_tokens: 7,
      stop: ['\nUser:'],
      top_p: 0.9,
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
      seed: 42,
      stream: false,
    });
    expect(result.warnings).toEqual([
      { type: 'unsupported', feature: 'topK', details: expect.stringContaining('aitre') as unknown },
    ]);
  });

  it('wetrocloud has none of them: nothing is sent and each setting is an unsupported warning', async () => {
    const result = await generateText({
      model: createMockProvider()('wetrocloud:llama-3.3-70b'),
      prompt: 'Hi',
      temperature: 0.5,
      maxOutputTokens: 7,
      stopSequences: ['\n'],
      topP: 0.9,
      seed: 1,
    });
    expect(mock.lastCall?.body).toEqual({ model: 'llama-3.3-70b', messages: [{ role: 'user', content: 'Hi' }] });
    expect(
      result.warnings?.map((warning) => (warning.type === 'unsupported' ? warning.feature : warning.type)),
    ).toEqual(['temperature', 'maxOutputTokens', 'stopSequences', 'topP', 'seed']);
  });

  it('worqhat takes temperature (as randomness) but no maxOutputTokens or stop sequences', async () => {
    const result = await generateText({
      model: createMockProvider()('worqhat:aicon-v4-nano-160824'),
      prompt: 'Hi',
      temperature: 2,
      maxOutputTokens: 5,
      stopSequences: ['x'],
    });
    expect(mock.lastCall?.body).toMatchObject({ question: 'Hi', randomness: 1 });
    expect(mock.lastCall?.body).not.toHaveProperty('max_tokens');
    expect(
      result.warnings?.map((warning) => (warning.type === 'unsupported' ? warning.feature : warning.type)),
    ).toEqual(['maxOutputTokens', 'stopSequences']);
  });

  it('Eden AI maps the reasoning level to reasoning_effort, to the nearest level with a compatibility warning', async () => {
    const result = await generateText({
      model: createMockProvider()('edenai:openai'),
      prompt: 'Hi',
      reasoning: 'xhigh',
    });
    expect(mock.lastCall?.body).toMatchObject({ reasoning_effort: 'high' });
    expect(result.warnings).toEqual([
      { type: 'compatibility', feature: 'reasoning', details: expect.stringContaining("'high'") as unknown },
    ]);
  });

  it('provider options under the vendor name are sent as raw wire fields and win over mapped ones', async () => {
    await generateText({
      model: createMockProvider()('aitre:gpt-3.5-turbo-instruct'),
      prompt: 'Say this is a test',
      maxOutputTokens: 7,
      providerOptions: { aitre: { best_of: 2, user: 'user-1', max_tokens: 9 }, edenai: { ignored: true } },
    });
    expect(mock.lastCall?.body).toEqual({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
      max_tokens: 9,
      best_of: 2,
      user: 'user-1',
      stream: false,
    });
  });

  it('worqhat gives structured output through response_type json, asking for the schema in training_data', async () => {
    const example = specExample({
      vendor: 'worqhat',
      operationId: 'generateContent',
      streams: false,
      name: 'tour-guide-json-response',
    }).value as { content: string };
    const schema: JSONSchema7 = {
      type: 'object',
      properties: { guide: { type: 'string' }, places: { type: 'array', items: { type: 'string' } } },
      required: ['guide', 'places'],
    };
    const result = await generateText({
      model: createMockProvider()('worqhat:aicon-v4-large-160824'),
      prompt: 'Plan my morning in Jaipur.',
      output: Output.object({ schema: jsonSchema<{ guide: string; places: string[] }>(schema) }),
      headers: { Prefer: 'example=tour-guide-json-response' },
    });
    expect(result.output).toEqual(JSON.parse(example.content));
    const body = mock.lastCall?.body as { response_type: string; training_data: string };
    expect(body.response_type).toBe('json');
    expect(body.training_data).toContain(JSON.stringify(schema.properties));
  });
});

describe('what a vendor cannot do is an UnsupportedFunctionalityError before any request', () => {
  const weather = tool({
    description: 'Weather.',
    inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } } }),
  });

  it.each(['aitre:gpt-3.5-turbo-instruct', 'wetrocloud:llama-3.3-70b', 'worqhat:aicon-v4-nano-160824'] as const)(
    'tools on %s',
    async (modelId) => {
      const error = await rejection(
        generateText({ model: createMockProvider()(modelId), prompt: 'Hi', tools: { weather } }),
      );
      expect(UnsupportedFunctionalityError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/has no tool calling.*edenai/);
      expect(mock.calls).toHaveLength(0);
    },
  );

  it('structured output on Eden AI', async () => {
    const error = await rejection(
      generateText({
        model: createMockProvider()('edenai:openai'),
        prompt: 'Hi',
        output: Output.object({ schema: jsonSchema({ type: 'object' }) }),
      }),
    );
    expect(UnsupportedFunctionalityError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/edenai has no JSON output mode/);
  });

  it('a file in the prompt', async () => {
    const error = await rejection(
      generateText({
        model: createMockProvider()('worqhat:aicon-v4-nano-160824'),
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'file', data: new Uint8Array([1, 2]), mediaType: 'image/png' },
            ],
          },
        ],
      }),
    );
    expect(UnsupportedFunctionalityError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/image\/png/);
    expect(mock.calls).toHaveLength(0);
  });

  it('tools while streaming from Eden AI (its stream endpoint has no tool calls)', async () => {
    const model = createMockProvider()('edenai:openai');
    const error = await rejection(
      Promise.resolve(
        model.doStream({
          prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
          tools: [{ type: 'function', name: 'weather', inputSchema: { type: 'object' } }],
        }),
      ),
    );
    expect(UnsupportedFunctionalityError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/simulateStreamingMiddleware/);
  });
});

describe('model ids', () => {
  it.each(['gpt-4o', 'openai:gpt-4o', 'aitre:', ''])('%j is a NoSuchModelError naming the expected form', (modelId) => {
    const provider = createMockProvider();
    let error: unknown;
    try {
      provider(modelId as 'aitre:x');
    } catch (caught) {
      error = caught;
    }
    expect(NoSuchModelError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("'aitre:...'");
  });

  it('keeps everything after the first colon as the vendor model id', () => {
    const model = createMockProvider().languageModel('edenai:openai/gpt-4o:latest');
    expect(model).toMatchObject({
      specificationVersion: 'v4',
      provider: 'textgen.edenai',
      modelId: 'edenai:openai/gpt-4o:latest',
    });
  });

  it('has no embedding or image models', () => {
    const provider = createMockProvider();
    expect(() => provider.embeddingModel('x')).toThrow(NoSuchModelError);
    expect(() => provider.imageModel('x')).toThrow(NoSuchModelError);
  });
});
