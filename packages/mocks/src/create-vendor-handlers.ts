import { http, HttpResponse, type HttpHandler } from 'msw';
import { answerRequest, frameStreamPayloads } from './answer-request';
import { checkAuthorization } from './check-authorization';
import type { MockCall, MockOverrideResponse } from './mock-call';
import type { OpenApiDocument, OpenApiHeader, OpenApiOperation, OpenApiResponse, HttpMethod } from './openapi-document';
import { parsePreferHeader } from './parse-prefer-header';
import { readRequestBody } from './read-request-body';
import { validateAgainstSchema, validateParameters, type ValidationIssue } from './request-validator';
import { selectResponseExample, type SelectedResponse } from './select-response-example';
import {
  essenceOfContentType,
  getDefaultBaseUrl,
  getStreamMode,
  isJsonMediaType,
  isStreamMediaType,
  listSpecOperations,
  requestWantsStream,
  type SpecOperation,
} from './spec-operations';
import { createChunkStream, splitStreamExample } from './stream-example-body';
import { createValidationErrorBody } from './validation-error-body';
import type { VendorRegistryEntry } from './vendor-registry-entry';
import { getVendorEntry, mockVendorIds, type MockVendor } from './vendor-specs';

/** Default pause between stream chunks: small enough for fast tests, large enough that chunks arrive separately. */
export const defaultStreamChunkDelayMs = 5;

export interface CreateVendorHandlersOptions {
  vendor: MockVendor;
  /** Defaults to the spec's first server URL with its variables' defaults (e.g. https://api.example.com/v1). */
  baseUrl?: string;
  /** Pause between stream chunks in milliseconds; 0 sends them back to back. Default 5. */
  streamChunkDelayMs?: number;
  /** Called with every request that reached an operation, valid or not. */
  onCall?: (call: MockCall) => void;
  /** Consulted once per valid request; a returned response replaces the spec example. */
  takeOverride?: (call: MockCall) => MockOverrideResponse | undefined;
}

export interface CreateMockHandlersOptions {
  /** Base URL per vendor; vendors not listed use their spec's default server. */
  baseUrls?: Partial<Record<MockVendor, string>>;
  streamChunkDelayMs?: number;
  onCall?: (call: MockCall) => void;
  takeOverride?: (call: MockCall) => MockOverrideResponse | undefined;
}

const mswMethods = {
  get: http.get,
  put: http.put,
  post: http.post,
  delete: http.delete,
  options: http.options,
  head: http.head,
  patch: http.patch,
} as const;

function isMswMethod(method: HttpMethod): method is keyof typeof mswMethods {
  return method in mswMethods;
}

function headerExampleValue(header: OpenApiHeader): unknown {
  const schema = typeof header.schema === 'object' ? header.schema : {};
  const candidates: unknown[] = [
    header.example,
    Object.values(header.examples ?? {})[0]?.value,
    schema.example,
    Array.isArray(schema.examples) ? schema.examples[0] : undefined,
    schema.default,
  ];
  return candidates.find((candidate) => candidate !== undefined);
}

/**
 * The response headers the spec declares for one response, filled from their examples or defaults.
 * `x-request-id` gets a fresh id per response instead, so tests can tell requests apart as with the real API.
 */
function declaredResponseHeaders(response: OpenApiResponse | undefined): Headers {
  const headers = new Headers();
  for (const [name, header] of Object.entries(response?.headers ?? {})) {
    if (name.toLowerCase() === 'x-request-id') {
      headers.set(name, `req_${crypto.randomUUID().replace(/-/g, '')}`);
      continue;
    }
    const value = headerExampleValue(header);
    if (value !== undefined && value !== null) headers.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return headers;
}

function jsonResponse(options: { status: number; body: unknown; headers: Headers; mediaType?: string }): Response {
  options.headers.set('content-type', options.mediaType ?? 'application/json');
  return new HttpResponse(JSON.stringify(options.body), { status: options.status, headers: options.headers });
}

function streamResponse(options: { status: number; chunks: string[]; mediaType: string; headers: Headers; delayMs: number }): Response {
  options.headers.set('content-type', options.mediaType);
  options.headers.set('cache-control', 'no-cache');
  return new HttpResponse(createChunkStream({ chunks: options.chunks, delayMs: options.delayMs }), {
    status: options.status,
    headers: options.headers,
  });
}

function firstJsonExample(response: OpenApiResponse | undefined): unknown {
  for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
    if (!isJsonMediaType(mediaType)) continue;
    const first = Object.values(media.examples ?? {})[0];
    if (first !== undefined) return first.value;
  }
  return undefined;
}

