import createClient, { createQuerySerializer, type Client } from 'openapi-fetch';
import { createAPIPromise, type APIPromise, type APIResponse } from './api-promise';
import { createAPIError, describeBody, truncateText } from './create-api-error';
import { createLeveledLogger, type LogLevel, type Logger } from './logger';
import { readEnvironment } from './read-environment';
import { createRedactor, type Redactor } from './redact-secret';
import { createRetryingFetch, PreparedRequest, type Fetch, type SendOptions, type SendResult } from './retrying-fetch';
import { encodeFormBody, type HookTools, type OperationDefinition, type OperationHooks } from './operation';
import { Stream } from './stream';
import { createStreamFailures } from './read-stream-body';
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

/** openapi-fetch's `request(method, path, init)` with the path typing left out: the operation comes from the spec. */
type UntypedRequest = (method: OperationDefinition['method'], path: string, init: object) => Promise<unknown>;

/** Per-call options of a generated method: the request options, plus the body encoding where the spec has several. */
export interface CallOptions extends RequestOptions {
  bodyEncoding?: string | undefined;
}

export interface Transport<Paths extends object> {
  readonly vendor: string;
  readonly baseURL: string;
  /** openapi-fetch client whose fetch is core's: raw typed calls also get auth, retries and timeouts. */
  readonly client: Client<Paths>;
  readonly logger: Logger;
  /**
   * Performs one operation of the spec, as JSON or as a stream (the operation's `stream` rule reads the params), with
   * the vendor's hooks. A non-2xx response rejects with the matching APIError subclass; a stream resolves once the
   * headers arrive. Generated clients call this once per method; it is the only call path.
   */
  call<Result>(
    operation: OperationDefinition,
    params: unknown,
    options?: CallOptions,
    hooks?: OperationHooks,
  ): APIPromise<Result>;
  /** An APIError for this vendor, e.g. for a 200 whose body reports a failure (Wetrocloud `success: false`). */
  createAPIError(options: { response: Response; body: unknown; detail?: string }): APIError;
}

const defaultTimeoutMs = 10 * 60 * 1000;

/**
 * The transport a vendor package builds its client on. Throws a TextgenError right away when no API key is found,
 * so a misconfigured client fails where it is created, not at its first call.
 */
