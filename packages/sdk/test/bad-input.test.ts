import { describe, expect, it, vi } from 'vitest';
import { createTextgen, generateText, streamText, TextgenError, type TextgenCallInput } from '../src/index';
import { createMockTextgen, useMockServer } from './support/mock-textgen';

const mock = useMockServer();
const valid: TextgenCallInput = { provider: 'aitre', model: 'gpt-3.5-turbo-instruct', prompt: 'Hi' };

const badInputs: { name: string; input: unknown; message: RegExp }[] = [
  { name: 'an unknown provider', input: { ...valid, provider: 'openai' }, message: /provider is "openai"; use one of 'wetrocloud', 'edenai', 'worqhat', 'aitre'/ },
  { name: 'neither messages nor prompt', input: { provider: 'aitre', model: 'm' }, message: /neither messages nor prompt was given/ },
  { name: 'both messages and prompt', input: { ...valid, messages: [{ role: 'user', content: 'Hi' }] }, message: /both messages and prompt were given; pass only one/ },
  { name: 'empty messages', input: { provider: 'aitre', model: 'm', messages: [] }, message: /messages is empty; pass at least one message/ },
  { name: 'an unknown role', input: { provider: 'aitre', model: 'm', messages: [{ role: 'tool', content: 'x' }] }, message: /messages\[0\]\.role is "tool"; use one of 'system', 'user', 'assistant'/ },
  { name: 'non-string content', input: { provider: 'aitre', model: 'm', messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 42 }] }, message: /messages\[1\]\.content is 42; it must be a string/ },
  { name: 'a temperature above 2', input: { ...valid, temperature: 2.5 }, message: /temperature is 2\.5; it must be a number from 0 to 2/ },
  { name: 'a temperature below 0', input: { ...valid, temperature: -0.1 }, message: /temperature is -0\.1; it must be a number from 0 to 2/ },
  { name: 'a temperature that is not a number', input: { ...valid, temperature: '0.5' }, message: /temperature is "0\.5"; it must be a number/ },
  { name: 'a NaN temperature', input: { ...valid, temperature: Number.NaN }, message: /temperature is NaN/ },
  { name: 'a fractional maxOutputTokens', input: { ...valid, maxOutputTokens: 1.5 }, message: /maxOutputTokens is 1\.5; it must be a whole number of at least 1/ },
  { name: 'a fractional maxRetries', input: { ...valid, maxRetries: 1.5 }, message: /^textgen: maxRetries is 1\.5; it must be a whole number of retries, 0 or more/ },
  { name: 'a negative maxRetries', input: { ...valid, maxRetries: -1 }, message: /^textgen: maxRetries is -1; it must be a whole number of retries, 0 or more/ },
  { name: 'a maxRetries beyond safe integers', input: { ...valid, maxRetries: 1e300 }, message: /^textgen: maxRetries is 1e\+300; it must be a whole number of retries/ },
  { name: 'a NaN maxRetries', input: { ...valid, maxRetries: Number.NaN }, message: /^textgen: maxRetries is NaN/ },
  { name: 'a zero timeout', input: { ...valid, timeout: 0 }, message: /^textgen: timeout is 0; it must be a positive number of milliseconds .*or Infinity for no time limit/ },
  { name: 'a negative timeout', input: { ...valid, timeout: -5 }, message: /^textgen: timeout is -5; it must be a positive number of milliseconds/ },
  { name: 'a NaN timeout', input: { ...valid, timeout: Number.NaN }, message: /^textgen: timeout is NaN; it must be a positive number of milliseconds/ },
  { name: 'a string timeout', input: { ...valid, timeout: '1000' }, message: /^textgen: timeout is "1000"; it must be a positive number of milliseconds/ },
  { name: 'an empty model', input: { ...valid, model: ' ' }, message: /model is " "; pass the aitre model id/ },
  { name: 'worqhat without a final user turn', input: { provider: 'worqhat', model: 'aicon-v4-nano-160824', messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }] }, message: /worqhat needs the last non-system message to be a user message/ },
  { name: 'edenai with only a system message', input: { provider: 'edenai', model: 'openai', messages: [{ role: 'system', content: 'Be brief.' }] }, message: /edenai needs the last non-system message to be a user message/ },
];

describe('bad input is a TextgenError naming the field and the fix, before any request', () => {
  for (const { name, input, message } of badInputs) {
    it(`generateText: ${name}`, async () => {
      await expect(createMockTextgen().generateText(input as TextgenCallInput)).rejects.toSatisfy(
        (error) => TextgenError.isInstance(error) && message.test((error as Error).message),
      );
      expect(mock.calls).toEqual([]);
    });

    it(`streamText throws synchronously: ${name}`, () => {
      expect(() => createMockTextgen().streamText(input as TextgenCallInput)).toThrow(message);
      expect(mock.calls).toEqual([]);
    });
  }

  it('timeout: Infinity (no time limit) and maxRetries: 0 are accepted and the call goes out', async () => {
    const result = await createMockTextgen().generateText({ ...valid, timeout: Number.POSITIVE_INFINITY, maxRetries: 0 });
    expect(result.text.length).toBeGreaterThan(0);
    const stream = createMockTextgen().streamText({ ...valid, timeout: Number.POSITIVE_INFINITY, maxRetries: 0 });
    expect((await stream.text).length).toBeGreaterThan(0);
    expect(mock.calls).toHaveLength(2);
  });

  it('a provider with no options and no key in the environment names the option and the variable', async () => {
    vi.stubEnv('WORQHAT_API_KEY', '');
    const textgen = createTextgen({ aitre: { apiKey: 'k' } });
    const input: TextgenCallInput = { provider: 'worqhat', model: 'aicon-v4-nano-160824', prompt: 'Hi' };
    const expected = /No API key: pass the apiKey option or set the WORQHAT_API_KEY environment variable\..*createTextgen\(\{ worqhat: \{ apiKey \} \}\)/;
    await expect(textgen.generateText(input)).rejects.toSatisfy((error) => TextgenError.isInstance(error) && expected.test((error as Error).message));
    expect(() => textgen.streamText(input)).toThrow(expected);
    expect(() => textgen.worqhat).toThrow(expected);
    expect(mock.calls).toEqual([]);
  });

  it('the top-level functions read keys and base URLs from the environment', async () => {
    vi.stubEnv('EDENAI_API_KEY', '');
    await expect(generateText({ provider: 'edenai', model: 'openai', prompt: 'Hi' })).rejects.toThrow(/EDENAI_API_KEY/);
    expect(() => streamText({ provider: 'edenai', model: 'openai', prompt: 'Hi' })).toThrow(/EDENAI_API_KEY/);
    expect(mock.calls).toEqual([]);
  });
});
