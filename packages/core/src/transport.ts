import createClient, { type Client } from 'openapi-fetch';
import { createAPIPromise, type APIPromise, type APIResponse } from './api-promise';
import { createAPIError, describeBody, truncateText } from './create-api-error';
import { createLeveledLogger, type LogLevel, type Logger } from './logger';
import { readEnvironment } from './read-environment';
import { createRedactor, type Redactor } from './redact-secret';
import { createRetryingFetch } from './retrying-fetch';
import { Stream, type StreamFraming } from './stream';
import { createStreamFailures } from './stream-failures';
import { TextgenError, type APIError } from './textgen-error';
import { validateLimits } from './validate-limits';
import type { VendorDescriptor } from './vendor-descriptor';

export interface ClientOptions {
  /** Defaults to `<PREFIX>_API_KEY`. */
  apiKey?: string | undefined;
  /** Defaults to `<PREFIX>_BASE_URL`, then the vendor's default. */
  baseURL?: string | undefined;
  /** Defaults to `globalThis.fetch`, looked up on every call (so msw and other patches apply). */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Retries after the first attempt: a whole number, 0 or more. Default 2. */
  maxRetries?: number | undefined;
  /**
   * Per attempt, in ms (> 0), and again for each read of an unbuffered body. Default 10 minutes. `Infinity` means no
   * timeout; values above 2^31-1 ms (about 24.8 days) are clamped to it.
   */
  timeout?: number | undefined;
  defaultHeaders?: Record<string, string> | undefined;
  /** Defaults to `TEXTGEN_LOG`, then `warn`. */
  logLevel?: LogLevel | undefined;
  /** Defaults to `console`. */
  logger?: Logger | undefined;
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  headers?: Record<string, string> | undefined;
}

/** What a vendor package spreads into its openapi-fetch call: `client.POST(path, { body, ...init })`. */
export interface CallInit {
  /** openapi-fetch's per-request `fetch`: core's retrying fetch bound to this call's signal, timeout and retries. */
  fetch: (request: Request) => Promise<Response>;
  headers?: Record<string, string> | undefined;
}

export interface StreamCallInit extends CallInit {
  parseAs: 'stream';
}

export interface CallResult<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

export interface StreamOptions {
  framing: StreamFraming;
  terminator?: string | undefined;
}

export interface Transport<Paths extends object> {
  readonly vendor: string;
  readonly baseURL: string;
  /** openapi-fetch client whose fetch is core's: raw typed calls also get auth, retries and timeouts. */
  readonly client: Client<Paths>;
  readonly logger: Logger;
  /** Performs one operation; a non-2xx response rejects with the matching APIError subclass. */
  request<Data>(call: (client: Client<Paths>, init: CallInit) => Promise<CallResult<Data>>, options?: RequestOptions): APIPromise<Data>;
  /** Performs one streaming operation and resolves once the headers arrive. */
  requestStream<Chunk>(
    call: (client: Client<Paths>, init: StreamCallInit) => Promise<CallResult<unknown>>,
    streamOptions: StreamOptions,
    options?: RequestOptions,
  ): APIPromise<Stream<Chunk>>;
  /** An APIError for this vendor, e.g. for a 200 whose body reports a failure (Wetrocloud `success: false`). */
  createAPIError(options: { response: Response; body: unknown; detail?: string }): APIError;
}

const defaultTimeoutMs = 10 * 60 * 1000;

/**
 * The transport a vendor package builds its client on. Throws a TextgenError right away when no API key is found,
 * so a misconfigured client fails where it is created, not at its first call.
 */
