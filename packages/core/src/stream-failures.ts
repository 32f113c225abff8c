import type { Redactor } from './redact-secret';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, type APIError } from './textgen-error';

/** How stream readers report failures; the transport builds these with the vendor, response and key redaction. */
export interface StreamFailures {
  /** Parses one JSON payload, or throws an error naming the invalid payload. */
  parse(raw: string): unknown;
  /** The body ended early, e.g. `in the middle of an event`. */
  truncated(detail: string): Error;
  /** The stream carried an error (an SSE `error` event, or a payload with an `error` member). */
  errorPayload(payload: unknown): Error;
  /** Reading the body failed: the connection dropped, no data came within the timeout, or it was aborted. */
  readFailed(cause: unknown): Error;
  /** A payload that is valid JSON but not an object (`null`, a number, a string). */
  notAnObject(payload: unknown): Error;
  /** One event or line grew past `limit` characters without ending. */
  tooLarge(limit: number): Error;
}

/** The failures of one streamed response, with the vendor, status and key redaction filled in. */
export function createStreamFailures(context: {
  vendor: string;
  response: Response;
  signal: AbortSignal;
  redactor: Redactor;
  errorFromBody: (input: { response: Response; body: unknown; detail?: string }) => APIError;
  describe: (body: unknown) => string;
}): StreamFailures {
  const { vendor, response, redactor } = context;
  const target = `the ${response.status} response from ${response.url || 'the server'}`;
  return {
    parse(raw) {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        throw context.errorFromBody({
          response,
          body: raw,
          detail: `The stream sent a payload that is not JSON: ${raw}`,
        });
      }
    },
    truncated: (detail) =>
      new APIConnectionError({
        vendor,
        message: redactor.text(
          `[${vendor}] The stream of ${target} ended ${detail}; the connection was probably cut. Retry the request.`,
        ),
      }),
    errorPayload: (payload) =>
      context.errorFromBody({
        response,
        body: payload,
        detail: `The stream reported an error: ${context.describe(payload)}`,
      }),
    notAnObject: (payload) =>
      context.errorFromBody({
        response,
        body: payload,
        detail: `The stream sent ${JSON.stringify(payload)} where a JSON object (one chunk) was expected.`,
      }),
    tooLarge: (limit) =>
      context.errorFromBody({
        response,
        body: undefined,
        detail: `The stream sent an event or line longer than ${limit} characters without ending it; the reader stops there so a runaway line cannot exhaust memory.`,
      }),
    readFailed(cause) {
      // The idle timeout of retrying-fetch already built the right error, naming the request.
      if (APIConnectionTimeoutError.isInstance(cause)) return cause;
      if (context.signal.aborted) {
        return new APIUserAbortError({
          vendor,
          message: `[${vendor}] The stream was aborted by the caller.`,
          cause: redactor.safeCause(cause),
        });
      }
      return new APIConnectionError({
        vendor,
        message: redactor.text(
          `[${vendor}] Reading the stream of ${target} failed: ${String(cause)}. Retry the request.`,
        ),
        cause: redactor.safeCause(cause),
      });
    },
  };
}
