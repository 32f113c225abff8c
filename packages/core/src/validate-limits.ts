import { TextgenError } from './textgen-error';

/**
 * Throws a TextgenError for a `maxRetries` or `timeout` that would misbehave: NaN retries loop forever (no comparison
 * with NaN ends the loop) and a NaN, negative or zero timeout fires at once.
 */
export function validateLimits(options: {
  vendor: string;
  maxRetries?: number | undefined;
  timeout?: number | undefined;
}): void {
  const { vendor, maxRetries, timeout } = options;
  if (maxRetries !== undefined && !(Number.isSafeInteger(maxRetries) && maxRetries >= 0)) {
    throw new TextgenError(
      `[${vendor}] maxRetries must be a whole number of retries, 0 or more (e.g. 2); got ${String(maxRetries)}.`,
    );
  }
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout > 0)) {
    throw new TextgenError(
      `[${vendor}] timeout must be a positive number of milliseconds (e.g. 60000), or Infinity for no timeout; got ${String(timeout)}.`,
    );
  }
}