/**
 * The body of a 401 for credentials the mock rejected. The mock only rejects a missing header or one outside the
 * vendor's scheme (any non-empty key in the right scheme is accepted), so the example the spec marks
 * `x-textgen-when: missing-credentials` fits best; without one, the first example stands in.
 */
function missingCredentialsExample(response: OpenApiResponse | undefined): unknown {
  for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
    if (!isJsonMediaType(mediaType)) continue;
    const marked = Object.values(media.examples ?? {}).find((example) => example['x-textgen-when'] === 'missing-credentials');
    if (marked !== undefined) return marked.value;
  }
  return firstJsonExample(response);
}

function responseForStatus(operation: OpenApiOperation, status: number): OpenApiResponse | undefined {
  return operation.responses[String(status)] ?? operation.responses.default;
}

function mockErrorResponse(status: number, message: string): Response {
  // A mock-level problem (unknown example name, undeclared status), not a vendor error: the body says so plainly.
  return new HttpResponse(JSON.stringify({ textgenMockError: message }), {
    status,
    headers: { 'content-type': 'application/json', 'x-textgen-mock-error': 'true' },
  });
}

function selectedExampleResponse(selected: SelectedResponse, delayMs: number): Response {
  const headers = declaredResponseHeaders(selected.response);
  const { mediaType, value, status } = selected;
  if (mediaType === undefined) return new HttpResponse(null, { status, headers });
  if (isStreamMediaType(mediaType) && typeof value === 'string') {
    return streamResponse({ status, chunks: splitStreamExample({ body: value, mediaType }), mediaType, headers, delayMs });
  }
  if (isJsonMediaType(mediaType) || typeof value !== 'string') return jsonResponse({ status, body: value, headers, mediaType });
  headers.set('content-type', mediaType);
  return new HttpResponse(value, { status, headers });
}

function overrideResponse(options: { override: MockOverrideResponse; operation: OpenApiOperation; delayMs: number }): Response {
  const { override, operation } = options;
  switch (override.type) {
    case 'json': {
      const status = override.status ?? 200;
      const headers = declaredResponseHeaders(responseForStatus(operation, status));
      for (const [name, value] of Object.entries(override.headers ?? {})) headers.set(name, value);
      return jsonResponse({ status, body: override.body, headers });
    }
    case 'stream-chunks': {
      const status = override.status ?? 200;
      const response = responseForStatus(operation, status);
      const declaredStream = Object.keys(response?.content ?? {}).find(isStreamMediaType);
      const headers = declaredResponseHeaders(response);
      for (const [name, value] of Object.entries(override.headers ?? {})) headers.set(name, value);
      const mediaType = override.contentType ?? declaredStream ?? 'text/event-stream';
      return streamResponse({ status, chunks: override.chunks, mediaType, headers, delayMs: options.delayMs });
    }
    case 'error': {
      const response = responseForStatus(operation, override.status);
      const headers = declaredResponseHeaders(response);
      for (const [name, value] of Object.entries(override.headers ?? {})) headers.set(name, value);
      // Without an explicit body, the spec's own example for that status keeps the vendor's error shape.
      const body = override.body ?? firstJsonExample(response) ?? { textgenMockError: `scripted status ${override.status}` };
      return jsonResponse({ status: override.status, body, headers });
    }
    default: {
      const unreachable: never = override;
      throw new Error(`Unknown override ${JSON.stringify(unreachable)}`);
    }
  }
}

