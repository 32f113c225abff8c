import createClient, { type Client } from 'openapi-fetch';
import { createAPIPromise, type APIPromise, type APIResponse } from './api-promise';
import { createAPIError, describeBody, truncateText } from './create-api-error';
import { createLeveledLogger, type LogLevel, type Logger } from './logger';
import { readEnvironment } from './read-environment';
import { createRedactor, type Redactor } from './redact-secret';
import { createRetryingFetch, PreparedRequest, type Fetch, type SendMode, type SendResult } from './retrying-fetch';
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
  /**
   * Defaults to `globalThis.fetch`, looked up on every call (so msw and other patches apply). Called as
   * `fetch(url, init)`, as openai-node calls it; `init.signal` is the attempt's own signal.
   */
  fetch?: Fetch | undefined;
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

/**
 * What a vendor package spreads into its openapi-fetch call: `client.POST(path, { body, ...init })`. openapi-fetch
 * builds the URL, headers and body; core's fetch sends them and core reads the response itself. At run time `init`
 * also carries `parseAs: 'stream'`, which keeps openapi-fetch from reading the body a second time; the type leaves it
 * out so that the call's `data` keeps the operation's JSON type, from which `request()` infers its result.
 */
export interface CallInit {
  /** openapi-fetch's per-request `fetch`: core's retrying fetch bound to this call's signal, timeout and retries. */
  fetch: (request: Request) => Promise<Response>;
  headers?: Record<string, string> | undefined;
}

/**
 * A vendor hook over a parsed 2xx body: returns what the method resolves to, or throws `transport.createAPIError(...)`
 * for a body that reports a failure (Eden AI's providers that all failed inside a 200).
 */