export function createTransport<Paths extends object>(
  descriptor: VendorDescriptor,
  options: ClientOptions = {},
): Transport<Paths> {
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
  const { header, prefix } = descriptor.authorization;
  const auth = { name: header, value: prefix === undefined ? apiKey : `${prefix} ${apiKey}` };
  const redactor: Redactor = createRedactor({ secret: apiKey, headerName: auth.name });
  const configuredBaseURL =
    options.baseURL ?? readEnvironment(`${environmentPrefix}_BASE_URL`) ?? descriptor.defaultBaseURL;
  if (!configuredBaseURL) {
    throw new TextgenError(
      `[${vendor}] No base URL: ${vendor} has no default host, so pass the baseURL option or set the ${environmentPrefix}_BASE_URL environment variable.`,
    );
  }
  const baseURL = configuredBaseURL.replace(/\/+$/, '');
  const logger = createLeveledLogger({ level: options.logLevel, logger: options.logger, redact: redactor.text });
  const userFetch = options.fetch;

  const requestIdHeader = descriptor.requestId?.header ?? 'x-request-id';
  const requestIdFromBody = (body: unknown): string | undefined => {
    const field = descriptor.requestId?.bodyField;
    const value =
      field === undefined || typeof body !== 'object' || body === null
        ? undefined
        : (body as Record<string, unknown>)[field];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  // A request id is the server's text: a hostile or buggy server can echo the key in it.
  const requestIdOf = (response: Response, body: unknown): string | undefined => {
    const requestId =
      response.headers.get(requestIdHeader) ?? (body === undefined ? undefined : requestIdFromBody(body));
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
    // The default query serializer, built once: given only options, openapi-fetch builds a new one on every call.
    querySerializer: createQuerySerializer(),
  });

  /**
   * The 2xx JSON body as an object (or an array, where the spec allows one); every other body is an APIError that
   * says what was wrong with it.
   */
  const parseObjectBody = (response: Response, text: string, allowArray: boolean): unknown => {
    if (text.trim() === '')
      throw errorFromBody({
        response,
        body: undefined,
        detail: 'The response body is empty; a JSON object was expected.',
      });
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      // Not String(error): V8 quotes the start of the text in it, cut where a key may straddle the cut.
      const body = truncateText(redactor.text(text));
      throw errorFromBody({ response, body, detail: `The response body is not valid JSON: ${body}` });
    }
    // Every operation of these APIs answers an object (Eden AI answers an array for `response_as_dict: false`, which
    // its
    // hook reads); `null`, `[]`, a number or a string in a 2xx would otherwise reach the caller as if it were the
    // answer.
    if (typeof data !== 'object' || data === null || (Array.isArray(data) && !allowArray)) {
      const kind = data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`;
      throw errorFromBody({
        response,
        body: data,
        detail: `The response body is ${kind}; a JSON object was expected.`,
      });
    }
    return data;
  };

  const tools: HookTools = { createAPIError: errorFromBody };

  /**
   * The body as JSON; a hook's result in place of the body, where the vendor has one. Not async: it runs on the
   * response `perform` awaited, and one async layer fewer is one promise fewer per call.
   */
  const readJson = (
    { response, text = '' }: SendResult,
    operation: OperationDefinition,
    hooks: OperationHooks | undefined,
    input: Record<string, unknown>,
  ): APIResponse<unknown> => {
    const transform = hooks?.transform as
      ((body: unknown, response: Response, tools: HookTools, sent: unknown) => unknown) | undefined;
    const body = parseObjectBody(response, text, operation.answersArray === true);
    const requestId = requestIdOf(response, body);
    if (!transform) return { data: body, response, requestId };
    try {
      return { data: transform(body, response, tools, input), response, requestId };
    } catch (error) {
      if (TextgenError.isInstance(error)) throw error;
      // A vendor hook that trips over a body it did not expect: the body is what was wrong, so say so.
      throw errorFromBody({ response, body, detail: `The response body has an unexpected shape (${String(error)}).` });
    }
  };

  const readStream = async (
    sent: (signal: AbortSignal) => Promise<SendResult>,
    stream: NonNullable<OperationDefinition['stream']>,
    callerSignal: AbortSignal | undefined,
    hooks: OperationHooks | undefined,
  ): Promise<APIResponse<Stream<unknown>>> => {
    // One controller for the whole call: the caller's signal, `break` and stream.controller.abort() all end up here.
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(callerSignal?.reason);
    // Removed once the stream ends or the call fails: a long-lived caller signal must not gain a listener per stream.
    const release = () => callerSignal?.removeEventListener('abort', forwardAbort);
    if (callerSignal?.aborted) forwardAbort();
    else callerSignal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      const { response, body, idle } = await sent(controller.signal);
      if (!body) throw errorFromBody({ response, body: undefined, detail: 'Expected a streamed body but got none.' });
      const failures = createStreamFailures({
        vendor,
        response,
        signal: controller.signal,
        redactor,
        errorFromBody,
        describe,
      });
      const { framing, terminator } = stream;
      const items = Stream.fromBody<unknown>({ body, framing, terminator, controller, failures, idle, onEnd: release });
      const check = hooks?.chunk as ((chunk: unknown, response: Response, tools: HookTools) => unknown) | undefined;
      const data = check === undefined ? items : items.map((chunk) => check(chunk, response, tools));
      return { data, response, requestId: requestIdOf(response, undefined) };
    } catch (error) {
      release();
      throw error;
    }
  };

  /**
   * Sends the operation through openapi-fetch (URL, query, headers, body serializer) with core's retrying fetch, and
   * returns what that fetch received. `parseAs: 'stream'` skips openapi-fetch's own reading: core reads the body.
   */
  const sendOperation = async (
    operation: OperationDefinition,
    parts: { path: object | undefined; query: object; body: Record<string, unknown>; form: FormEncoding | undefined },
    options: SendOptions & { headers?: Record<string, string> | undefined },
  ): Promise<SendResult> => {
    let result: SendResult | undefined;
    try {
      await (client.request as unknown as UntypedRequest)(operation.method, operation.path, {
        params: { path: parts.path, query: parts.query },
        body: parts.body,
        // The default serializer looks the Content-Type up twice before it settles on JSON.stringify: skip that.
        bodySerializer: parts.form ? () => encodeFormBody(parts.body, parts.form?.jsonFields) : serializeJsonBody,
        fetch: async (request: PreparedRequest) => (result = await send(request, options)).response,
        headers: options.headers,
        parseAs: 'stream',
      });
    } catch (error) {
      if (TextgenError.isInstance(error)) throw error;
      // openapi-fetch throws before sending when the body cannot be serialized (a BigInt, a cycle) or the URL is bad.
      const stage = result ? 'The response could not be read' : 'The request could not be built';
      throw new TextgenError(redactor.text(`[${vendor}] ${stage}: ${String(error)}`));
    }
    if (!result) throw new TextgenError(`[${vendor}] The request was never sent.`);
    return result;
  };

  // Async, so that a bad option or bad params reject the APIPromise instead of throwing where the method is called.
  async function perform(
    operation: OperationDefinition,
    params: unknown,
    callOptions: CallOptions,
    hooks: OperationHooks | undefined,
  ): Promise<APIResponse<unknown>> {
    const { bodyEncoding, signal, timeout, maxRetries, headers } = callOptions;
    if (maxRetries !== undefined || timeout !== undefined) validateLimits({ vendor, maxRetries, timeout });
    validateSignal(vendor, signal);
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new TextgenError(
        `[${vendor}] ${operationName(operation)}: the params must be an object of the request's fields.`,
      );
    }
    const prepare = hooks?.prepare as ((params: unknown) => object) | undefined;
    const input = { ...(prepare ? prepare(params) : params) } as Record<string, unknown>;
    // Left undefined without path parameters: openapi-fetch then skips its path serializer.
    let path: Record<string, unknown> | undefined;
    for (const parameter of operation.pathParameters ?? noParameters) {
      const value = input[parameter];
      delete input[parameter];
      if ((typeof value !== 'string' || value.trim() === '') && typeof value !== 'number') {
        throw new TextgenError(
          `[${vendor}] ${operationName(operation)}: \`${parameter}\` is missing or empty; it is part of the URL, so pass it.`,
        );
      }
      (path ??= {})[parameter] = value;
    }
    const query: Record<string, unknown> = {};
    for (const parameter of operation.queryParameters ?? noParameters) {
      if (input[parameter] !== undefined) query[parameter] = input[parameter];
      delete input[parameter];
    }
    const parts = { path, query, body: input, form: pickFormEncoding(vendor, operation, bodyEncoding) };
    const rule = operation.stream;
    if (rule?.always === true || (rule?.requestFlag !== undefined && input[rule.requestFlag] === true)) {
      const sent = (streamSignal: AbortSignal) =>
        sendOperation(operation, parts, { signal: streamSignal, timeout, maxRetries, headers, mode: 'stream' });
      return readStream(sent, rule, signal, hooks);
    }
    const sent = await sendOperation(operation, parts, { signal, timeout, maxRetries, headers, mode: 'json' });
    return readJson(sent, operation, hooks, input);
  }

  const call = <Result>(
    operation: OperationDefinition,
    params: unknown,
    callOptions: CallOptions = {},
    hooks?: OperationHooks,
  ): APIPromise<Result> =>
    createAPIPromise(perform(operation, params, callOptions, hooks) as Promise<APIResponse<Result>>);

  return { vendor, baseURL, client, logger, call, createAPIError: errorFromBody };
}

