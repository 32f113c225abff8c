import type { components } from './generated/schema';

/** OpenAI's error envelope, which AITRE returns unchanged: `{error: {message, type, param, code}}`. */
export type AitreErrorResponse = components['schemas']['ErrorResponse'];

/** The `error` member of the envelope. */
export type AitreErrorDetail = components['schemas']['Error'];

/**
 * The readable message of an AITRE error body, with its machine code (or type) appended so callers can search for it:
 * `Rate limit reached ... [rate_limit_exceeded]`. Returns undefined for any other shape, so core falls back to its
 * generic reading (the mock's own problem bodies, proxies' HTML pages).
 */
export function readAitreErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = body.error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { message, code, type } = error as Partial<Record<keyof AitreErrorDetail, unknown>>;
  if (typeof message !== 'string') return undefined;
  const label = typeof code === 'string' && code !== '' ? code : typeof type === 'string' && type !== '' ? type : undefined;
  return label === undefined ? message : `${message} [${label}]`;
}
