import { TextgenError } from '@textgen/core';
import type { NormalizedCall, TextgenCallInput, TextgenMessage, TextgenMessageRole, TextgenProvider } from './textgen-types';

// Records, so a new provider or role fails to compile here until it is listed.
const providers: Record<TextgenProvider, true> = { wetrocloud: true, edenai: true, worqhat: true, aitre: true };
const roles: Record<TextgenMessageRole, true> = { system: true, user: true, assistant: true };

export const textgenProviders = Object.keys(providers) as TextgenProvider[];

export function isTextgenProvider(value: unknown): value is TextgenProvider {
  return typeof value === 'string' && Object.hasOwn(providers, value);
}

function fail(message: string): never {
  throw new TextgenError(`textgen: ${message}`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function normalizeMessage(message: unknown, index: number): TextgenMessage {
  if (typeof message !== 'object' || message === null) {
    fail(`messages[${index}] is ${describe(message)}; each message must be an object { role, content }.`);
  }
  const { role, content } = message as { role?: unknown; content?: unknown };
  if (typeof role !== 'string' || !Object.hasOwn(roles, role)) {
    fail(`messages[${index}].role is ${describe(role)}; use one of ${Object.keys(roles).map((name) => `'${name}'`).join(', ')}.`);
  }
  if (typeof content !== 'string') {
    fail(`messages[${index}].content is ${describe(content)}; it must be a string (the text of the turn).`);
  }
  return { role: role as TextgenMessageRole, content };
}

function checkOptionalNumber(options: { name: string; value: unknown; check: (value: number) => boolean; expected: string }): number | undefined {
  const { name, value, check, expected } = options;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value) || !check(value)) {
    fail(`${name} is ${describe(value)}; it must be ${expected}.`);
  }
  return value;
}

/**
 * Checks the caller's input and puts it in the one shape adapters take. Throws a TextgenError naming the field and
 * the fix, before any client is made or request sent.
 */
export function normalizeCallInput(input: TextgenCallInput): NormalizedCall {
  if (typeof input !== 'object' || input === null) fail('pass an input object { provider, model, messages | prompt }.');
  const { provider, model, messages, prompt, system } = input;
  if (!isTextgenProvider(provider)) {
    fail(`provider is ${describe(provider)}; use one of ${textgenProviders.map((name) => `'${name}'`).join(', ')}.`);
  }
  if (typeof model !== 'string' || model.trim() === '') {
    fail(`model is ${describe(model)}; pass the ${provider} model id as a non-empty string.`);
  }
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
    if (typeof prompt !== 'string' || prompt.trim() === '') fail(`prompt is ${describe(prompt)}; pass the text to send as a non-empty string.`);
    conversation.push({ role: 'user', content: prompt });
  } else {
    if (!Array.isArray(messages)) fail(`messages is ${describe(messages)}; pass an array of { role, content } objects.`);
    if (messages.length === 0) fail('messages is empty; pass at least one message, e.g. [{ role: "user", content: "Hello" }].');
    messages.forEach((message, index) => conversation.push(normalizeMessage(message, index)));
  }

  const temperature = checkOptionalNumber({
    name: 'temperature',
    value: input.temperature,
    check: (value) => value >= 0 && value <= 2,
    expected: 'a number from 0 to 2 (the OpenAI scale; each adapter converts it)',
  });
  const maxOutputTokens = checkOptionalNumber({
    name: 'maxOutputTokens',
    value: input.maxOutputTokens,
    check: (value) => Number.isInteger(value) && value >= 1,
    expected: 'a whole number of at least 1',
  });
  // The same rules as core's client and request options, checked here so the error names the facade's field before a
  // client is made: NaN retries would never end the retry loop, and a zero, negative or NaN timeout fires at once.
  const maxRetries = checkOptionalNumber({
    name: 'maxRetries',
    value: input.maxRetries,
    check: (value) => Number.isSafeInteger(value) && value >= 0,
    expected: 'a whole number of retries, 0 or more (e.g. 2; 0 turns retries off)',
  });
  const timeout = checkOptionalNumber({
    name: 'timeout',
    value: input.timeout,
    check: (value) => value > 0,
    expected: 'a positive number of milliseconds per attempt (e.g. 60000), or Infinity for no time limit',
  });

  const allProviderOptions: unknown = input.providerOptions;
  if (allProviderOptions !== undefined && (typeof allProviderOptions !== 'object' || allProviderOptions === null || Array.isArray(allProviderOptions))) {
    fail(`providerOptions is ${describe(allProviderOptions)}; pass an object keyed by provider, e.g. { ${provider}: { ... } }.`);
  }
  const providerOptions: unknown = (allProviderOptions as Record<string, unknown> | undefined)?.[provider] ?? {};
  if (typeof providerOptions !== 'object' || providerOptions === null || Array.isArray(providerOptions)) {
    fail(`providerOptions.${provider} is ${describe(providerOptions)}; pass an object of raw ${provider} wire fields.`);
  }

  return {
    provider,
    model,
    messages: conversation,
    prompt,
    temperature,
    maxOutputTokens,
    providerOptions: providerOptions as Record<string, unknown>,
    requestOptions: { signal: input.signal, maxRetries, timeout, headers: input.headers },
  };
}
