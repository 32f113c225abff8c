import { TextgenError, type NormalizedCall, type TextgenMessage, type TextgenMessageRole } from '@textgen/core';
import type { TextgenCallInput } from './textgen-types';

// A record, so a new role fails to compile here until it is listed.
const roles: Record<TextgenMessageRole, true> = { system: true, user: true, assistant: true };

function fail(message: string): never {
  throw new TextgenError(`textgen: ${message}`);
}

const maxQuotedLength = 40;

/** A short, safe description of any value for a message: never the whole of a huge string, never a throw. */
export function describe(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= maxQuotedLength) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, maxQuotedLength)).slice(0, -1)}…" (${value.length} characters)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  if (typeof value === 'object') return isArray(value) ? 'an array' : 'an object';
  return `a ${typeof value}`;
}

/**
 * Array.isArray, which throws for a revoked Proxy; such a value is treated as not an array (it cannot be read anyway).
 */
function isArray(value: unknown): value is unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

const maxThrownLength = 100;

/** The message of an error the caller's own getter or Proxy threw, cut short; never a second throw. */
export function describeThrown(error: unknown): string {
  try {
    const text = error instanceof Error ? String(error.message) : describe(error);
    return text.length > maxThrownLength ? `${text.slice(0, maxThrownLength)}…` : text;
  } catch {
    return 'an error that cannot be read';
  }
}

/**
 * Reads one property. A getter or a Proxy trap that throws becomes a TextgenError naming the field, instead of the
 * caller's own error escaping from a call that promised TextgenErrors.
 */
function readField(source: object, key: string, path: string): unknown {
  try {
    return (source as Record<string, unknown>)[key];
  } catch (error) {
    fail(`${path} could not be read (${describeThrown(error)}); pass plain data, not a getter or Proxy that throws.`);
  }
}

function isPlainPrototype(prototype: unknown): boolean {
  return prototype === Object.prototype || prototype === null;
}

function isRecord(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !isArray(value);
}

function normalizeMessage(message: unknown, index: number): TextgenMessage {
  if (!isRecord(message)) {
    fail(`messages[${index}] is ${describe(message)}; each message must be an object { role, content }.`);
  }
  const role = readField(message, 'role', `messages[${index}].role`);
  const content = readField(message, 'content', `messages[${index}].content`);
  if (typeof role !== 'string' || !Object.hasOwn(roles, role)) {
    fail(
      `messages[${index}].role is ${describe(role)}; use one of ${Object.keys(roles)
        .map((name) => `'${name}'`)
        .join(', ')}.`,
    );
  }
  if (typeof content !== 'string') {
    fail(`messages[${index}].content is ${describe(content)}; it must be a string (the text of the turn).`);
  }
  return { role: role as TextgenMessageRole, content };
}

function normalizeMessages(messages: unknown): TextgenMessage[] {
  if (!isArray(messages)) fail(`messages is ${describe(messages)}; pass an array of { role, content } objects.`);
  const length = readField(messages, 'length', 'messages.length');
  if (length === 0) fail('messages is empty; pass at least one message, e.g. [{ role: "user", content: "Hello" }].');
  if (!Number.isSafeInteger(length) || (length as number) < 0)
    fail('messages has no usable length; pass a plain array.');
  const normalized: TextgenMessage[] = [];
  for (let index = 0; index < (length as number); index += 1) {
    normalized.push(normalizeMessage(readField(messages, String(index), `messages[${index}]`), index));
  }
  return normalized;
}

function checkOptionalNumber(options: {
  name: string;
  value: unknown;
  check: (value: number) => boolean;
  expected: string;
}): number | undefined {
  const { name, value, check, expected } = options;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value) || !check(value)) {
    fail(`${name} is ${describe(value)}; it must be ${expected}.`);
  }
  return value;
}

function checkSignal(value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  try {
    // The brand check of AbortSignal: its `aborted` getter, run with the value as `this`, throws for anything that is
    // not a signal (a look-alike object whose methods core would call later, inside the request).
    Reflect.get(AbortSignal.prototype, 'aborted', value);
    return value as AbortSignal;
  } catch {
    fail(
      `signal is ${describe(value)}; pass an AbortSignal (e.g. new AbortController().signal or AbortSignal.timeout(ms)), or leave it out.`,
    );
  }
}

