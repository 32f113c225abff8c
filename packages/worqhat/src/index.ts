export {
  createWorqhat,
  type WorqhatClient,
  type WorqhatClientOptions,
  type WorqhatContent,
  type WorqhatContentRequest,
  type WorqhatContentResponse,
  type WorqhatTextContentResponse,
  type WorqhatFinetunedContentRequest,
  type WorqhatGenerateWithModelParams,
  type WorqhatModelType,
} from './worqhat-client';
export { worqhatDefaultBaseURL, worqhatDescriptor } from './worqhat-descriptor';
export { readWorqhatErrorMessage, type WorqhatErrorBody } from './worqhat-error';
export type { WorqhatStreamChunk } from './worqhat-stream-chunk';
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
export { worqhatProvider, type WorqhatProviderOptions } from './worqhat-provider';
