import { describe, expect, it, vi } from 'vitest';
import {
  createTextgen,
  generateText,
  streamText,
  TextgenError,
  type Textgen,
  type TextgenCallInput,
} from '../src/index';
import { createMockTextgen, useMockServer } from './support/mock-textgen';

const mock = useMockServer();
const valid: TextgenCallInput = { provider: 'aitre', model: 'gpt-3.5-turbo-instruct', prompt: 'Hi' };

function selfReferring(): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  value.self = value;
  return value;
}

function withThrowingGetter<Value extends object>(target: Value, field: string): Value {
  Object.defineProperty(target, field, {
    enumerable: true,
    get() {
      throw new Error('getter failed');
    },
  });
  return target;
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const badInputs: { name: string; input: unknown; message: RegExp }[] = [
  {
    name: 'an unknown provider',
    input: { ...valid, provider: 'openai' },
    message: /provider is "openai"; use one of 'wetrocloud', 'edenai', 'worqhat', 'aitre'/,
  },
  {
    name: 'neither messages nor prompt',
    input: { provider: 'aitre', model: 'm' },
    message: /neither messages nor prompt was given/,
  },
  {
    name: 'both messages and prompt',
    input: { ...valid, messages: [{ role: 'user', content: 'Hi' }] },
    message: /both messages and prompt were given; pass only one/,
  },
  {
    name: 'empty messages',
    input: { provider: 'aitre', model: 'm', messages: [] },
    message: /messages is empty; pass at least one message/,
  },
  {
    name: 'an unknown role',
    input: { provider: 'aitre', model: 'm', messages: [{ role: 'tool', content: 'x' }] },
    message: /messages\[0\]\.role is "tool"; use one of 'system', 'user', 'assistant'/,
  },
  {
    name: 'non-string content',
    input: {
      provider: 'aitre',
      model: 'm',
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 42 },
      ],
    },
    message: /messages\[1\]\.content is 42; it must be a string/,
  },
  {
    name: 'a temperature above 2',
    input: { ...valid, temperature: 2.5 },
    message: /temperature is 2\.5; it must be a number from 0 to 2/,
  },
  {
    name: 'a temperature below 0',
    input: { ...valid, temperature: -0.1 },
    message: /temperature is -0\.1; it must be a number from 0 to 2/,
  },
  {
    name: 'a temperature that is not a number',
    input: { ...valid, temperature: '0.5' },
    message: /temperature is "0\.5"; it must be a number/,
  },
  { name: 'a NaN temperature', input: { ...valid, temperature: Number.NaN }, message: /temperature is NaN/ },
  {
    name: 'a fractional maxOutputTokens',
    input: { ...valid, maxOutputTokens: 1.5 },
    message: /maxOutputTokens is 1\.5; it must be a whole number of at least 1/,
  },
  {
    name: 'a fractional maxRetries',
    input: { ...valid, maxRetries: 1.5 },
    message: /^textgen: maxRetries is 1\.5; it must be a whole number of retries, 0 or more/,
  },
  {
    name: 'a negative maxRetries',
    input: { ...valid, maxRetries: -1 },
    message: /^textgen: maxRetries is -1; it must be a whole number of retries, 0 or more/,
  },
  {
    name: 'a maxRetries beyond safe integers',
    input: { ...valid, maxRetries: 1e300 },
    message: /^textgen: maxRetries is 1e\+300; it must be a whole number of retries/,
  },
  { name: 'a NaN maxRetries', input: { ...valid, maxRetries: Number.NaN }, message: /^textgen: maxRetries is NaN/ },
  {
    name: 'a zero timeout',
    input: { ...valid, timeout: 0 },
    message: /^textgen: timeout is 0; it must be a positive number of milliseconds .*or Infinity for no time limit/,
  },
  {
    name: 'a negative timeout',
    input: { ...valid, timeout: -5 },
    message: /^textgen: timeout is -5; it must be a positive number of milliseconds/,
  },
  {
    name: 'a NaN timeout',
    input: { ...valid, timeout: Number.NaN },
    message: /^textgen: timeout is NaN; it must be a positive number of milliseconds/,
  },
  {
    name: 'a string timeout',
    input: { ...valid, timeout: '1000' },
    message: /^textgen: timeout is "1000"; it must be a positive number of milliseconds/,
  },
  { name: 'an empty model', input: { ...valid, model: ' ' }, message: /model is " "; pass the aitre model id/ },
  {
    name: 'worqhat without a final user turn',
    input: {
      provider: 'worqhat',
      model: 'aicon-v4-nano-160824',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
      ],
    },
    message: /worqhat needs the last non-system message to be a user message/,
  },
  {
    name: 'a signal that is not an AbortSignal',
    input: { ...valid, signal: {} },
    message: /^textgen: signal is an object; pass an AbortSignal/,
  },
  {
    name: 'a signal that is a string',
    input: { ...valid, signal: 'abort' },
    message: /^textgen: signal is "abort"; pass an AbortSignal/,
  },
  {
    name: 'a signal that only looks like one',
    input: { ...valid, signal: { aborted: false, addEventListener() {}, removeEventListener() {} } },
    message: /^textgen: signal is an object; pass an AbortSignal/,
  },
  {
    name: 'Eden AI providers as a bigint',
    input: { provider: 'edenai', model: 'openai', prompt: 'Hi', providerOptions: { edenai: { providers: 10n } } },
    message: /^textgen: providerOptions\.edenai\.providers is a bigint/,
  },
  {
    name: 'Eden AI providers as a number',
    input: { provider: 'edenai', model: 'openai', prompt: 'Hi', providerOptions: { edenai: { providers: 10 } } },
    message: /^textgen: providerOptions\.edenai\.providers is 10; pass a provider name/,
  },
  {
    name: 'Eden AI fallback_providers as an object',
    input: {
      provider: 'edenai',
      model: 'openai',
      prompt: 'Hi',
      providerOptions: { edenai: { fallback_providers: { google: true } } },
    },
    message: /^textgen: providerOptions\.edenai\.fallback_providers is an object; pass a provider name/,
  },
  {
    name: 'a symbol deep in providerOptions',
    input: { ...valid, providerOptions: { aitre: { logit_bias: { a: [1, Symbol('x')] } } } },
    message: /^textgen: providerOptions\.aitre\.logit_bias\.a\[1\] is a symbol; raw wire fields must be JSON/,
  },
  {
    name: 'providerOptions that refer to themselves',
    input: { ...valid, providerOptions: { aitre: selfReferring() } },
    message: /^textgen: providerOptions\.aitre\.self refers back to itself/,
  },
  {
    name: 'a null entry for the provider in providerOptions',
    input: { ...valid, providerOptions: { aitre: null } },
    message: /^textgen: providerOptions\.aitre is null; pass an object/,
  },
  {
    name: 'headers that are not an object',
    input: { ...valid, headers: 'x-a: 1' },
    message: /^textgen: headers is "x-a: 1"; pass an object of header names to string values/,
  },
  {
    name: 'a header value that is not a string',
    input: { ...valid, headers: { 'x-a': 1 } },
    message: /^textgen: headers\["x-a"\] is 1; header values must be strings/,
  },
  {
    name: 'a header name with a space',
    input: { ...valid, headers: { 'x a': '1' } },
    message: /^textgen: headers\["x a"\] is not a valid HTTP header/,
  },
  {
    name: 'a header value with a line break',
    input: { ...valid, headers: { 'x-a': '1\r\nx-b: 2' } },
    message: /^textgen: headers\["x-a"\] is not a valid HTTP header/,
  },
  {
    name: 'a getter that throws',
    input: withThrowingGetter({ ...valid }, 'temperature'),
    message: /^textgen: temperature could not be read \(getter failed\); pass plain data/,
  },
  {
    name: 'a message whose getter throws',
    input: { provider: 'aitre', model: 'm', messages: [withThrowingGetter({ role: 'user' }, 'content')] },
    message: /^textgen: messages\[0\]\.content could not be read/,
  },
  { name: 'an input that is a revoked Proxy', input: revokedProxy(), message: /^textgen: the input could not be read/ },
  { name: 'a bigint prompt', input: { ...valid, prompt: 5n }, message: /^textgen: prompt is a bigint; pass the text/ },
  {
    name: 'edenai with only a system message',
    input: { provider: 'edenai', model: 'openai', messages: [{ role: 'system', content: 'Be brief.' }] },
    message: /edenai needs the last non-system message to be a user message/,
  },
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
    const result = await createMockTextgen().generateText({
      ...valid,
      timeout: Number.POSITIVE_INFINITY,
      maxRetries: 0,
    });
    expect(result.text.length).toBeGreaterThan(0);
    const stream = createMockTextgen().streamText({ ...valid, timeout: Number.POSITIVE_INFINITY, maxRetries: 0 });
    expect((await stream.text).length).toBeGreaterThan(0);
    expect(mock.calls).toHaveLength(2);
  });

  it('a provider with no options and no key in the environment names the option and the variable', async () => {
    vi.stubEnv('WORQHAT_API_KEY', '');
    const textgen = createTextgen({ aitre: { apiKey: 'k' } });
    const input: TextgenCallInput = { provider: 'worqhat', model: 'aicon-v4-nano-160824', prompt: 'Hi' };
    const expected =
      /No API key: pass the apiKey option or set the WORQHAT_API_KEY environment variable\..*createTextgen\(\{ worqhat: \{ apiKey \} \}\)/;
    await expect(textgen.generateText(input)).rejects.toSatisfy(
      (error) => TextgenError.isInstance(error) && expected.test((error as Error).message),
    );
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

describe('the top-level functions check their own fields the same way', () => {
  const notTextgens: { name: string; textgen: unknown }[] = [
    { name: 'null', textgen: null },
    { name: 'a number', textgen: 5 },
    { name: 'an object without the methods', textgen: {} },
    {
      name: 'a Proxy whose traps throw',
      textgen: new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
        },
      ),
    },
  ];
  for (const { name, textgen } of notTextgens) {
    it(`generateText rejects (never throws) for textgen ${name}`, async () => {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = generateText({ ...valid, textgen: textgen as Textgen });
      }).not.toThrow();
      await expect(promise).rejects.toSatisfy(
        (error) =>
          TextgenError.isInstance(error) &&
          /^textgen: textgen (is .*|could not be read .*); pass the object createTextgen\(\) returned, or leave textgen out/.test(
            (error as Error).message,
          ),
      );
      expect(mock.calls).toEqual([]);
    });

    it(`streamText throws a TextgenError for textgen ${name}`, () => {
      expect(() => streamText({ ...valid, textgen: textgen as Textgen })).toThrow(TextgenError);
      expect(() => streamText({ ...valid, textgen: textgen as Textgen })).toThrow(
        /^textgen: textgen (is|could not be read) /,
      );
      expect(mock.calls).toEqual([]);
    });
  }

  it('generateText rejects (never throws) for an input that is not an object', async () => {
    for (const input of [null, undefined, 5, 'prompt']) {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = generateText(input as never);
      }).not.toThrow();
      await expect(promise).rejects.toSatisfy(
        (error) => TextgenError.isInstance(error) && /^textgen: pass an input object/.test((error as Error).message),
      );
    }
    expect(() => streamText(null as never)).toThrow(/^textgen: pass an input object/);
    expect(mock.calls).toEqual([]);
  });

  it('a huge string is shortened in the message, not copied into it', async () => {
    const model = `${' '.repeat(1_000_000)}`;
    const error = await createMockTextgen()
      .generateText({ ...valid, model })
      .catch((failure: unknown) => failure);
    expect(TextgenError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^textgen: model is " {20,}…" \(1000000 characters\); pass the aitre model id/,
    );
    expect((error as Error).message.length).toBeLessThan(300);
  });

  it('no input error is worded as if a response had been read', async () => {
    const inputs = badInputs.map(({ input }) => input);
    for (const input of inputs) {
      const error = await createMockTextgen()
        .generateText(input as TextgenCallInput)
        .catch((failure: unknown) => failure);
      expect((error as Error).message).not.toMatch(/could not be read: |response/i);
    }
  });
});
