const initialRetryDelayMs = 500;
const maxRetryDelayMs = 8_000;
const maxHonouredRetryAfterMs = 60_000;

/** Statuses worth another attempt, as in openai-node; the server can overrule with `x-should-retry`. */
export function shouldRetryResponse(response: Response): boolean {
  return shouldRetryStatus({ status: response.status, headers: response.headers });
}

/**
 * The same decision from a status and headers alone, for code that holds an APIError rather than a Response (the
 * AI SDK provider sets `isRetryable` with it).
 */
export function shouldRetryStatus(options: { status: number; headers: Headers }): boolean {
  const shouldRetryHeader = options.headers.get('x-should-retry');
  if (shouldRetryHeader === 'true') return true;
  if (shouldRetryHeader === 'false') return false;
  const status = options.status;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Delay before the next attempt: the server's `retry-after-ms` / `retry-after` (seconds or an HTTP date) when it lies
 * in
 * 0–60 s, else exponential backoff `min(0.5 s * 2^retriesDone, 8 s)` less up to 25% jitter.
 */
export function retryDelayMs(options: { headers?: Headers | undefined; retriesDone: number; now?: number }): number {
  const fromServer = options.headers ? serverRetryDelayMs(options.headers, options.now ?? Date.now()) : undefined;
  if (fromServer !== undefined && fromServer >= 0 && fromServer <= maxHonouredRetryAfterMs) return fromServer;
  const backoff = Math.min(initialRetryDelayMs * 2 ** options.retriesDone, maxRetryDelayMs);
  return backoff * (1 - Math.random() * 0.25);
}

function serverRetryDelayMs(headers: Headers, now: number): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && milliseconds.trim() !== '' && Number.isFinite(Number(milliseconds)))
    return Number(milliseconds);
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null || retryAfter.trim() === '') return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : date - now;
}
