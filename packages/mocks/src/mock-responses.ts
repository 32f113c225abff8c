import { HttpResponse } from 'msw';
import { frameStreamPayloads } from './answer-request';
import type { MockOverrideResponse } from './mock-call';
import type { OpenApiHeader, OpenApiOperation, OpenApiResponse } from './openapi-document';
import type { RequestAnswer } from './request-answer';
import type { SelectedResponse } from './select-response-example';
import { isJsonMediaType, isStreamMediaType } from './spec-operations';
import { createChunkStream, splitStreamExample } from './stream-example-body';

// The responses the mock's handler steps send (create-vendor-handlers.ts): every one carries the headers the spec
// declares for its status, so a client sees the same headers from an example, an override or a built answer.

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
export function declaredResponseHeaders(response: OpenApiResponse | undefined): Headers {
  const headers = new Headers();
  for (const [name, header] of Object.entries(response?.headers ?? {})) {
    if (name.toLowerCase() === 'x-request-id') {
      headers.set(name, `req_${crypto.randomUUID().replace(/-/g, '')}`);
      continue;
    }
    const value = headerExampleValue(header);
    if (value !== undefined && value !== null)
      headers.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return headers;
}

export function jsonResponse(options: {
  status: number;
  body: unknown;
  headers: Headers;
  mediaType?: string;
}): Response {
  options.headers.set('content-type', options.mediaType ?? 'application/json');
  return new HttpResponse(JSON.stringify(options.body), { status: options.status, headers: options.headers });
}

function streamResponse(options: {
  status: number;
  chunks: string[];
  mediaType: string;
  headers: Headers;
  delayMs: number;
}): Response {
  options.headers.set('content-type', options.mediaType);
  options.headers.set('cache-control', 'no-cache');
  return new HttpResponse(createChunkStream({ chunks: options.chunks, delayMs: options.delayMs }), {
    status: options.status,
    headers: options.headers,
  });
}

export function firstJsonExample(response: OpenApiResponse | undefined): unknown {
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
export function missingCredentialsExample(response: OpenApiResponse | undefined): unknown {
  for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
    if (!isJsonMediaType(mediaType)) continue;
    const marked = Object.values(media.examples ?? {}).find(
      (example) => example['x-textgen-when'] === 'missing-credentials',
    );
    if (marked !== undefined) return marked.value;
  }
  return firstJsonExample(response);
}

function responseForStatus(operation: OpenApiOperation, status: number): OpenApiResponse | undefined {
  return operation.responses[String(status)] ?? operation.responses.default;
}

export function mockErrorResponse(status: number, message: string): Response {
  // A mock-level problem (unknown example name, undeclared status), not a vendor error: the body says so plainly.
  return new HttpResponse(JSON.stringify({ textgenMockError: message }), {
    status,
    headers: { 'content-type': 'application/json', 'x-textgen-mock-error': 'true' },
  });
}

/** A spec example as it is written: a stream example split into its events or lines, anything else in one piece. */
export function selectedExampleResponse(selected: SelectedResponse, delayMs: number): Response {
  const headers = declaredResponseHeaders(selected.response);
  const { mediaType, value, status } = selected;
  if (mediaType === undefined) return new HttpResponse(null, { status, headers });
  if (isStreamMediaType(mediaType) && typeof value === 'string') {
    return streamResponse({
      status,
      chunks: splitStreamExample({ body: value, mediaType }),
      mediaType,
      headers,
      delayMs,
    });
  }
  if (isJsonMediaType(mediaType) || typeof value !== 'string')
    return jsonResponse({ status, body: value, headers, mediaType });
  headers.set('content-type', mediaType);
  return new HttpResponse(value, { status, headers });
}

/** A test's scripted response (createMockServer().override), with the headers the spec declares for its status. */
export function overrideResponse(options: {
  override: MockOverrideResponse;
  operation: OpenApiOperation;
  delayMs: number;
}): Response {
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
      const body = override.body ??
        firstJsonExample(response) ?? { textgenMockError: `scripted status ${override.status}` };
      return jsonResponse({ status: override.status, body, headers });
    }
    default: {
      const unreachable: never = override;
      throw new Error(`Unknown override ${JSON.stringify(unreachable)}`);
    }
  }
}

/** An answer built from the request, sent in the selected example's media type and framing. */
export function requestAnswerResponse(options: {
  answer: RequestAnswer;
  selected: SelectedResponse & { mediaType: string };
  operation: OpenApiOperation;
  delayMs: number;
}): Response {
  const { answer, selected } = options;
  switch (answer.kind) {
    case 'json':
      return jsonResponse({
        status: 200,
        body: answer.body,
        headers: declaredResponseHeaders(selected.response),
        mediaType: selected.mediaType,
      });
    case 'stream': {
      const example = typeof selected.value === 'string' ? selected.value : '';
      const chunks = frameStreamPayloads({ payloads: answer.payloads, mediaType: selected.mediaType, example });
      const headers = declaredResponseHeaders(selected.response);
      return streamResponse({ status: 200, chunks, mediaType: selected.mediaType, headers, delayMs: options.delayMs });
    }
    case 'error': {
      const response = responseForStatus(options.operation, answer.status);
      return jsonResponse({ status: answer.status, body: answer.body, headers: declaredResponseHeaders(response) });
    }
    default: {
      const unreachable: never = answer;
      throw new Error(`Unknown answer ${JSON.stringify(unreachable)}`);
    }
  }
}