function requestAwareResponse(options: {
  context: OperationHandlerContext;
  selected: SelectedResponse;
  body: unknown;
  wantsStream: boolean;
}): Response | undefined {
  const { context, selected } = options;
  if (selected.mediaType === undefined || selected.status !== 200) return undefined;
  const answer = answerRequest({
    entry: context.entry,
    operationId: context.specOperation.operationId,
    body: options.body,
    response: selected.response,
    mediaType: selected.mediaType,
    wantsStream: options.wantsStream,
  });
  if (answer === undefined) return undefined;
  switch (answer.kind) {
    case 'json':
      return jsonResponse({ status: 200, body: answer.body, headers: declaredResponseHeaders(selected.response), mediaType: selected.mediaType });
    case 'stream': {
      const example = typeof selected.value === 'string' ? selected.value : '';
      const chunks = frameStreamPayloads({ payloads: answer.payloads, mediaType: selected.mediaType, example });
      const headers = declaredResponseHeaders(selected.response);
      return streamResponse({ status: 200, chunks, mediaType: selected.mediaType, headers, delayMs: context.delayMs });
    }
    case 'error': {
      const response = responseForStatus(context.specOperation.operation, answer.status);
      return jsonResponse({ status: answer.status, body: answer.body, headers: declaredResponseHeaders(response) });
    }
    default: {
      const unreachable: never = answer;
      throw new Error(`Unknown answer ${JSON.stringify(unreachable)}`);
    }
  }
}

function invalidRequestResponse(options: { entry: VendorRegistryEntry; operation: OpenApiOperation; issues: ValidationIssue[] }): Response {
  const headers = declaredResponseHeaders(options.operation.responses['400']);
  const body = createValidationErrorBody({ shape: options.entry.mock.validationErrorBody, issues: options.issues });
  return jsonResponse({ status: 400, body, headers });
}

function toPathParameters(params: Record<string, string | readonly string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params)
      .filter((entry): entry is [string, string | readonly string[]] => entry[1] !== undefined)
      .map(([name, value]) => [name, typeof value === 'string' ? value : value.join('/')]),
  );
}

/**
 * The msw pattern of a spec path. With `x-textgen-mock.trailingSlash: optional` the path also matches without its
 * trailing slash, for a vendor whose shipped clients call both forms; `strict` leaves a client that drops the slash
 * unmatched, as a strictly routed backend would.
 */
function mswPath(options: { baseUrl: string; path: string; trailingSlash: VendorRegistryEntry['mock']['trailingSlash'] }): string {
  let path = options.path.replace(/\{([^}]+)\}/g, ':$1');
  if (options.trailingSlash === 'optional' && path.length > 1) {
    // msw (path-to-regexp 6, non-strict) treats a trailing slash as optional only when the pattern has none.
    path = path.replace(/\/+$/, '');
  }
  return `${options.baseUrl.replace(/\/+$/, '')}${path}`;
}

interface OperationHandlerContext {
  vendor: MockVendor;
  entry: VendorRegistryEntry;
  spec: OpenApiDocument;
  specOperation: SpecOperation;
  delayMs: number;
  onCall: ((call: MockCall) => void) | undefined;
  takeOverride: ((call: MockCall) => MockOverrideResponse | undefined) | undefined;
}

