export {
  createAitre,
  type AitreClient,
  type AitreClientOptions,
  type AitreCompletions,
  type CreateCompletionRequest,
  type CreateCompletionRequestNonStreaming,
  type CreateCompletionRequestStreaming,
  type CreateCompletionResponse,
} from './aitre-client';
export { aitreDescriptor } from './aitre-descriptor';
export { readAitreErrorMessage, type AitreErrorDetail, type AitreErrorResponse } from './aitre-error';
export { parseGoDurationMs, readRateLimit, type AitreRateLimit } from './aitre-rate-limit';
export type { CompletionChunk } from './aitre-stream-chunk';
export type { components, operations, paths } from './generated/schema';
// Re-exported so users of this package alone can type calls, read streams and catch errors without importing
// @textgen/core. The error classes' isInstance() also works across duplicated copies of core.
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  Stream,
  TextgenError,
  UnprocessableEntityError,
  type APIPromise,
  type ClientOptions,
  type RequestOptions,
} from '@textgen/core';
// The facade's provider for this vendor (core's provider contract): `createTextgen` uses it by default.
export { aitreProvider, type AitreProviderOptions } from './aitre-provider';
