import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from './textgen-error';
import type { Redactor } from './redact-secret';

export interface CreateAPIErrorOptions {
  vendor: string;
  status: number;
  headers?: Headers;
  body?: unknown;
  requestId?: string | undefined;
  /** What went wrong, e.g. the vendor's own error message. Defaults to a generic reading of `body`. */
  detail?: string | undefined;
  /** Removes the API key from the message, body and headers. */
  redactor?: Redactor;
}

const hints: Record<number, string> = {
  401: 'Check the API key.',
  403: 'The API key may not be allowed to make this request.',
  404: 'Check the base URL and the path.',
  429: 'Slow down, or raise maxRetries.',
};

/**
 * Picks the APIError subclass for a status. Also for a 2xx whose body reports a failure (it gets the base APIError).
 */
export function createAPIError(options: CreateAPIErrorOptions): APIError {
  const { vendor, status, redactor } = options;
  const redact = redactor ? redactor.text : (text: string) => text;
  // Redact first, then truncate: a cut through the key would leave its first characters where redaction cannot see
  // them.
  const detail = truncateText(redact(options.detail ?? describeBody(options.body)));
  const hint = hints[status] ?? (status >= 500 ? 'The server failed; retry later.' : undefined);
  const requestId = options.requestId ? ` (request id ${options.requestId})` : '';
  // One sentence, closed by a full stop also when the server's own text has none: `404 with no body (request id x).`
  const statement = `[${vendor}] ${status} ${requestId ? detail.replace(/\.$/, '') : detail}${requestId}`;
  const message = `${/[.!?]$/.test(statement) ? statement : `${statement}.`}${hint ? ` ${hint}` : ''}`;
  const headers = options.headers ?? new Headers();
  const ErrorClass = errorClassForStatus(status);
  return new ErrorClass({
    vendor,
    status,
    message: redact(message),
    headers: redactor ? redactor.headers(headers) : headers,
    body: redactor ? redactor.value(options.body) : options.body,
    requestId: options.requestId,
  });
}

const classByStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

function errorClassForStatus(status: number): typeof APIError {
  return status >= 500 ? InternalServerError : (classByStatus[status] ?? APIError);
}

const maxDetailLength = 500;

/** Shortens text for a message. Call it on text that is already redacted. */
export function truncateText(text: string): string {
  return text.length > maxDetailLength ? `${text.slice(0, maxDetailLength)}…` : text;
}

/** Generic reading of an unknown error body, untruncated; vendors override it with `errorMessageFromBody`. */
export function describeBody(body: unknown): string {
  if (body === undefined || body === null || body === '') return 'with no body';
  if (typeof body === 'string') return body;
  const record = body as { message?: unknown; error?: unknown };
  if (typeof record.message === 'string') return record.message;
  if (typeof record.error === 'string') return record.error;
  const nested = record.error as { message?: unknown } | undefined;
  if (typeof nested === 'object' && nested !== null && typeof nested.message === 'string') return nested.message;
  return JSON.stringify(body);
}
