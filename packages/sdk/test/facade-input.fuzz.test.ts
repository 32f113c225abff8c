import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APIError,
  createTextgen,
  generateText,
  streamText,
  TextgenError,
  type Textgen,
  type TextgenProvider,
} from '../src/index';

/**
 * Random input for every field of generateText and streamText, over every vendor, against stub fetches that count
 * requests and answer like each vendor. The contract under test (README "Errors"):
 * - generateText never throws; it rejects with a TextgenError;
 * - streamText throws only a TextgenError, at once, for bad input; its promises reject only with TextgenErrors;
 * - an input error (a TextgenError that is not an APIError) means no request was sent;
 * - input that breaks a documented rule of a field is an input error that names the field.
 * Fixed seeds keep the runs the same on every machine.
 */
const seed = 20_261_129;
const providers: TextgenProvider[] = ['wetrocloud', 'edenai', 'worqhat', 'aitre'];
const roles = ['system', 'user', 'assistant'];
const models: Record<TextgenProvider, string> = {
  wetrocloud: 'gpt-4o',
  edenai: 'openai',
  worqhat: 'aicon-v4-nano-160824',
  aitre: 'gpt-3.5-turbo-instruct',
};

// ---- stub vendors -------------------------------------------------------------------------------------------------

let requests = 0;

const jsonAnswers: Record<TextgenProvider, unknown> = {
  wetrocloud: { response: 'Hello', tokens: 3, success: true },
  edenai: { openai: { status: 'success', generated_text: 'Hello', message: [] } },
  worqhat: { content: 'Hello', processingId: 'p-1' },
  aitre: {
    id: 'c',
    object: 'text_completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, text: 'Hello', finish_reason: 'stop', logprobs: null }],
  },
};
const streamChunks: Record<TextgenProvider, unknown> = {
  wetrocloud: { response: 'Hello', success: true },
  edenai: { text: 'Hello', blocked: false, provider: 'openai' },
  worqhat: { content: 'Hello' },
  aitre: {
    id: 'c',
    object: 'text_completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, text: 'Hello', finish_reason: 'stop', logprobs: null }],
  },
};

function answer(provider: TextgenProvider, stream: boolean): Response {
  if (!stream)
    return new Response(JSON.stringify(jsonAnswers[provider]), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  const chunk = JSON.stringify(streamChunks[provider]);
  const ndjson = provider === 'wetrocloud' || provider === 'edenai';
  const body = ndjson ? `${chunk}\n` : `data: ${chunk}\n\ndata: [DONE]\n\n`;
  return new Response(body, {
    status: 200,
    headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'text/event-stream' },
  });
}

function stubTextgen(stream: boolean): Textgen {
  const options = (provider: TextgenProvider) => ({
    apiKey: `test-key-${provider}`,
    baseURL: `http://${provider}.stub.invalid`,
    maxRetries: 0,
    logLevel: 'off' as const,
    fetch: async () => {
      requests += 1;
      return answer(provider, stream);
    },
  });
  return createTextgen({
    wetrocloud: options('wetrocloud'),
    edenai: options('edenai'),
    worqhat: options('worqhat'),
    aitre: options('aitre'),
  });
}

const jsonTextgen = stubTextgen(false);
const streamTextgen = stubTextgen(true);

// ---- hostile values -----------------------------------------------------------------------------------------------

const prototypeKeys = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'length'];
const hugeString = 'x'.repeat(2 ** 20);

function throwingGetterObject(): object {
  const value = {};
  Object.defineProperty(value, 'role', {
    enumerable: true,
    get: () => {
      throw new Error('getter failed');
    },
  });
  return value;
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

// fast-check asks every generated value whether it can be cloned (`in`), which a revoked Proxy refuses; it is
// generated as this marker and made where the value is put into the input.
const revokedProxyMarker = Symbol('a revoked Proxy');
function materialize(value: unknown): unknown {
  return value === revokedProxyMarker ? revokedProxy() : value;
}

const trapsThrow = new Proxy(
  {},
  {
    get: () => {
      throw new Error('get trap');
    },
    ownKeys: () => {
      throw new Error('ownKeys trap');
    },
    getPrototypeOf: () => {
      throw new Error('getPrototypeOf trap');
    },
    getOwnPropertyDescriptor: () => {
      throw new Error('descriptor trap');
    },
  },
);

const abortedSignal = AbortSignal.abort(new Error('aborted before the call'));

const specialValues = fc.constantFrom<unknown>(
  hugeString,
  ` ${'\u200b'.repeat(1000)} `,
  10n,
  -0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MIN_VALUE,
  2 ** 53 + 2,
  Symbol('fuzz'),
  Symbol.iterator,
  () => 'a function',
  new AbortController().signal,
  abortedSignal,
  new Date(0),
  new Map([['a', 1]]),
  /regexp/,
  new Error('an error'),
  Object.create(null) as object,
  Object.freeze({ role: 'user', content: 'frozen' }),
  trapsThrow,
  revokedProxyMarker,
  new Proxy({}, {}),
  new Proxy([{ role: 'user', content: 'Hi' }], {}),
  throwingGetterObject(),
  { aborted: false, addEventListener() {}, removeEventListener() {} },
  { generateText: () => 'not a promise', streamText: 'no' },
);

const key = fc.oneof(fc.string(), fc.constantFrom(...prototypeKeys));
const anything = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.anything({
      key,
      maxDepth: 3,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    }),
  },
  { weight: 2, arbitrary: specialValues },
);

