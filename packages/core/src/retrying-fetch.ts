import type { LeveledLogger } from './logger';
import type { Redactor } from './redact-secret';
import { retryDelayMs, shouldRetryResponse } from './retry-policy';
import { createTimedRead, startTimer, type IdleTimeout } from './timed-read';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, type APIError } from './textgen-error';

/**
 * The fetch a client calls: `globalThis.fetch` or one the user passes; called as `fetch(url, init)`, never with a
 * Request.
 */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * openapi-fetch's `Request` option: it records what openapi-fetch built (URL, method, headers, serialized body) instead
 * of building a WHATWG Request. A Request per call costs a body stream, a signal and a clone on every retry; worse, on
 * Node 20's undici the link from a signal to the fetch running a Request is weak, so an abort could be lost after a GC.
 * Each attempt becomes one plain `fetch(url, init)` call.
 */
export class PreparedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /**
   * What openapi-fetch's body serializer returned: a string or FormData, both of which fetch can send again on a
   * redirect.
   */
  readonly body: BodyInit | null;
  readonly redirect: RequestRedirect;
  /** A caller's signal passed to a raw openapi-fetch call (`client.POST(path, { signal })`). */
  readonly signal: AbortSignal | null;

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = init.method ?? 'GET';
    // openapi-fetch hands over the Headers it merged; copying them again would cost a Headers per call for nothing.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.redirect = init.redirect ?? 'follow';
    this.signal = init.signal ?? null;
  }
}

export interface RetryingFetchConfig {
  vendor: string;
  fetch: Fetch;
  maxRetries: number;
  timeout: number;
  logger: LeveledLogger;
  redactor: Redactor;
  /** The APIError for a final non-2xx response (its body is read and parsed first). */
  errorFromResponse: (response: Response, body: unknown) => APIError;
}

/**
 * `json`: the 2xx body is read as text inside the attempt, so a stalled body times out and a body cut short is retried.
 * `stream`: the 2xx body is handed on unread, and each read of it must deliver within `timeout`.
 * In both, a final non-2xx response throws its APIError. `raw` (openapi-fetch used directly) returns every response.
 */
export type SendMode = 'json' | 'stream' | 'raw';

export interface SendOptions {
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  mode: SendMode;
}

export interface SendResult {
  response: Response;
  /** The 2xx body as text, in `json` mode. */
  text?: string;
  /** The 2xx body, unread, in `stream` mode; its reader applies `idle` to each read. */
  body?: ReadableStream<Uint8Array> | null;
  idle?: IdleTimeout;
}

export type Send = (request: PreparedRequest | Request, options: SendOptions) => Promise<SendResult>;

/** Retries, timeouts and abort around one request. Throws only typed errors: APIError subclasses or TextgenError. */
export function createRetryingFetch(config: RetryingFetchConfig): Send {
  const { vendor, logger, redactor } = config;
  return async function send(request, options) {
    const maxRetries = options.maxRetries ?? config.maxRetries;
    const timeout = options.timeout ?? config.timeout;
    const callerSignal = options.signal ?? request.signal ?? undefined;
    const target = `${request.method} ${request.url}`;
    const userAbort = (cause?: unknown) =>
      new APIUserAbortError({
        vendor,
        message: redactor.text(`[${vendor}] ${target} was aborted by the caller.`),
        cause: redactor.safeCause(cause),
      });
    // A string body (every JSON call) is sent as it is; only a FormData or a real Request needs work first.
    const { body, headers } =
      request instanceof PreparedRequest && !(request.body instanceof FormData)
        ? request
        : await resendableBody(request);
    // One controller per attempt, reached from the caller's signal through this listener. The closures keep the
    // controller strongly referenced while its fetch runs, which a signal passed inside a Request does not on Node 20.
    let attemptController: AbortController | undefined;
    const forwardAbort = () => attemptController?.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', forwardAbort);
    let keepListener = false;
    try {
      for (let attempt = 1; ; attempt++) {
        if (callerSignal?.aborted) throw userAbort(callerSignal.reason);
        const controller = new AbortController();
        attemptController = controller;
        let timedOut = false;
        const timer = startTimer(timeout, () => {
          timedOut = true;
          controller.abort();
        });
        if (logger.enabled('debug')) {
          const headers = JSON.stringify(Object.fromEntries(redactor.headers(request.headers)));
          logger.debug(`[${vendor}] ${target} attempt ${attempt}/${maxRetries + 1} headers ${headers}`);
        }
        let failure: APIError | undefined;
        let finalError: APIError | undefined;
        let retryable: Response | undefined;
        try {
          const response = await config.fetch(request.url, {
            method: request.method,
            headers,
            body,
            redirect: request.redirect,
            signal: controller.signal,
          });
          // Guarded: the line would otherwise be built on every call only to be dropped at the default level.
          if (logger.enabled('debug')) logger.debug(`[${vendor}] ${target} attempt ${attempt} -> ${response.status}`);
          if (response.ok) {
            if (options.mode === 'json') return { response, text: await response.text() };
            clearTimeout(timer);
            const idle: IdleTimeout = {
              timeout,
              // Not retried: the caller may already hold part of the body.
              fail: () => {
                controller.abort();
                return new APIConnectionTimeoutError({
                  vendor,
                  message: redactor.text(
                    `[${vendor}] ${target} sent no data for ${timeout} ms while its body was read. Raise the timeout option or check the server.`,
                  ),
                });
              },
            };
            keepListener = true;
            // The stream reader times its own reads: a second ReadableStream around the body only to time them cost
            // about a tenth of a stream's throughput. The listener stays: in stream mode the signal is the stream's
            // own per-call controller (transport's readStream), which aborts this attempt when the stream is dropped,
            // and which is collected with the stream.
            if (options.mode === 'stream') return { response, body: response.body, idle };
            const idleBody = withIdleTimeout(response.body, {
              ...idle,
              onEnd: () => callerSignal?.removeEventListener('abort', forwardAbort),
            });
            return { response: rebuildResponse(response, idleBody) };
          }
          if (attempt <= maxRetries && shouldRetryResponse(response)) {
            // The body of a response that is retried carries nothing the caller will see.
            response.body?.cancel().catch(() => undefined);
            retryable = response;
          } else {
            // Error bodies are small and read inside the timeout too, so a stalled one cannot hang the caller.
            const text = await response.text();
            if (options.mode === 'raw') return { response: rebuildResponse(response, text) };
            finalError = config.errorFromResponse(response, parseOrText(text));
          }
        } catch (error) {
          if (callerSignal?.aborted) throw userAbort(error);
          if (timedOut) {
            failure = new APIConnectionTimeoutError({
              vendor,
              message: redactor.text(
                `[${vendor}] ${target} timed out after ${timeout} ms (attempt ${attempt}). Raise the timeout option or check the server.`,
              ),
            });
          } else {
            failure = new APIConnectionError({
              vendor,
              message: redactor.text(
                `[${vendor}] Connection error on ${target} (attempt ${attempt}): ${describeCause(error)}. Check the base URL and the network.`,
              ),
              cause: redactor.safeCause(error),
            });
            // fetch refuses some requests before any connection (a port browsers block, an unparsable URL): the same
            // request would fail the same way again.
            if (isRefusedBeforeConnecting(error)) throw failure;
          }
        } finally {
          clearTimeout(timer);
        }
        if (finalError) throw finalError;
        // A library does not print what it also throws: the caller decides whether a failure is worth a log line.
        if (failure && attempt > maxRetries) throw failure;
        const delay = retryDelayMs({ headers: retryable?.headers, retriesDone: attempt - 1 });
        logger.info(
          `[${vendor}] ${target} failed with ${retryable ? retryable.status : failure?.name}; retry ${attempt}/${maxRetries} in ${Math.round(delay)} ms`,
        );
        await sleep(delay, callerSignal).catch((error: unknown) => {
          throw userAbort(error);
        });
      }
    } finally {
      if (!keepListener) callerSignal?.removeEventListener('abort', forwardAbort);
    }
  };
}