function checkHeaders(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value))
    fail(
      `headers is ${describe(value)}; pass an object of header names to string values, e.g. { 'x-trace-id': 'abc' }.`,
    );
  let names: string[];
  try {
    // A Map or a Headers has no own keys to read, so its entries would be dropped without a word.
    if (!isPlainPrototype(Object.getPrototypeOf(value))) {
      fail(
        'headers is an object of a class (a Map, Headers...); pass a plain object of header names to string values.',
      );
    }
    names = Object.keys(value);
  } catch (error) {
    if (TextgenError.isInstance(error)) throw error;
    fail(`headers could not be read (${describeThrown(error)}); pass a plain object.`);
  }
  const headers: Record<string, string> = {};
  for (const name of names) {
    const path = `headers[${describe(name)}]`;
    const headerValue = readField(value, name, path);
    if (typeof headerValue !== 'string') fail(`${path} is ${describe(headerValue)}; header values must be strings.`);
    try {
      // The platform's own rules (a token for the name; no line breaks or characters beyond Latin-1 in the value):
      // checked now, because fetch would throw them only once the request is being built.
      new Headers([[name, headerValue]]);
    } catch {
      fail(
        `${path} is not a valid HTTP header: the name must be a token (letters, digits, -), and the value a single line of Latin-1 text.`,
      );
    }
    Object.defineProperty(headers, name, { value: headerValue, enumerable: true, writable: true, configurable: true });
  }
  return headers;
}

const maxJsonDepth = 64;

/**
 * A plain-data copy of raw wire fields, or a TextgenError naming the first value no JSON body can carry. The copy is
 * what gets sent, so a getter or Proxy of the caller's is read once, here, and never again while serializing.
 */
