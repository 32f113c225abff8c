import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../src/index';
import { collectDeltas, createMockTextgen, defaultJsonExample, useMockServer } from './support/mock-textgen';

const mock = useMockServer();
const conversation = [
  { role: 'user' as const, content: 'Hi' },
  { role: 'assistant' as const, content: 'Hello! How can I help?' },
  { role: 'user' as const, content: 'What is a large language model?' },
];

describe('wetrocloud through the facade', () => {
  it('generateText returns the answer, total tokens only, and warns about fields Wetrocloud lacks', async () => {
    const example = defaultJsonExample({ vendor: 'wetrocloud', operationId: 'createTextGeneration' }).value as {
      response: string;
      tokens: number;
    };
    const result = await createMockTextgen().generateText({
      provider: 'wetrocloud',
      model: 'llama-3.3-70b',
      system: 'Be brief.',
      messages: conversation,
      temperature: 1,
      maxOutputTokens: 100,
    });
    expect(result).toMatchObject({
      text: example.response,
      provider: 'wetrocloud',
      model: 'llama-3.3-70b',
      usage: { inputTokens: undefined, outputTokens: undefined, totalTokens: example.tokens },
      finishReason: { unified: 'unknown', raw: undefined },
      requestId: undefined,
      raw: example,
    });
    expect(result.warnings).toEqual([
      'wetrocloud has no temperature field; temperature was not sent.',
      'wetrocloud has no output token limit; maxOutputTokens was not sent.',
    ]);
  });

  it('sends messages with the system text kept as a system message, and no temperature', async () => {
    await createMockTextgen().generateText({
      provider: 'wetrocloud',
      model: 'gpt-4o',
      system: 'Be brief.',
      messages: conversation,
      temperature: 1,
    });
    const call = mock.callsFor('createTextGeneration')[0];
    expect(call?.headers.authorization).toBe('Token test-key-wetrocloud');
    // The client's default encoding is the documented multipart form; the mock decodes its JSON `messages` part.
    expect(call?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(call?.body).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'system', content: 'Be brief.' }, ...conversation],
    });
  });

  it('streamText yields each NDJSON fragment and resolves text and the final tokens', async () => {
    mock.override({
      operationId: 'createTextGeneration',
      response: {
        type: 'stream-chunks',
        chunks: [
          '{"response":"Large "}\n',
          '{"response":"language model."}\n',
          '{"response":"","tokens":17,"success":true}\n',
        ],
      },
    });
    const stream = createMockTextgen().streamText({ provider: 'wetrocloud', model: 'gpt-4o', prompt: 'Define LLM.' });
    expect(await collectDeltas(stream)).toEqual(['Large ', 'language model.']);
    expect(await stream.text).toBe('Large language model.');
    expect(await stream.usage).toEqual({ inputTokens: undefined, outputTokens: undefined, totalTokens: 17 });
    expect(await stream.finishReason).toEqual({ unified: 'unknown', raw: undefined });
    // A form field is text, so the flag arrives as "true".
    expect(mock.lastCall?.body).toMatchObject({ stream: 'true', messages: [{ role: 'user', content: 'Define LLM.' }] });
  });

  it('a 401 rejects with the typed error from core', async () => {
    const failure = createMockTextgen().generateText({
      provider: 'wetrocloud',
      model: 'gpt-4o',
      prompt: 'Hi',
      headers: { Prefer: 'code=401' },
    });
    await expect(failure).rejects.toSatisfy(
      (error) => AuthenticationError.isInstance(error) && error.vendor === 'wetrocloud',
    );
  });
});
