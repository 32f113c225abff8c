import { APICallError } from '@ai-sdk/provider';
import { APIConnectionError, APIError, APIUserAbortError, shouldRetryStatus } from '@textgen/core';

/**
 * Turns what a textgen client threw into what the AI SDK expects from a provider. An HTTP failure or a lost connection
 * becomes an `APICallError` whose `isRetryable` is core's retry policy (408, 409, 429, 5xx and `x-should-retry`;
 * connection errors and timeouts), so the AI SDK's own retries follow the same rules. Everything else (a caller's
 * abort,
 * bad input found before sending) is passed on unchanged. The message, headers and body are core's, which has already
 * removed the API key from them.
 */
export function toAPICallError(options: { error: unknown; url: string }): unknown {
  const { error, url } = options;
  // Checked before APIError: the subclasses share one shape, so a type guard after it would narrow to never.
  if (APIUserAbortError.isInstance(error) || !APIError.isInstance(error)) return error;
  const status = error.status;
  const isRetryable =
    status === undefined ? APIConnectionError.isInstance(error) : shouldRetryStatus({ status, headers: error.headers });
  return new APICallError({
    message: error.message,
    url,
    // The providers build the wire body internally and do not hand it out; the AI SDK allows it to be unknown.
    requestBodyValues: undefined,
    statusCode: status,
    responseHeaders: Object.fromEntries(error.headers),
    responseBody:
      error.body === undefined ? undefined : typeof error.body === 'string' ? error.body : JSON.stringify(error.body),
    isRetryable,
    data: error.body,
    cause: error,
  });
}
