import { describe, expect, it } from 'vitest';
import { readEdenAIChatResult } from '../src/index';

const answer = (text: string) => ({
  status: 'success',
  generated_text: text,
  message: [
    { role: 'user', message: 'Q', tools: null, tool_calls: null },
    { role: 'assistant', message: text, tools: null, tool_calls: null },
  ],
});

describe('readEdenAIChatResult', () => {
  it('names map results by key and keeps their order', () => {
    const body = {
      google: answer('g'),
      openai: { status: 'fail', error: { message: 'Timeout error', code: 'timeout' } },
    };
    const result = readEdenAIChatResult({ body, requestedProviders: ['openai', 'google'] })!;
    expect(result.results.map((item) => item.provider)).toEqual(['google', 'openai']);
    expect(result.successes[0]).toMatchObject({
      ok: true,
      provider: 'google',
      generatedText: 'g',
      toolCalls: [],
      cost: undefined,
    });
    expect(result.failures[0]).toMatchObject({
      ok: false,
      provider: 'openai',
      message: 'Timeout error',
      error: { message: 'Timeout error', code: 'timeout' },
    });
    expect(result.raw).toBe(body);
  });

  it('prefers the item provider field over the request order in arrays', () => {
    const body = [
      { ...answer('g'), provider: 'google' },
      { ...answer('o'), provider: 'openai' },
    ];
    const result = readEdenAIChatResult({ body, requestedProviders: ['openai', 'google'] })!;
    expect(result.results.map((item) => item.provider)).toEqual(['google', 'openai']);
  });

  it('names an array item with no provider and no requested name "unknown"', () => {
    const result = readEdenAIChatResult({ body: [answer('a'), answer('b')], requestedProviders: ['openai'] })!;
    expect(result.results.map((item) => item.provider)).toEqual(['openai', 'unknown']);
  });

  it('collects the tool calls of assistant turns only', () => {
    const call = { id: 'call_1', name: 'get_weather', arguments: '{}' };
    const body = {
      openai: {
        status: 'success',
        generated_text: null,
        message: [
          { role: 'user', message: 'Q', tool_calls: [{ id: 'echo', name: 'ignored', arguments: '{}' }] },
          { role: 'assistant', message: null, tool_calls: [call] },
        ],
      },
    };
    const [success] = readEdenAIChatResult({ body, requestedProviders: ['openai'] })!.successes;
    expect(success!.generatedText).toBeNull();
    expect(success!.toolCalls).toEqual([call]);
  });

  it('turns every non-success result into a failure with a message', () => {
    const body = {
      typo: { status: 'sucess', generated_text: 'x', message: [] },
      noTextNoStatus: { message: [] },
      errorNoStatus: { generated_text: null, message: [], error: { message: 'Timeout error' } },
      silent: { status: 'fail' },
      scalar: 'oops',
    };
    const result = readEdenAIChatResult({ body, requestedProviders: [] })!;
    expect(result.successes).toEqual([]);
    expect(Object.fromEntries(result.failures.map((failure) => [failure.provider, failure.message]))).toEqual({
      typo: 'Unexpected status "sucess" (only "success" counts as an answer).',
      noTextNoStatus: 'Unexpected status undefined (only "success" counts as an answer).',
      errorNoStatus: 'Timeout error',
      silent: 'The provider failed without an error message.',
      scalar: 'The result is not an object: "oops"',
    });
    expect(result.failures.filter((failure) => failure.error !== undefined).map((failure) => failure.provider)).toEqual(
      ['errorNoStatus'],
    );
  });

  it('reads a result with generated_text and no status as an answer (Eden AI own 200 example has no status)', () => {
    const { status: _omitted, ...withoutStatus } = answer('kept');
    const result = readEdenAIChatResult({ body: { replicate: withoutStatus }, requestedProviders: ['replicate'] })!;
    expect(result.failures).toEqual([]);
    expect(result.successes).toMatchObject([{ ok: true, provider: 'replicate', generatedText: 'kept' }]);
  });

  it('returns undefined for a body that is neither a map nor a list', () => {
    expect(readEdenAIChatResult({ body: null, requestedProviders: ['openai'] })).toBeUndefined();
    expect(readEdenAIChatResult({ body: 'text', requestedProviders: ['openai'] })).toBeUndefined();
  });
});
