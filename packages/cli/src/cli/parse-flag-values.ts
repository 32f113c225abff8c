import { InvalidArgumentError } from 'commander';

// Flag values are checked here, as commander parses them, so the message names the flag the user typed
// ("option '--temperature <number>' argument '3' is invalid. ...") rather than the facade field it becomes.

// Plain decimals only: Number() would also take "0x1", "1e0", "Infinity" and " 1 ", none of which a user means.
const plainDecimal = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const digitsOnly = /^\d+$/;

/** `--temperature`: a plain decimal number from 0 to 2 (the facade's OpenAI scale). */
export function parseTemperature(value: string): number {
  const parsed = Number(value);
  if (!plainDecimal.test(value) || parsed > 2)
    throw new InvalidArgumentError('It must be a plain decimal number from 0 to 2, e.g. 0.7.');
  return parsed;
}

/** `--max-output-tokens`: a whole number of at least 1. */
export function parseMaxOutputTokens(value: string): number {
  const parsed = Number(value);
  if (!digitsOnly.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('It must be a whole number of at least 1, e.g. 256.');
  }
  return parsed;
}

/** The CLI's per-attempt timeout: a person waits a minute, not the library's ten. */
export const defaultCliTimeoutMs = 60_000;

/**
 * `--timeout`: whole milliseconds per attempt, at least 1 (a unit such as "30s" is refused, so "30" never means 30 s).
 */
export function parseTimeout(value: string): number {
  const parsed = Number(value);
  if (!digitsOnly.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('It must be a whole number of milliseconds of at least 1, e.g. 30000 for 30 s.');
  }
  return parsed;
}

/** `--max-retries`: a whole number of retries after the first attempt, 0 or more. */
export function parseMaxRetries(value: string): number {
  const parsed = Number(value);
  if (!digitsOnly.test(value) || !Number.isSafeInteger(parsed)) {
    throw new InvalidArgumentError('It must be a whole number of retries, 0 or more, e.g. 0 to try only once.');
  }
  return parsed;
}

/** `--port`: 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const parsed = Number(value);
  if (!digitsOnly.test(value) || parsed > 65_535)
    throw new InvalidArgumentError('It must be a port number from 0 to 65535 (0 picks a free one).');
  return parsed;
}

/** Whether `value` is an absolute http(s) URL; `new URL('localhost:4010')` parses, with the protocol `localhost:`. */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** `--base-url`: an absolute http(s) URL. */
export function parseBaseUrl(value: string): string {
  if (!isHttpUrl(value))
    throw new InvalidArgumentError('It must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:4010/v1.');
  return value;
}