type FormEncoding = { jsonFields?: readonly string[] | undefined };

const noParameters: readonly string[] = [];

const serializeJsonBody = (body: unknown): string => JSON.stringify(body);

/** How messages name an operation, e.g. `POST /completions`; built only when a message needs it. */
function operationName(operation: OperationDefinition): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

/** The form encoding the caller chose, or undefined for JSON; an unknown name is a TextgenError naming the choices. */
function pickFormEncoding(
  vendor: string,
  operation: OperationDefinition,
  bodyEncoding: string | undefined,
): FormEncoding | undefined {
  const encodings = operation.bodyEncodings;
  if (encodings === undefined) return undefined;
  const chosen = bodyEncoding ?? Object.keys(encodings)[0];
  const encoding = chosen === undefined ? undefined : encodings[chosen];
  if (encoding === undefined) {
    const choices = Object.keys(encodings)
      .map((choice) => `'${choice}'`)
      .join(' or ');
    throw new TextgenError(
      `[${vendor}] ${operationName(operation)}: bodyEncoding must be ${choices}; got ${JSON.stringify(bodyEncoding)}.`,
    );
  }
  return encoding.mediaType === 'multipart/form-data' ? encoding : undefined;
}

/** A signal that is not an AbortSignal would fail deep inside fetch with a message that names no option. */
function validateSignal(vendor: string, signal: unknown): void {
  if (signal === undefined || isAbortSignalLike(signal)) return;
  const got =
    signal === null
      ? 'null'
      : typeof signal === 'object'
        ? 'an object that is not an AbortSignal'
        : `a ${typeof signal}`;
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
