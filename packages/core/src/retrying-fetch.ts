import type { Logger } from './logger';
import type { Redactor } from './redact-secret';
import { retryDelayMs, shouldRetryResponse } from './retry-policy';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, type APIError } from './textgen-error';

export interface RetryingFetchConfig {
  vendor: string;
  fetch: (request: Request) => Promise<Response>;
  maxRetries: number;
  timeout: number;
  logger: Logger;
  redactor: Redactor;
}

export interface AttemptOptions {
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  /**
   * Read a 2xx body inside the attempt, so a body that stalls times out and a body cut short is retried. Off for
   * streams (and raw client calls): their body is handed on unread, and each read of it must deliver within `timeout`.
   */
  readBody?: boolean;
}

export type RetryingFetch = (request: Request, options?: AttemptOptions) => Promise<Response>;

/**
 * The fetch handed to openapi-fetch. It owns retries, timeouts and abort; it returns the last HTTP response, good or
 * bad (openapi-fetch turns a bad one into `{error}`), and throws only when no response arrived.
 */
export function createRetryingFetch(config: RetryingFetchConfig): RetryingFetch {
  const { vendor, logger, redactor } = config;
  return async function retryingFetch(request, options = {}) {
    const maxRetries = options.maxRetries ?? config.maxRetries;
    const timeout = options.timeout ?? config.timeout;
    const callerSignal = options.signal ? AbortSignal.any([options.signal, request.signal]) : request.signal;
    const target = `${request.method} ${request.url}`;
    const userAbort = (cause?: unknown) =>
      new APIUserAbortError({
        vendor,
        message: redactor.text(`[${vendor}] ${target} was aborted by the caller.`),
        cause: redactor.safeCause(cause),
      });
    // Buffer the body once and build a fresh Request per attempt: a Request body is a one-shot stream, and undici
    // refuses to send a consumed one again. The bytes of a FormData body keep the boundary that request.headers names.
    const body = request.body === null ? undefined : await request.arrayBuffer();
    for (let attempt = 1; ; attempt++) {
      if (callerSignal.aborted) throw userAbort(callerSignal.reason);
      const timeoutController = new AbortController();
      const timer = startTimer(timeout, () => timeoutController.abort());
      const attemptRequest = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body,
        redirect: request.redirect,
        credentials: request.credentials,
        signal: AbortSignal.any([callerSignal, timeoutController.signal]),
      });
      logger.debug(`[${vendor}] ${target} attempt ${attempt}/${maxRetries + 1} headers ${JSON.stringify(Object.fromEntries(redactor.headers(request.headers)))}`);
      let response: Response | undefined;
      let failure: APIError | undefined;
      try {
        const received = await config.fetch(attemptRequest);
        // Error bodies are small and read inside the timeout too, so a stalled one cannot hang the caller.
        response =
          options.readBody || !received.ok
            ? await bufferBody(received)
            : withIdleTimeout(received, {
                timeout,
                // Not retried: the caller may already hold part of the body.
                fail: () => {
                  timeoutController.abort();
                  return new APIConnectionTimeoutError({
                    vendor,
                    message: redactor.text(`[${vendor}] ${target} sent no data for ${timeout} ms while its body was read. Raise the timeout option or check the server.`),
                  });
                },
              });
      } catch (error) {
        if (callerSignal.aborted) throw userAbort(error);
        failure = timeoutController.signal.aborted
          ? new APIConnectionTimeoutError({
              vendor,
              message: redactor.text(`[${vendor}] ${target} timed out after ${timeout} ms (attempt ${attempt}). Raise the timeout option or check the server.`),
            })
          : new APIConnectionError({
              vendor,
              message: redactor.text(`[${vendor}] Connection error on ${target} (attempt ${attempt}): ${describeCause(error)}. Check the base URL and the network.`),
              cause: redactor.safeCause(error),
            });
      } finally {
        clearTimeout(timer);
      }
      if (response) logger.debug(`[${vendor}] ${target} attempt ${attempt} -> ${response.status}`);
      if (response && (response.ok || !shouldRetryResponse(response) || attempt > maxRetries)) return response;
      if (failure && attempt > maxRetries) {
        logger.error(failure.message);
        throw failure;
      }
      const delay = retryDelayMs({ headers: response?.headers, retriesDone: attempt - 1 });
      logger.info(`[${vendor}] ${target} failed with ${response ? response.status : failure?.name}; retry ${attempt}/${maxRetries} in ${Math.round(delay)} ms`);
      await sleep(delay, callerSignal).catch((error: unknown) => {
        throw userAbort(error);
      });
    }
  };
}

// setTimeout fires at once for a delay above 2^31-1 ms (Node warns TimeoutOverflowWarning), so clamp; Infinity is no timer.
const maxTimerMs = 2 ** 31 - 1;

function startTimer(milliseconds: number, onTimeout: () => void): ReturnType<typeof setTimeout> | undefined {
  return milliseconds === Infinity ? undefined : setTimeout(onTimeout, Math.min(milliseconds, maxTimerMs));
}

/**
 * The response with a body whose every read must deliver within `timeout` ms; otherwise the body errors with `fail()`,
 * which also aborts the request. A pull source with highWaterMark 0 reads only while the consumer waits, so a slow
 * consumer is never taken for a stalled server.
 */
function withIdleTimeout(response: Response, options: { timeout: number; fail: () => Error }): Response {
  if (!response.body || options.timeout === Infinity) return response;
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let timedOut = false;
        const timer = startTimer(options.timeout, () => {
          timedOut = true;
          controller.error(options.fail());
        });
        try {
          const result = await reader.read();
          if (timedOut) return;
          if (result.done) controller.close();
          else controller.enqueue(result.value);
        } catch (error) {
          if (!timedOut) controller.error(error);
        } finally {
          clearTimeout(timer);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  const { status, statusText, headers } = response;
  const wrapped = new Response(body, { status, statusText, headers });
  // A constructed Response has an empty url; stream errors name the request by it.
  Object.defineProperty(wrapped, 'url', { value: response.url });
  return wrapped;
}

async function bufferBody(response: Response): Promise<Response> {
  const bytes = await response.arrayBuffer();
  const { status, statusText, headers } = response;
  return new Response(bytes.byteLength === 0 ? null : bytes, { status, statusText, headers });
}

// undici reports every network failure as TypeError('fetch failed') and puts the useful code in `cause`.
function describeCause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return code ? `${message} (${code})` : message;
}

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