export function createTransport<Paths extends object>(descriptor: VendorDescriptor, options: ClientOptions = {}): Transport<Paths> {
  const { vendor, environmentPrefix } = descriptor;
  const apiKey = options.apiKey?.trim() || readEnvironment(`${environmentPrefix}_API_KEY`);
  if (!apiKey) {
    throw new TextgenError(
      `[${vendor}] No API key: pass the apiKey option or set the ${environmentPrefix}_API_KEY environment variable.`,
    );
  }
  validateLimits({ vendor, maxRetries: options.maxRetries, timeout: options.timeout });
  // A header value must be Latin-1 (fetch throws a ByteString error at send time otherwise, after the request looked
  // fine); a pasted key with a smart quote or a zero-width space is the usual cause. The key itself is never quoted.
  if (!/^[\t\x20-\x7e\x80-\xff]+$/.test(apiKey)) {
    throw new TextgenError(
      `[${vendor}] The API key holds characters an HTTP header cannot carry (outside Latin-1, or control characters); check it for pasted stray characters.`,
    );
  }
  const auth = descriptor.authorizationHeader(apiKey);
  const redactor: Redactor = createRedactor({ secret: apiKey, headerName: auth.name });
  const configuredBaseURL = options.baseURL ?? readEnvironment(`${environmentPrefix}_BASE_URL`) ?? descriptor.defaultBaseURL;
  if (!configuredBaseURL) {
    throw new TextgenError(
      `[${vendor}] No base URL: ${vendor} has no default host, so pass the baseURL option or set the ${environmentPrefix}_BASE_URL environment variable.`,
    );
  }
  const baseURL = configuredBaseURL.replace(/\/+$/, '');
  const logger = createLeveledLogger({ level: options.logLevel, logger: options.logger, redact: redactor.text });
  const userFetch = options.fetch;
  const retryingFetch = createRetryingFetch({
    vendor,
    // Look globalThis.fetch up per call: openapi-fetch would capture it once, before msw can patch it.
    fetch: (request) => (userFetch ? userFetch(request) : globalThis.fetch(request)),
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeout ?? defaultTimeoutMs,
    logger,
    redactor,
  });
  const client = createClient<Paths>({
    baseUrl: baseURL,
    fetch: (request) => retryingFetch(request),
    headers: { [auth.name]: auth.value, ...options.defaultHeaders },
  });

  const requestIdOf = (response: Response, body: unknown): string | undefined =>
    response.headers.get('x-request-id') ?? (body === undefined ? undefined : descriptor.requestIdFromBody?.(body));

  const describe = (body: unknown): string => descriptor.errorMessageFromBody?.(body) ?? describeBody(body);
  const errorFromBody = (input: { response: Response; body: unknown; detail?: string | undefined }): APIError =>
    createAPIError({
      vendor,
      status: input.response.status,
      headers: input.response.headers,
      body: input.body,
      requestId: requestIdOf(input.response, input.body),
      detail: input.detail ?? describe(input.body),
      redactor,
    });

  /** Awaits the call; `received` is the buffered response openapi-fetch got, to read a body its JSON.parse rejected. */
  const settle = async <Data>(call: () => Promise<CallResult<Data>>, received?: () => Response | undefined): Promise<CallResult<Data>> => {
    try {
      const result = await call();
      if (!result.response.ok || result.error !== undefined) {
        throw errorFromBody({ response: result.response, body: result.error });
      }
      return result;
    } catch (error) {
      if (TextgenError.isInstance(error)) throw error;
      const response = received?.();
      if (error instanceof SyntaxError && response?.ok) {
        // Not String(error): V8 quotes the start of the text in it, cut where a key may straddle the cut.
        const body = truncateText(redactor.text(await response.text()));
        throw errorFromBody({ response, body, detail: `The response body is not valid JSON: ${body}` });
      }
      throw new TextgenError(redactor.text(`[${vendor}] The response could not be read: ${String(error)}`));
    }
  };
  // A bad option fails the call before any request, as a rejected APIPromise.
  const checked = <Data>(requestOptions: RequestOptions, perform: () => Promise<APIResponse<Data>>): APIPromise<Data> => {
    try {
      validateLimits({ vendor, maxRetries: requestOptions.maxRetries, timeout: requestOptions.timeout });
    } catch (error) {
      return createAPIPromise(Promise.reject(error));
    }
    return createAPIPromise(perform());
  };

  function request<Data>(
    call: (client: Client<Paths>, init: CallInit) => Promise<CallResult<Data>>,
    requestOptions: RequestOptions = {},
  ): APIPromise<Data> {
    return checked(requestOptions, async () => {
      let received: Response | undefined;
      const init: CallInit = {
        fetch: async (request) => {
          received = await retryingFetch(request, { ...requestOptions, readBody: true });
          // The body is buffered, so the clone is cheap; the original stays readable for settle().
          return received.clone();
        },
        headers: requestOptions.headers,
      };
      const { data, response } = await settle(() => call(client, init), () => received);
      return { data: data as Data, response, requestId: requestIdOf(response, data) };
    });
  }

  function requestStream<Chunk>(
    call: (client: Client<Paths>, init: StreamCallInit) => Promise<CallResult<unknown>>,
    streamOptions: StreamOptions,
    requestOptions: RequestOptions = {},
  ): APIPromise<Stream<Chunk>> {
    return checked(requestOptions, async () => {
      // One controller for the whole call: the caller's signal, `break` and stream.controller.abort() all end up here.
      const controller = new AbortController();
      const callerSignal = requestOptions.signal;
      const forwardAbort = () => controller.abort(callerSignal?.reason);
      // Removed once the stream ends or the call fails: a long-lived caller signal must not gain a listener per stream.
      const release = () => callerSignal?.removeEventListener('abort', forwardAbort);
      if (callerSignal?.aborted) forwardAbort();
      else callerSignal?.addEventListener('abort', forwardAbort, { once: true });
      const signal = controller.signal;
      const init: StreamCallInit = {
        fetch: (request) => retryingFetch(request, { ...requestOptions, signal }),
        headers: requestOptions.headers,
        parseAs: 'stream',
      };
      try {
        const { response } = await settle(() => call(client, init));
        if (!response.body) throw errorFromBody({ response, body: undefined, detail: 'Expected a streamed body but got none.' });
        const failures = createStreamFailures({ vendor, response, signal, redactor, errorFromBody, describe });
        const stream = Stream.fromBody<Chunk>({ body: response.body, ...streamOptions, controller, failures, onEnd: release });
        return { data: stream, response, requestId: requestIdOf(response, undefined) };
      } catch (error) {
        release();
        throw error;
      }
    });
  }

  return { vendor, baseURL, client, logger, request, requestStream, createAPIError: errorFromBody };
}