/** Values shaped like each field, with hostile parts inside, so the checks below the top level are reached too. */
const shapedValues: Record<string, fc.Arbitrary<unknown>> = {
  messages: fc.array(
    fc.oneof(
      fc.record({ role: fc.oneof(fc.constantFrom(...roles), anything), content: fc.oneof(fc.string(), anything) }),
      anything,
    ),
    { maxLength: 4 },
  ),
  providerOptions: fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...providers), key), fc.dictionary(key, anything, { maxKeys: 4 }), {
      maxKeys: 3,
    }),
    fc
      .constantFrom(...providers)
      .chain((provider) => fc.dictionary(key, anything, { maxKeys: 4 }).map((options) => ({ [provider]: options }))),
    fc.record({ edenai: fc.record({ providers: anything, fallback_providers: anything }, { requiredKeys: [] }) }),
    fc.record({ worqhat: fc.record({ modelType: anything, modelId: anything }, { requiredKeys: [] }) }),
  ),
  headers: fc.dictionary(key, fc.oneof(fc.string(), anything), { maxKeys: 4 }),
};

const fields = [
  'provider',
  'model',
  'messages',
  'prompt',
  'system',
  'temperature',
  'maxOutputTokens',
  'providerOptions',
  'signal',
  'maxRetries',
  'timeout',
  'headers',
  'textgen',
] as const;
type Field = (typeof fields)[number];

type FieldChange = { kind: 'value'; value: unknown } | { kind: 'throwing-getter' } | { kind: 'absent' };

function fieldChange(field: Field): fc.Arbitrary<FieldChange> {
  const values = shapedValues[field] === undefined ? anything : fc.oneof(anything, shapedValues[field]);
  return fc.oneof(
    { weight: 8, arbitrary: values.map((value): FieldChange => ({ kind: 'value', value })) },
    { weight: 1, arbitrary: fc.constant<FieldChange>({ kind: 'throwing-getter' }) },
    { weight: 1, arbitrary: fc.constant<FieldChange>({ kind: 'absent' }) },
  );
}

type Wrapping = 'plain' | 'proxy' | 'inherited' | 'null-prototype';

