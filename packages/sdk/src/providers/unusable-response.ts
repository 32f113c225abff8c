import type { APIError } from '@textgen/core';

/**
 * What every vendor client offers to build its own APIError (core's `transport.createAPIError`): status, headers,
 * request id and vendor come from the response, and the API key is redacted from the message, body and headers.
 */
export interface ResponseErrorFactory {
  createAPIError(options: { response: Response; body: unknown; detail?: string }): APIError;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What came instead of an object, for an error message: `empty`, `null`, `an array`, `a string`... */
export function describeNonObject(value: unknown): string {
  if (value === undefined) return 'empty';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * The 200 body as an object, or the client's APIError saying what arrived instead. `expected` sketches the shape the
 * vendor documents, e.g. `{ id, model, choices }`.
 */
export function requireObjectBody(options: {
  client: ResponseErrorFactory;
  response: Response;
  body: unknown;
  expected: string;
}): Record<string, unknown> {
  const { client, response, body, expected } = options;
  if (isJsonObject(body)) return body;
  throw client.createAPIError({
    response,
    body,
    detail: `The 200 response body is ${describeNonObject(body)}, not a JSON object ${expected}; there is no answer in it. Retry, or check that the base URL points at this vendor's API.`,
  });
}

/** The APIError for a 200 body that is an object but lacks the field holding the answer. */
export function missingAnswerError(options: { client: ResponseErrorFactory; response: Response; body: unknown; field: string }): APIError {
  const { client, response, body, field } = options;
  return client.createAPIError({
    response,
    body,
    detail: `The 200 response body has no ${field}, so there is no answer in it. Retry, or check that the base URL points at this vendor's API.`,
  });
}

/**
 * One stream chunk as an object, or the client's APIError saying what arrived instead. An object without text is
 * fine (it yields no delta); a chunk that is not an object at all means the stream is not what the vendor sends.
 */
export function requireObjectChunk(options: {
  client: ResponseErrorFactory;
  response: Response;
  chunk: unknown;
  expected: string;
}): Record<string, unknown> {
  const { client, response, chunk, expected } = options;
  if (isJsonObject(chunk)) return chunk;
  throw client.createAPIError({
    response,
    body: chunk,
    detail: `A stream chunk is ${describeNonObject(chunk)}, not a JSON object ${expected}; the stream cannot be read past it.`,
  });
}
