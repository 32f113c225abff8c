// Symbol.for, not Symbol(): two copies of @textgen/core in one app share the registry, so isInstance() works across
// them
// where `instanceof` does not.
const kindsKey = Symbol.for('textgen.error.kinds');

type ErrorClass<T> = (abstract new (...args: never[]) => T) & { readonly kind: string };

/** Base of every error textgen throws. */
export class TextgenError extends Error {
  static readonly kind: string = 'TextgenError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const kinds: string[] = [];
    let current: { kind?: string } | null = new.target;
    while (current && Object.hasOwn(current, 'kind') && current.kind) {
      kinds.push(current.kind);
      current = Object.getPrototypeOf(current) as { kind?: string } | null;
    }
    Object.defineProperty(this, kindsKey, { value: kinds });
    this.name = new.target.kind;
  }

  /** Like `instanceof`, but also true for errors thrown by another copy of this package. */
  static isInstance<T>(this: ErrorClass<T>, value: unknown): value is T {
    const kinds =
      typeof value === 'object' && value !== null ? (value as Record<symbol, unknown>)[kindsKey] : undefined;
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}

export interface APIErrorOptions {
  vendor: string;
  message: string;
  status?: number | undefined;
  headers?: Headers | undefined;
  requestId?: string | undefined;
  body?: unknown;
  cause?: unknown;
}

/** An HTTP call failed: a non-2xx status, a failure reported inside a 2xx body, or no response at all. */
export class APIError extends TextgenError {
  static override readonly kind: string = 'APIError';
  readonly vendor: string;
  /** HTTP status; undefined when no response arrived (connection errors, timeouts, aborts). */
  readonly status: number | undefined;
  readonly headers: Headers;
  readonly requestId: string | undefined;
  /** The parsed vendor body (JSON when it parsed, else text), with the API key redacted. */
  readonly body: unknown;

  constructor(options: APIErrorOptions) {
    super(options.message, { cause: options.cause });
    this.vendor = options.vendor;
    this.status = options.status;
    this.headers = options.headers ?? new Headers();
    this.requestId = options.requestId;
    this.body = options.body;
  }

  override toJSON(): Record<string, unknown> {
    const { name, message, vendor, status, requestId, body } = this;
    return { name, message, vendor, status, requestId, headers: Object.fromEntries(this.headers), body };
  }
}

// One class per status family, so callers can branch with isInstance() instead of comparing numbers.
export class BadRequestError extends APIError {
  static override readonly kind: string = 'BadRequestError';
}
export class AuthenticationError extends APIError {
  static override readonly kind: string = 'AuthenticationError';
}
export class PermissionDeniedError extends APIError {
  static override readonly kind: string = 'PermissionDeniedError';
}
export class NotFoundError extends APIError {
  static override readonly kind: string = 'NotFoundError';
}
export class ConflictError extends APIError {
  static override readonly kind: string = 'ConflictError';
}
export class UnprocessableEntityError extends APIError {
  static override readonly kind: string = 'UnprocessableEntityError';
}
export class RateLimitError extends APIError {
  static override readonly kind: string = 'RateLimitError';
}
export class InternalServerError extends APIError {
  static override readonly kind: string = 'InternalServerError';
}
/** No response: DNS, refused or reset connection, or a stream cut before its end. */
export class APIConnectionError extends APIError {
  static override readonly kind: string = 'APIConnectionError';
}
export class APIConnectionTimeoutError extends APIConnectionError {
  static override readonly kind: string = 'APIConnectionTimeoutError';
}
/** The caller's AbortSignal fired (or the stream was cancelled); never retried. */
export class APIUserAbortError extends APIError {
  static override readonly kind: string = 'APIUserAbortError';
}