/**
 * The body with every read bounded by the idle timeout; a read that takes longer errors the body with `fail()`, which
 * also aborts the request. A pull source with highWaterMark 0 reads only while the consumer waits, so a slow consumer
 * is never taken for a stalled server. `onEnd` runs once the body is done, failed or cancelled.
 */
function withIdleTimeout(
  body: ReadableStream<Uint8Array> | null,
  options: IdleTimeout & { onEnd: () => void },
): ReadableStream<Uint8Array> | null {
  if (!body) {
    options.onEnd();
    return null;
  }
  const reader = body.getReader();
  const timedRead = createTimedRead(reader, options);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    timedRead.stop();
    options.onEnd();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const result = await timedRead.read();
          if (result.done) {
            end();
            controller.close();
          } else controller.enqueue(result.value);
        } catch (error) {
          end();
          controller.error(error);
        }
      },
      cancel: (reason) => {
        end();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function rebuildResponse(response: Response, body: BodyInit | null): Response {
  const { status, statusText, headers } = response;
  const rebuilt = new Response(body === '' ? null : body, { status, statusText, headers });
  // A constructed Response has an empty url; errors and stream failures name the request by it.
  Object.defineProperty(rebuilt, 'url', { value: response.url });
  return rebuilt;
}

/** A body or SSE `data` as JSON where it parses, else as the text; undefined when empty. */
export function parseOrText(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// undici reports every network failure as TypeError('fetch failed') and puts the useful code in `cause`.
function describeCause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code =
    typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return code ? `${message} (${code})` : message;
}

/**
 * A body fetch can send again, byte for byte, on a retry or a 307/308 redirect. A string is. A FormData is not quite:
 * undici encodes it again on a redirect under a new boundary while the Content-Type it already set names the old
 * one, so the server cannot parse it; encode it once, and send the bytes with their own Content-Type. A middleware may
 * hand over a real Request, whose body stream can be read once only: keep its bytes.
 */
async function resendableBody(
  request: PreparedRequest | Request,
): Promise<{ body: BodyInit | null; headers: Headers }> {
  if (!(request instanceof PreparedRequest)) {
    return { body: request.body === null ? null : new Blob([await request.arrayBuffer()]), headers: request.headers };
  }
  const encoder = new Response(request.body);
  // The Content-Type comes from the encoder's header, not from the Blob's type: Chromium lower-cases a Blob's type,
  // boundary included, and the body's mixed-case boundary then no longer matches it.
  const contentType = encoder.headers.get('content-type') ?? '';
  const encoded = await encoder.blob();
  const headers = new Headers(request.headers);
  // The usual spelling, `; boundary=`: undici leaves out the space, and some servers' parsers want it.
  headers.set(
    'content-type',
    contentType.replace(/^multipart\/form-data;\s*boundary=/, 'multipart/form-data; boundary='),
  );
  return { body: encoded, headers };
}

/**
 * undici's refusals that happen before a socket is opened: a blocked port, a URL it cannot parse, a non-HTTP scheme.
 */
function isRefusedBeforeConnecting(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const causeMessage = typeof cause?.message === 'string' ? cause.message : '';
  return (
    cause?.code === 'ERR_INVALID_URL' ||
    causeMessage === 'bad port' ||
    /URL scheme must be a HTTP\(S\) scheme/.test(causeMessage) ||
    error.message.startsWith('Failed to parse URL')
  );
}

function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
