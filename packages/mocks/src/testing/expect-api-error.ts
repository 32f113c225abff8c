/**
 * An error class as `expectAPIError` checks it: `instanceof`, or the class's own `isInstance` where it has one
 * (@textgen/core's errors do, so an error thrown by another copy of the package, as a dist test loads, still counts).
 */
export interface ExpectedErrorClass<ErrorType> {
  readonly name: string;
  readonly prototype: ErrorType;
  isInstance?(value: unknown): boolean;
}

export interface ExpectedErrorDetails {
  /** The HTTP status the error must carry in `status`. */
  status?: number;
  /** Text the message must contain, or a pattern it must match. */
  message?: string | RegExp;
}

function describeValue(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function isInstanceOf<ErrorType>(value: unknown, ErrorClass: ExpectedErrorClass<ErrorType>): value is ErrorType {
  if (typeof ErrorClass.isInstance === 'function') return ErrorClass.isInstance(value);
  return (
    typeof value === 'object' && value !== null && Object.prototype.isPrototypeOf.call(ErrorClass.prototype, value)
  );
}

/**
 * Waits for `promise` to reject with an `ErrorClass` (and, when given, that `status` and message), and returns the
 * error for further checks. Throws a plain Error saying what happened instead, so it works under any test runner.
 */
export async function expectAPIError<ErrorType>(
  promise: Promise<unknown>,
  ErrorClass: ExpectedErrorClass<ErrorType>,
  expected: ExpectedErrorDetails = {},
): Promise<ErrorType> {
  const outcome = await promise.then(
    (value: unknown) => ({ rejected: false as const, value }),
    (error: unknown) => ({ rejected: true as const, error }),
  );
  if (!outcome.rejected) {
    throw new Error(`Expected a ${ErrorClass.name}, but the promise resolved with ${describeValue(outcome.value)}.`);
  }
  const rejection = outcome.error;
  if (!isInstanceOf(rejection, ErrorClass)) {
    throw new Error(`Expected a ${ErrorClass.name}, but the promise rejected with ${describeValue(rejection)}.`, {
      cause: rejection,
    });
  }
  const { status, message } = rejection as { status?: unknown; message?: unknown };
  if (expected.status !== undefined && status !== expected.status) {
    throw new Error(`Expected a ${ErrorClass.name} with status ${expected.status}, got status ${String(status)}.`, {
      cause: rejection,
    });
  }
  const text = typeof message === 'string' ? message : '';
  const matches =
    expected.message === undefined ||
    (typeof expected.message === 'string' ? text.includes(expected.message) : expected.message.test(text));
  if (!matches) {
    const wanted = String(expected.message);
    throw new Error(`Expected a ${ErrorClass.name} whose message matches ${wanted}, got ${JSON.stringify(text)}.`, {
      cause: rejection,
    });
  }
  return rejection;
}