function copyJsonObject(root: object, rootPath: string): Record<string, unknown> {
  const inProgress = new Set<object>();
  const copy = (value: unknown, path: string, depth: number): unknown => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        fail(`${path} is ${describe(value)}; raw wire fields must be JSON values, and JSON has no ${describe(value)}.`);
      return value;
    }
    if (typeof value !== 'object') {
      fail(
        `${path} is ${describe(value)}; raw wire fields must be JSON values (string, finite number, boolean, null, array or plain object).`,
      );
    }
    if (depth > maxJsonDepth) fail(`${path} nests deeper than ${maxJsonDepth} levels; no vendor takes such a body.`);
    if (inProgress.has(value)) fail(`${path} refers back to itself; JSON cannot hold a cycle.`);
    let prototype: unknown;
    try {
      prototype = Object.getPrototypeOf(value);
    } catch (error) {
      fail(`${path} could not be read (${describeThrown(error)}); pass plain data, not a Proxy that throws.`);
    }
    const array = isArray(value);
    if (!array && !isPlainPrototype(prototype)) {
      fail(
        `${path} is ${describe(value)} of a class (a Date, Map, class instance...); raw wire fields must be plain JSON data.`,
      );
    }
    inProgress.add(value);
    let keys: string[];
    try {
      keys = Object.keys(value);
    } catch (error) {
      fail(`${path} could not be read (${describeThrown(error)}); pass plain data, not a Proxy that throws.`);
    }
    let result: unknown;
    if (array) {
      const length = readField(value, 'length', `${path}.length`) as number;
      const list: unknown[] = [];
      for (let index = 0; index < length; index += 1) {
        const item = readField(value, String(index), `${path}[${index}]`);
        if (item === undefined) fail(`${path}[${index}] is undefined; JSON has no undefined (use null).`);
        list.push(copy(item, `${path}[${index}]`, depth + 1));
      }
      result = list;
    } else {
      const record: Record<string, unknown> = {};
      for (const key of keys) {
        const itemPath = `${path}.${key}`;
        const item = readField(value, key, itemPath);
        // Left out, as JSON.stringify does: `{ temperature: undefined }` from a spread means "not set".
        if (item === undefined) continue;
        // defineProperty, not assignment: a `__proto__` key must stay a plain key of the copy.
        Object.defineProperty(record, key, {
          value: copy(item, itemPath, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      result = record;
    }
    inProgress.delete(value);
    return result;
  };
  return copy(root, rootPath, 0) as Record<string, unknown>;
}

function checkProviderOptions(value: unknown, provider: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    fail(`providerOptions is ${describe(value)}; pass an object keyed by provider, e.g. { ${provider}: { ... } }.`);
  }
  const providerOptions = readField(value, provider, `providerOptions.${provider}`);
  if (providerOptions === undefined) return {};
  if (!isRecord(providerOptions)) {
    fail(
      `providerOptions.${provider} is ${describe(providerOptions)}; pass an object of raw ${provider} wire fields, or leave it out.`,
    );
  }
  return copyJsonObject(providerOptions, `providerOptions.${provider}`);
}

/**
 * Checks the caller's input and puts it in the one shape providers take. `providerNames` are the names `provider`
 * may take. Throws a TextgenError naming the field and the fix, before any client is made or request sent.
 */
export function normalizeCallInput(input: TextgenCallInput<string>, providerNames: readonly string[]): NormalizedCall {
  if (!isRecord(input)) fail('pass an input object { provider, model, messages | prompt }.');
  // A revoked Proxy passes the checks above and fails on every read; say so once, for the input as a whole.
  try {
    Reflect.getPrototypeOf(input);
  } catch (error) {
    fail(
      `the input could not be read (${describeThrown(error)}); pass a plain object { provider, model, messages | prompt }.`,
    );
  }
  const field = (name: keyof TextgenCallInput<string>): unknown => readField(input, name, name);
  const provider = field('provider');
  if (typeof provider !== 'string' || !providerNames.includes(provider)) {
    fail(`provider is ${describe(provider)}; use one of ${providerNames.map((name) => `'${name}'`).join(', ')}.`);
  }
  const model = field('model');
  if (typeof model !== 'string' || model.trim() === '') {
    fail(`model is ${describe(model)}; pass the ${provider} model id as a non-empty string.`);
  }
  const messages = field('messages');
  const prompt = field('prompt');
  const system = field('system');
  if (messages !== undefined && prompt !== undefined) {
    fail('both messages and prompt were given; pass only one (prompt is a shortcut for one user message).');
  }
  if (messages === undefined && prompt === undefined) {
    fail('neither messages nor prompt was given; pass messages: [{ role: "user", content: "..." }] or prompt: "...".');
  }
  if (system !== undefined && typeof system !== 'string') fail(`system is ${describe(system)}; it must be a string.`);

  const conversation: TextgenMessage[] = [];
  if (system !== undefined) conversation.push({ role: 'system', content: system });
  if (prompt !== undefined) {
    if (typeof prompt !== 'string' || prompt.trim() === '')
      fail(`prompt is ${describe(prompt)}; pass the text to send as a non-empty string.`);
    conversation.push({ role: 'user', content: prompt });
  } else {
    conversation.push(...normalizeMessages(messages));
  }

  const temperature = checkOptionalNumber({
    name: 'temperature',
    value: field('temperature'),
    check: (value) => value >= 0 && value <= 2,
    expected: 'a number from 0 to 2 (the OpenAI scale; each provider converts it)',
  });
  const maxOutputTokens = checkOptionalNumber({
    name: 'maxOutputTokens',
    value: field('maxOutputTokens'),
    check: (value) => Number.isInteger(value) && value >= 1,
    expected: 'a whole number of at least 1',
  });
  // The same rules as core's client and request options, checked here so the error names the facade's field before a
  // client is made: NaN retries would never end the retry loop, and a zero, negative or NaN timeout fires at once.
  const maxRetries = checkOptionalNumber({
    name: 'maxRetries',
    value: field('maxRetries'),
    check: (value) => Number.isSafeInteger(value) && value >= 0,
    expected: 'a whole number of retries, 0 or more (e.g. 2; 0 turns retries off)',
  });
  const timeout = checkOptionalNumber({
    name: 'timeout',
    value: field('timeout'),
    check: (value) => value > 0,
    expected: 'a positive number of milliseconds per attempt (e.g. 60000), or Infinity for no time limit',
  });
  const providerOptions = checkProviderOptions(field('providerOptions'), provider);
  const signal = checkSignal(field('signal'));
  const headers = checkHeaders(field('headers'));

  return {
    provider,
    model,
    messages: conversation,
    prompt,
    temperature,
    maxOutputTokens,
    providerOptions,
    requestOptions: { signal, maxRetries, timeout, headers },
  };
}
