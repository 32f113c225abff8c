export {
  createWetrocloud,
  type WetrocloudBodyEncoding,
  type WetrocloudClient,
  type WetrocloudClientOptions,
  type WetrocloudMessage,
  type WetrocloudRequestOptions,
  type WetrocloudTextGeneration,
  type WetrocloudTextGenerationRequest,
  type WetrocloudTextGenerationResponse,
} from './wetrocloud-client';
export { createWetrocloudDescriptor, wetrocloudDefaultBaseURL, type WetrocloudApiVersion } from './wetrocloud-descriptor';
export { readWetrocloudErrorMessage, type WetrocloudError } from './wetrocloud-error';
export type { WetrocloudTextGenerationChunk } from './wetrocloud-stream-chunk';
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
export { wetrocloudProvider, type WetrocloudProviderOptions } from './wetrocloud-provider';