async function handleOperationRequest(
  context: OperationHandlerContext,
  request: Request,
  params: Record<string, string | readonly string[] | undefined>,
): Promise<Response> {
  const { vendor, spec, specOperation, delayMs } = context;
  const { operation } = specOperation;
  const bytes = request.method === 'GET' || request.method === 'HEAD' ? new ArrayBuffer(0) : await request.arrayBuffer();
  const requestBody = operation.requestBody;
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = essenceOfContentType(contentType);
  const media = requestBody?.content[mediaType];
  const hasBody = bytes.byteLength > 0;
  const read = hasBody && media !== undefined ? await readRequestBody({ bytes, mediaType, contentType, media }) : undefined;

  const call: MockCall = {
    vendor,
    operationId: specOperation.operationId,
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers),
    body: read?.parsed,
    bodyText: read?.text ?? new TextDecoder().decode(bytes),
    pathParameters: toPathParameters(params),
  };
  context.onCall?.(call);

  // The real APIs authenticate before they look at the body, so a bad key wins over a bad body.
  const authorization = checkAuthorization({ spec, operation, request });
  if (authorization.kind === 'rejected') {
    const response = operation.responses['401'];
    return jsonResponse({
      status: 401,
      body: missingCredentialsExample(response) ?? { textgenMockError: `credentials ${authorization.reason}` },
      headers: declaredResponseHeaders(response),
    });
  }

  const issues: ValidationIssue[] = [];
  if (requestBody !== undefined) {
    if (!hasBody) {
      if (requestBody.required === true) issues.push({ location: 'body', field: '', keyword: 'required', params: {}, message: 'request body is required' });
    } else if (media === undefined) {
      const accepted = Object.keys(requestBody.content);
      const unsupported = operation.responses['415'];
      if (unsupported !== undefined) {
        return jsonResponse({ status: 415, body: firstJsonExample(unsupported), headers: declaredResponseHeaders(unsupported) });
      }
      issues.push({ location: 'header', field: 'content-type', keyword: 'enum', params: { allowedValues: accepted, value: mediaType }, message: `must be one of: ${accepted.join(', ')} (got "${mediaType}")` });
    }
  }
  issues.push(
    ...validateParameters({
      parameters: specOperation.parameters,
      pathParameters: params,
      query: new URL(request.url).searchParams,
      headers: request.headers,
    }),
  );
  if (read !== undefined) {
    issues.push(...read.issues);
    if (read.issues.length === 0 && media?.schema !== undefined) {
      issues.push(...validateAgainstSchema({ schema: media.schema, value: read.validationValue, location: 'body' }));
    }
  }
  if (issues.length > 0) return invalidRequestResponse({ entry: context.entry, operation, issues });

  const wantsStream = requestWantsStream(getStreamMode(operation), read?.validationValue);
  const override = context.takeOverride?.(call);
  if (override !== undefined) return overrideResponse({ override, operation, delayMs });

  const preference = parsePreferHeader(request.headers.get('prefer'));
  const selection = selectResponseExample({ operation, preference, wantsStream });
  switch (selection.kind) {
    case 'selected': {
      // `Prefer` replays an example byte for byte; without it the answer follows the request (README "Answers").
      const replay = preference.example !== undefined || preference.code !== undefined;
      const built = replay ? undefined : requestAwareResponse({ context, selected: selection.selected, body: read?.validationValue, wantsStream });
      return built ?? selectedExampleResponse(selection.selected, delayMs);
    }
    case 'not-found':
      return mockErrorResponse(500, selection.message);
    default: {
      const unreachable: never = selection;
      throw new Error(`Unknown selection ${JSON.stringify(unreachable)}`);
    }
  }
}

/** msw handlers for every operation of one vendor's spec, built at run time from the bundled spec. */
export function createVendorHandlers(options: CreateVendorHandlersOptions): HttpHandler[] {
  const entry = getVendorEntry(options.vendor);
  const { spec } = entry;
  const baseUrl = options.baseUrl ?? getDefaultBaseUrl(spec);
  const delayMs = options.streamChunkDelayMs ?? defaultStreamChunkDelayMs;
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError(`streamChunkDelayMs must be 0 or more, got ${delayMs}.`);
  return listSpecOperations(spec).flatMap((specOperation) => {
    if (!isMswMethod(specOperation.method)) return [];
    const context: OperationHandlerContext = {
      vendor: options.vendor,
      entry,
      spec,
      specOperation,
      delayMs,
      onCall: options.onCall,
      takeOverride: options.takeOverride,
    };
    const path = mswPath({ baseUrl, path: specOperation.path, trailingSlash: entry.mock.trailingSlash });
    return [mswMethods[specOperation.method](path, ({ request, params }) => handleOperationRequest(context, request, params))];
  });
}

/** msw handlers for every operation of every vendor in the registry. */
export function createMockHandlers(options: CreateMockHandlersOptions = {}): HttpHandler[] {
  return mockVendorIds.flatMap((vendor) =>
    createVendorHandlers({
      vendor,
      baseUrl: options.baseUrls?.[vendor],
      streamChunkDelayMs: options.streamChunkDelayMs,
      onCall: options.onCall,
      takeOverride: options.takeOverride,
    }),
  );
}
