import type { VendorHooks } from '@textgen/core/internal';
import type { components } from './generated/schema';

/*
 * AITRE's hand-written code: what its spec cannot say. Everything else in the client is generated from
 * specs/aitre.yaml.
 */

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
  const label =
    typeof code === 'string' && code !== '' ? code : typeof type === 'string' && type !== '' ? type : undefined;
  return label === undefined ? message : `${message} [${label}]`;
}

/**
 * The rate-limit state OpenAI-format servers report on every response (`x-ratelimit-*`). Each field is undefined when
 * its header is absent or unreadable: whether AITRE forwards these headers is unconfirmed (spec `x-vendor-quirks`).
 */
export interface AitreRateLimit {
  /** `x-ratelimit-limit-requests`: requests allowed per window. */
  limitRequests: number | undefined;
  /** `x-ratelimit-limit-tokens`: tokens allowed per window. */
  limitTokens: number | undefined;
  /** `x-ratelimit-remaining-requests`. */
  remainingRequests: number | undefined;
  /** `x-ratelimit-remaining-tokens`. */
  remainingTokens: number | undefined;
  /** `x-ratelimit-reset-requests` as sent, a Go duration such as `6m0s`. */
  resetRequests: string | undefined;
  /** `resetRequests` in milliseconds; undefined when it is not a valid Go duration. */
  resetRequestsMs: number | undefined;
  /** `x-ratelimit-reset-tokens` as sent, a Go duration such as `12ms`. */
  resetTokens: string | undefined;
  /** `resetTokens` in milliseconds; undefined when it is not a valid Go duration. */
  resetTokensMs: number | undefined;
}

/** Reads the `x-ratelimit-*` headers of a response (e.g. from `.withResponse()` or `APIError.headers`). */
export function readRateLimit(headers: Headers): AitreRateLimit {
  const resetRequests = headers.get('x-ratelimit-reset-requests') ?? undefined;
  const resetTokens = headers.get('x-ratelimit-reset-tokens') ?? undefined;
  return {
    limitRequests: readCount(headers.get('x-ratelimit-limit-requests')),
    limitTokens: readCount(headers.get('x-ratelimit-limit-tokens')),
    remainingRequests: readCount(headers.get('x-ratelimit-remaining-requests')),
    remainingTokens: readCount(headers.get('x-ratelimit-remaining-tokens')),
    resetRequests,
    resetRequestsMs: resetRequests === undefined ? undefined : parseGoDurationMs(resetRequests),
    resetTokens,
    resetTokensMs: resetTokens === undefined ? undefined : parseGoDurationMs(resetTokens),
  };
}

function readCount(value: string | null): number | undefined {
  // Number('') is 0, so an empty header would otherwise read as "nothing remaining".
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

const millisecondsPerUnit: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3, // U+00B5 MICRO SIGN
  μs: 1e-3, // U+03BC GREEK SMALL LETTER MU; Go's ParseDuration accepts both
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const durationTerm = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * Milliseconds in a Go `time.Duration` string (`12ms`, `1.5s`, `6m0s`, `1h2m3.5s`), the format OpenAI uses for
 * `x-ratelimit-reset-*`. Follows Go's `ParseDuration`: an optional sign, then one or more number+unit terms, or a bare
 * `0`. Returns undefined for anything else.
 */
export function parseGoDurationMs(duration: string): number | undefined {
  let rest = duration.trim();
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  durationTerm.lastIndex = 0;
  while (durationTerm.lastIndex < rest.length) {
    const match = durationTerm.exec(rest);
    if (match === null) return undefined;
    total += Number(match[1]) * millisecondsPerUnit[match[2]!]!;
  }
  // Go truncates to whole nanoseconds; rounding to 6 decimals of a millisecond removes float noise like
  // 1.2000000000000002.
  return (sign * Math.round(total * 1e6)) / 1e6;
}

/** What the generated client asks of AITRE: its error reading. Its operation needs no other hook. */
export const aitreHooks = {
  errorMessageFromBody: readAitreErrorMessage,
} satisfies VendorHooks;
