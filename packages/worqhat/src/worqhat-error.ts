import type { components } from './generated/schema';

/** WorqHat's error envelope. v4 documents none; the spec infers it from the legacy Node SDK. */
export type WorqhatErrorBody = components['schemas']['WorqHatError'];

/**
 * Reads a message out of a WorqHat error body, e.g. `{message: "Bad Request", error: {message: "question is required"}}`
 * gives `Bad Request: question is required`. The legacy SDK reads `error` (a string, or an object with `message`), so the
 * detail is looked for there and the top-level `message` is kept as its heading.
 */
export function readWorqhatErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { message, error } = body as WorqhatErrorBody;
  const heading = typeof message === 'string' && message.trim() !== '' ? message : undefined;
  const nested = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  const detail = typeof nested === 'string' && nested.trim() !== '' ? nested : undefined;
  if (heading !== undefined && detail !== undefined && heading !== detail) return `${heading}: ${detail}`;
  return detail ?? heading;
}
