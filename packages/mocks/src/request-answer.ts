import type { ValidationIssue } from './request-validator';

/**
 * What a request-aware answer builder returns: a JSON body, stream payloads (framed by the caller in the media type's
 * framing), or a vendor error the real API gives for a request that is schema-valid but breaks a documented rule.
 */
export type RequestAnswer =
  | { kind: 'json'; body: unknown }
  | { kind: 'stream'; payloads: unknown[] }
  | { kind: 'error'; status: number; body: unknown };

/**
 * Everything an answer builder reads, and the few mock services it may call. A vendor's builder lives in its own
 * package (`packages/<vendor>/mock/`) and imports only types from here, so the services come in through this object
 * instead of a runtime import that would make the two packages depend on each other.
 */
export interface AnswerContext {
  operationId: string;
  /** The request body as validated (JSON, or a multipart form with its JSON parts decoded). */
  body: Record<string, unknown>;
  /** The first example of the chosen media type, the starting point of the answer. */
  example: unknown;
  /** Every example of that media type, in spec order: some rules pick the one that fits the request. */
  examples: unknown[];
  /** The JSON payloads of a stream example, in order, terminator left out. */
  streamPayloadsOf(example: unknown): unknown[];
  wantsStream: boolean;
  /** A short, stable digest of a text, for ids the mock makes up from the request (see `stableDigest`). */
  stableDigest(text: string): string;
  /** The vendor's 400 body for these issues, in the shape its spec names (`x-textgen-mock.validationErrorBody`). */
  validationErrorBody(issues: ValidationIssue[]): unknown;
}

/**
 * A short, stable digest of a string (32-bit FNV-1a, hex): ids the mock makes up (a new conversation id) depend only
 * on the request, so the same request always gets the same answer.
 */
export function stableDigest(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