export type BodyTransform<Body, Data> = (body: Body, response: Response) => Data;

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
  request<Body, Data = Body>(
    call: (client: Client<Paths>, init: CallInit) => Promise<{ data?: Body }>,
    options?: RequestOptions,
    transform?: BodyTransform<Body, Data>,
  ): APIPromise<Data>;
  /** Performs one streaming operation and resolves once the headers arrive. */
  requestStream<Chunk>(
    call: (client: Client<Paths>, init: CallInit) => Promise<unknown>,
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

  // A request id is the server's text: a hostile or buggy server can echo the key in it.
  const requestIdOf = (response: Response, body: unknown): string | undefined => {
    const requestId = response.headers.get('x-request-id') ?? (body === undefined ? undefined : descriptor.requestIdFromBody?.(body));
    return requestId === undefined ? undefined : redactor.text(requestId);
  };
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

  const send = createRetryingFetch({
    vendor,
    // Look globalThis.fetch up per call: openapi-fetch would capture it once, before msw can patch it.
    fetch: userFetch ?? ((url, init) => globalThis.fetch(url, init)),
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeout ?? defaultTimeoutMs,
    logger,
    redactor,
    errorFromResponse: (response, body) => errorFromBody({ response, body }),
  });
  const client = createClient<Paths>({
    baseUrl: baseURL,
    Request: PreparedRequest as unknown as typeof Request,
    // Raw calls get every response back, as openapi-fetch users expect, with retries and timeouts applied.
    fetch: async (request) => (await send(request, { mode: 'raw' })).response,
    headers: { [auth.name]: auth.value, ...options.defaultHeaders },
  });

  /** Runs the vendor's openapi-fetch call with core's fetch, and returns what that fetch received. */
  const perform = async (
    call: (client: Client<Paths>, init: CallInit) => Promise<unknown>,
    requestOptions: RequestOptions,
    mode: Exclude<SendMode, 'raw'>,
  ): Promise<SendResult> => {
    let result: SendResult | undefined;
    const init: CallInit & { parseAs: 'stream' } = {
      fetch: async (request) => {
        result = await send(request, { ...requestOptions, mode });
        return result.response;
      },
      headers: requestOptions.headers,
      parseAs: 'stream',
    };
    try {
      await call(client, init);
    } catch (error) {
      if (TextgenError.isInstance(error)) throw error;
      // openapi-fetch throws before sending when the body cannot be serialized (a BigInt, a cycle) or the URL is bad.
      const stage = result ? 'The response could not be read' : 'The request could not be built';
      throw new TextgenError(redactor.text(`[${vendor}] ${stage}: ${String(error)}`));
    }
    if (!result) throw new TextgenError(`[${vendor}] The request was never sent.`);
    return result;
  };

  /**
   * The 2xx JSON body as an object (or an array, when a vendor hook reads it); every other body is an APIError that
   * says what was wrong with it.
   */
  const parseObjectBody = (response: Response, text: string, allowArray: boolean): unknown => {
    if (text.trim() === '') throw errorFromBody({ response, body: undefined, detail: 'The response body is empty; a JSON object was expected.' });
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      // Not String(error): V8 quotes the start of the text in it, cut where a key may straddle the cut.
      const body = truncateText(redactor.text(text));
      throw errorFromBody({ response, body, detail: `The response body is not valid JSON: ${body}` });
    }
    // Every operation of these APIs answers an object (Eden AI answers an array for `response_as_dict: false`, which its
    // hook reads); `null`, `[]`, a number or a string in a 2xx would otherwise reach the caller as if it were the answer.
    if (typeof data !== 'object' || data === null || (Array.isArray(data) && !allowArray)) {
      const kind = data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`;
      throw errorFromBody({ response, body: data, detail: `The response body is ${kind}; a JSON object was expected.` });
    }
    return data;
  };

  // A bad option fails the call before any request, as a rejected APIPromise.
  const checked = <Data>(requestOptions: RequestOptions, perform: () => Promise<APIResponse<Data>>): APIPromise<Data> => {
    try {
      validateLimits({ vendor, maxRetries: requestOptions.maxRetries, timeout: requestOptions.timeout });
      validateSignal(vendor, requestOptions.signal);
    } catch (error) {
      return createAPIPromise(Promise.reject(error));
    }
    return createAPIPromise(perform());
  };

  function request<Body, Data = Body>(
    call: (client: Client<Paths>, init: CallInit) => Promise<{ data?: Body }>,
    requestOptions: RequestOptions = {},
    transform?: BodyTransform<Body, Data>,
  ): APIPromise<Data> {
    return checked(requestOptions, async () => {
      const { response, text = '' } = await perform(call, requestOptions, 'json');
      const body = parseObjectBody(response, text, transform !== undefined) as Body;
      const requestId = requestIdOf(response, body);
      if (!transform) return { data: body as unknown as Data, response, requestId };
      try {
        return { data: transform(body, response), response, requestId };
      } catch (error) {
        if (TextgenError.isInstance(error)) throw error;
        // A vendor hook that trips over a body it did not expect: the body is what was wrong, so say so.
        throw errorFromBody({ response, body, detail: `The response body has an unexpected shape (${String(error)}).` });
      }
    });
  }

  function requestStream<Chunk>(
    call: (client: Client<Paths>, init: CallInit) => Promise<unknown>,
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
      try {
        const { response, body } = await perform(call, { ...requestOptions, signal }, 'stream');
        if (!body) throw errorFromBody({ response, body: undefined, detail: 'Expected a streamed body but got none.' });
        const failures = createStreamFailures({ vendor, response, signal, redactor, errorFromBody, describe });
        const stream = Stream.fromBody<Chunk>({ body, ...streamOptions, controller, failures, onEnd: release });
        return { data: stream, response, requestId: requestIdOf(response, undefined) };
      } catch (error) {
        release();
        throw error;
      }
    });
  }

  return { vendor, baseURL, client, logger, request, requestStream, createAPIError: errorFromBody };
}

/** A signal that is not an AbortSignal would fail deep inside fetch with a message that names no option. */
function validateSignal(vendor: string, signal: unknown): void {
  if (signal === undefined || isAbortSignalLike(signal)) return;
  const got = signal === null ? 'null' : typeof signal === 'object' ? 'an object that is not an AbortSignal' : `a ${typeof signal}`;
  throw new TextgenError(`[${vendor}] signal must be an AbortSignal (e.g. new AbortController().signal); got ${got}.`);
}

// Duck-typed, not instanceof: a signal from another realm (a test runner's, a polyfill's) is still a signal.
function isAbortSignalLike(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { aborted?: unknown; addEventListener?: unknown; removeEventListener?: unknown };
  return (
    typeof candidate.aborted === 'boolean' &&
    typeof candidate.addEventListener === 'function' &&
    typeof candidate.removeEventListener === 'function'
  );
}