function applyChange(target: Record<string, unknown>, field: string, change: FieldChange): void {
  switch (change.kind) {
    case 'absent':
      delete target[field];
      return;
    case 'value':
      Object.defineProperty(target, field, {
        value: materialize(change.value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return;
    case 'throwing-getter':
      Object.defineProperty(target, field, {
        enumerable: true,
        configurable: true,
        get: () => {
          throw new Error(`reading ${field} failed`);
        },
      });
      return;
    default: {
      const unknownChange: never = change;
      throw new Error(`unknown change ${JSON.stringify(unknownChange)}`);
    }
  }
}

function wrap(target: Record<string, unknown>, wrapping: Wrapping): unknown {
  switch (wrapping) {
    case 'plain':
      return target;
    case 'proxy':
      return new Proxy(target, {});
    case 'inherited':
      return Object.create(target) as unknown;
    case 'null-prototype':
      return Object.defineProperties(Object.create(null) as object, Object.getOwnPropertyDescriptors(target));
    default: {
      const unknownWrapping: never = wrapping;
      throw new Error(`unknown wrapping ${String(unknownWrapping)}`);
    }
  }
}

/** An input that is not built from the base one; unwrapped (and materialized) only when the call is made. */
class WholeInput {
  constructor(readonly value: unknown) {}
}

function unwrapInput(generated: unknown): unknown {
  return generated instanceof WholeInput ? materialize(generated.value) : generated;
}

function baseInput(provider: TextgenProvider, textgen: Textgen): Record<string, unknown> {
  return { provider, model: models[provider], prompt: 'Hi', textgen };
}

const anyInput = (textgen: Textgen) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc
        .record({
          provider: fc.constantFrom(...providers),
          changes: fc.array(
            fc.constantFrom(...fields).chain((field) => fieldChange(field).map((change) => ({ field, change }))),
            { minLength: 1, maxLength: 3 },
          ),
          wrapping: fc.constantFrom<Wrapping>('plain', 'plain', 'proxy', 'inherited', 'null-prototype'),
        })
        .map(({ provider, changes, wrapping }) => {
          const target = baseInput(provider, textgen);
          for (const { field, change } of changes) applyChange(target, field, change);
          return wrap(target, wrapping);
        }),
    },
    // The input itself replaced: primitives, arrays, Proxies, revoked Proxies...
    { weight: 1, arbitrary: anything.map((value) => new WholeInput(value)) },
  );

// ---- checks -------------------------------------------------------------------------------------------------------

const runDeadlineMs = 10_000;

/** Settles within a deadline, so a call that never ends fails the property instead of hanging the file. */
async function settle(
  promise: Promise<unknown>,
): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${runDeadlineMs} ms`)), runDeadlineMs);
  });
  try {
    return { ok: true, value: await Promise.race([promise, deadline]) };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('did not settle')) throw error;
    return { ok: false, error };
  } finally {
    clearTimeout(timer);
  }
}

function isInputError(error: unknown): boolean {
  return TextgenError.isInstance(error) && !APIError.isInstance(error);
}

function describeFailure(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : typeof error;
  } catch {
    return 'an unreadable error';
  }
}

async function checkGenerateText(generated: unknown): Promise<void> {
  const input = unwrapInput(generated);
  const before = requests;
  let promise: Promise<unknown>;
  try {
    promise = generateText(input as never);
  } catch (error) {
    throw new Error(`generateText threw synchronously: ${describeFailure(error)}`);
  }
  const outcome = await settle(promise);
  if (outcome.ok) {
    expect(typeof (outcome.value as { text: unknown }).text).toBe('string');
    return;
  }
  expect(TextgenError.isInstance(outcome.error), describeFailure(outcome.error)).toBe(true);
  if (isInputError(outcome.error))
    expect(requests, `a request was sent for: ${describeFailure(outcome.error)}`).toBe(before);
}

async function checkStreamText(generated: unknown): Promise<void> {
  const input = unwrapInput(generated);
  const before = requests;
  let result: ReturnType<typeof streamText>;
  try {
    result = streamText(input as never);
  } catch (error) {
    expect(isInputError(error), `streamText threw ${describeFailure(error)}`).toBe(true);
    expect(requests, `a request was sent for: ${describeFailure(error)}`).toBe(before);
    return;
  }
  const outcome = await settle(result.text);
  if (outcome.ok) {
    expect(typeof outcome.value).toBe('string');
    return;
  }
  expect(TextgenError.isInstance(outcome.error), describeFailure(outcome.error)).toBe(true);
  if (isInputError(outcome.error))
    expect(requests, `a request was sent for: ${describeFailure(outcome.error)}`).toBe(before);
}

// ---- the oracle: each field's documented rule, written from the types' docs, not from the code under test ----------

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether `value` follows the rule of `field`, for an input that is otherwise `{ provider, model, prompt }`. */
function followsRule(field: Field, value: unknown, provider: TextgenProvider): boolean {
  switch (field) {
    case 'provider':
      return typeof value === 'string' && providers.includes(value as TextgenProvider);
    case 'model':
      return typeof value === 'string' && value.trim() !== '';
    case 'prompt':
      return typeof value === 'string' && value.trim() !== '';
    case 'messages': {
      if (!Array.isArray(value) || value.length === 0) return false;
      const valid = value.every(
        (message: unknown) =>
          isPlainObject(message) && roles.includes(message.role as string) && typeof message.content === 'string',
      );
      if (!valid) return false;
      const last = (value as { role: string }[]).filter((message) => message.role !== 'system').at(-1);
      return provider === 'edenai' || provider === 'worqhat' ? last?.role === 'user' : true;
    }
    case 'system':
      return value === undefined || typeof value === 'string';
    case 'temperature':
      return value === undefined || (typeof value === 'number' && value >= 0 && value <= 2);
    case 'maxOutputTokens':
      return value === undefined || (Number.isInteger(value) && (value as number) >= 1);
    case 'maxRetries':
      return value === undefined || (Number.isSafeInteger(value) && (value as number) >= 0);
    case 'timeout':
      return value === undefined || (typeof value === 'number' && value > 0);
    case 'signal':
      try {
        // The `aborted` getter with the value as `this` throws unless the value is a real AbortSignal.
        Reflect.get(AbortSignal.prototype, 'aborted', value);
        return true;
      } catch {
        return value === undefined;
      }
    case 'headers':
      if (value === undefined) return true;
      if (!isPlainObject(value)) return false;
      return Object.entries(value).every(([name, headerValue]) => {
        if (typeof headerValue !== 'string') return false;
        try {
          new Headers([[name, headerValue]]);
          return true;
        } catch {
          return false;
        }
      });
    case 'textgen':
      return (
        value === undefined ||
        (typeof value === 'object' &&
          value !== null &&
          typeof (value as Textgen).generateText === 'function' &&
          typeof (value as Textgen).streamText === 'function')
      );
    case 'providerOptions':
      // Not judged here: its invalid values are built below, and any other value may be sent as the vendor's raw
      // fields.
      return true;
    default: {
      const unknownField: never = field;
      throw new Error(`no rule for ${String(unknownField)}`);
    }
  }
}

function safelyFollowsRule(field: Field, value: unknown, provider: TextgenProvider): boolean {
  try {
    return followsRule(field, value, provider);
  } catch {
    // A value the oracle cannot even read (a Proxy whose traps throw) follows no rule.
    return false;
  }
}

/** A value no JSON body can carry, somewhere inside otherwise plain providerOptions. */
const notJson = fc.constantFrom<unknown>(
  10n,
  Symbol('s'),
  () => 1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  new Date(0),
  new Map(),
  trapsThrow,
  revokedProxyMarker,
);
const invalidProviderOptions = fc.oneof(
  anything
    .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
    .filter((value) => value !== undefined),
  fc
    .record({ leaf: notJson, path: fc.array(fc.oneof(key, fc.nat(3)), { minLength: 1, maxLength: 4 }) })
    .map(({ leaf, path }) => {
      let value: unknown = materialize(leaf);
      for (const step of [...path].reverse()) {
        if (typeof step === 'number') {
          const list: unknown[] = Array.from({ length: step }, () => 'ok');
          list.push(value);
          value = list;
        } else {
          const record: Record<string, unknown> = {};
          Object.defineProperty(record, step, { value, enumerable: true, writable: true, configurable: true });
          value = record;
        }
      }
      return value;
    }),
);

const invalidChange = fc
  .record({ provider: fc.constantFrom(...providers), field: fc.constantFrom(...fields) })
  .chain(({ provider, field }) => {
    const values =
      field === 'providerOptions'
        ? invalidProviderOptions.map((options) => ({ [provider]: options }))
        : (shapedValues[field] === undefined ? anything : fc.oneof(anything, shapedValues[field])).filter(
            (value) => !safelyFollowsRule(field, value, provider),
          );
    const change = fc.oneof(
      { weight: 6, arbitrary: values.map((value): FieldChange => ({ kind: 'value', value })) },
      { weight: 1, arbitrary: fc.constant<FieldChange>({ kind: 'throwing-getter' }) },
    );
    return change.map((fieldChangeValue) => ({ provider, field, change: fieldChangeValue }));
  });

function invalidInput(options: {
  provider: TextgenProvider;
  field: Field;
  change: FieldChange;
  textgen: Textgen;
}): unknown {
  const target = baseInput(options.provider, options.textgen);
  // `messages` replaces `prompt`: giving both is an error of its own.
  if (options.field === 'messages') delete target.prompt;
  applyChange(target, options.field, options.change);
  return target;
}

function expectInputErrorNaming(error: unknown, field: Field): void {
  expect(isInputError(error), describeFailure(error)).toBe(true);
  const message = (error as Error).message;
  expect(message.startsWith('textgen: '), message).toBe(true);
  // Every message starts with "textgen: ", so for the `textgen` field the name must follow that prefix.
  if (field === 'textgen') expect(message).toMatch(/^textgen: textgen (is|could not be read) /);
  else expect(message, `the message names ${field}`).toContain(field);
  expect(message).not.toMatch(/response could not be read/i);
}

/**
 * fast-check's own report, with long runs of one character cut: a counterexample holding the 1 MiB string would
 * otherwise print all of it.
 */
function parameters(options: { seed: number; numRuns: number }): fc.Parameters<unknown> {
  return {
    ...options,
    reporter(details) {
      const report = fc.defaultReportMessage(details);
      if (report !== undefined)
        throw new Error(
          report.replace(
            /(.)\1{80,}/gs,
            (run: string, character: string) => `${character.repeat(20)}…(${run.length} times)`,
          ),
        );
    },
  };
}

// ---- properties ---------------------------------------------------------------------------------------------------

describe('facade input fuzzing (fast-check, fixed seed)', () => {
  it('generateText: 2,000 hostile inputs never throw, reject only with TextgenErrors, and send nothing for input errors', async () => {
    await fc.assert(fc.asyncProperty(anyInput(jsonTextgen), checkGenerateText), parameters({ seed, numRuns: 2000 }));
  });

  it('streamText: 2,000 hostile inputs throw only TextgenErrors, reject only with TextgenErrors, and send nothing for input errors', async () => {
    await fc.assert(
      fc.asyncProperty(anyInput(streamTextgen), checkStreamText),
      parameters({ seed: seed + 1, numRuns: 2000 }),
    );
  });

  it('input that breaks a field’s rule is an input error naming the field, with no request, from both functions', async () => {
    await fc.assert(
      fc.asyncProperty(invalidChange, async ({ provider, field, change }) => {
        const before = requests;
        const generated = await settle(
          generateText(invalidInput({ provider, field, change, textgen: jsonTextgen }) as never),
        );
        expect(generated.ok, `generateText accepted an invalid ${field}`).toBe(false);
        if (!generated.ok) expectInputErrorNaming(generated.error, field);
        let thrown: unknown;
        try {
          streamText(invalidInput({ provider, field, change, textgen: streamTextgen }) as never);
        } catch (error) {
          thrown = error;
        }
        expectInputErrorNaming(thrown, field);
        expect(requests).toBe(before);
      }),
      parameters({ seed: seed + 2, numRuns: 1000 }),
    );
  });

  it('valid input of every field is sent once and answered', async () => {
    const validFields = fc.record(
      {
        system: fc.string(),
        temperature: fc.double({ min: 0, max: 2, noNaN: true }),
        maxOutputTokens: fc.integer({ min: 1, max: 2 ** 31 }),
        maxRetries: fc.integer({ min: 0, max: 3 }),
        timeout: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 5_000, max: 600_000 })),
        headers: fc.dictionary(
          fc.stringMatching(/^x-fuzz-[a-z0-9-]{1,20}$/),
          fc.stringMatching(/^[\x21-\x7e]{0,40}$/),
          { maxKeys: 3 },
        ),
        signal: fc.constant(new AbortController().signal),
        providerOptions: fc.dictionary(
          fc.oneof(fc.stringMatching(/^x_fuzz_[a-z]{1,8}$/), fc.constantFrom('constructor', 'toString', '__proto__')),
          fc.jsonValue({ maxDepth: 3 }),
          { maxKeys: 3 },
        ),
      },
      { requiredKeys: [] },
    );
    const validInput = fc.record({
      provider: fc.constantFrom(...providers),
      turns: fc.oneof(
        {
          weight: 5,
          arbitrary: fc
            .string({ minLength: 1 })
            .filter((text) => text.trim() !== '')
            .map((prompt) => ({ prompt })),
        },
        { weight: 1, arbitrary: fc.constant({ prompt: hugeString }) },
        {
          weight: 5,
          arbitrary: fc
            .array(fc.record({ role: fc.constantFrom(...roles), content: fc.string() }), { maxLength: 4 })
            .map((earlier) => ({ messages: [...earlier, { role: 'user', content: 'Hi' }] })),
        },
      ),
      fields: validFields,
    });
    await fc.assert(
      fc.asyncProperty(validInput, async ({ provider, turns, fields: chosen }) => {
        const { providerOptions, ...rest } = chosen;
        const input = {
          provider,
          model: models[provider],
          ...turns,
          ...rest,
          ...(providerOptions === undefined ? {} : { providerOptions: { [provider]: providerOptions } }),
        };
        const before = requests;
        const generated = await settle(generateText({ ...input, textgen: jsonTextgen } as never));
        expect(generated.ok, generated.ok ? '' : describeFailure(generated.error)).toBe(true);
        const streamed = await settle(streamText({ ...input, textgen: streamTextgen } as never).text);
        expect(streamed.ok, streamed.ok ? '' : describeFailure(streamed.error)).toBe(true);
        expect(requests).toBe(before + 2);
      }),
      parameters({ seed: seed + 3, numRuns: 100 }),
    );
  });
});
