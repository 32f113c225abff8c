import createClient, { type Client } from 'openapi-fetch';
import { createAPIPromise, type APIPromise } from './api-promise';
import { createAPIError, describeBody } from './create-api-error';
import { createLeveledLogger, type LogLevel, type Logger } from './logger';
import { readEnvironment } from './read-environment';
import { createRedactor, type Redactor } from './redact-secret';
import { createRetryingFetch } from './retrying-fetch';
import { Stream, type StreamFraming } from './stream';
import { createStreamFailures } from './stream-failures';
import { TextgenError, type APIError } from './textgen-error';
import type { VendorDescriptor } from './vendor-descriptor';

export interface ClientOptions {
  /** Defaults to `<PREFIX>_API_KEY`. */
  apiKey?: string | undefined;
  /** Defaults to `<PREFIX>_BASE_URL`, then the vendor's default. */
  baseURL?: string | undefined;
  /** Defaults to `globalThis.fetch`, looked up on every call (so msw and other patches apply). */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /** Per attempt, in ms. Default 10 minutes. */
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
  const auth = descriptor.authorizationHeader(apiKey);
  const redactor: Redactor = createRedactor({ secret: apiKey, headerName: auth.name });
  const baseURL = (options.baseURL ?? readEnvironment(`${environmentPrefix}_BASE_URL`) ?? descriptor.defaultBaseURL).replace(/\/+$/, '');
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

  // openapi-fetch itself can throw (e.g. JSON.parse of a malformed 2xx body); give that a textgen error too.
  const settle = async <Data>(call: Promise<CallResult<Data>>): Promise<CallResult<Data>> => {
    try {
      const result = await call;
      if (!result.response.ok || result.error !== undefined) {
        throw errorFromBody({ response: result.response, body: result.error });
      }
      return result;
    } catch (error) {
      if (TextgenError.isInstance(error)) throw error;
      throw new TextgenError(redactor.text(`[${vendor}] The response could not be read: ${String(error)}`));
    }
  };

  function request<Data>(
    call: (client: Client<Paths>, init: CallInit) => Promise<CallResult<Data>>,
    requestOptions: RequestOptions = {},
  ): APIPromise<Data> {
    const init: CallInit = {
      fetch: (request) => retryingFetch(request, { ...requestOptions, readBody: true }),
      headers: requestOptions.headers,
    };
    const result = settle(call(client, init)).then(({ data, response }) => ({
      data: data as Data,
      response,
      requestId: requestIdOf(response, data),
    }));
    return createAPIPromise(result);
  }

  function requestStream<Chunk>(
    call: (client: Client<Paths>, init: StreamCallInit) => Promise<CallResult<unknown>>,
    streamOptions: StreamOptions,
    requestOptions: RequestOptions = {},
  ): APIPromise<Stream<Chunk>> {
    // One controller for the whole call: the caller's signal, `break` and stream.controller.abort() all end up here.
    const controller = new AbortController();
    const callerSignal = requestOptions.signal;
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    callerSignal?.addEventListener('abort', () => controller.abort(callerSignal.reason), { once: true, signal: controller.signal });
    const signal = controller.signal;
    const init: StreamCallInit = {
      fetch: (request) => retryingFetch(request, { ...requestOptions, signal }),
      headers: requestOptions.headers,
      parseAs: 'stream',
    };
    const result = settle(call(client, init)).then(({ response }) => {
      if (!response.body) throw errorFromBody({ response, body: undefined, detail: 'Expected a streamed body but got none.' });
      const failures = createStreamFailures({ vendor, response, signal, redactor, errorFromBody, describe });
      const stream = Stream.fromBody<Chunk>({ body: response.body, ...streamOptions, controller, failures });
      return { data: stream, response, requestId: requestIdOf(response, undefined) };
    });
    return createAPIPromise(result);
  }

  return { vendor, baseURL, client, logger, request, requestStream, createAPIError: errorFromBody };
}
