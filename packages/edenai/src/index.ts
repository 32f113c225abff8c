export { createEdenAI, type EdenAIClient, type EdenAIClientOptions } from './edenai-client';
export {
  toEdenAIWireBody,
  type EdenAIChatRequest,
  type EdenAIChatStreamRequest,
  type EdenAIProviderSettings,
} from './edenai-chat-request';
export {
  readEdenAIChatResult,
  type EdenAIChatMessage,
  type EdenAIChatResponse,
  type EdenAIChatResult,
  type EdenAIProviderFailure,
  type EdenAIProviderFailureBody,
  type EdenAIProviderResult,
  type EdenAIProviderResultBody,
  type EdenAIProviderSuccess,
  type EdenAIProviderSuccessBody,
  type EdenAIToolCall,
  type EdenAIUsage,
} from './edenai-chat-result';
export { edenAIDescriptor } from './edenai-descriptor';
export {
  readEdenAIErrorMessage,
  type EdenAIAnyErrorBody,
  type EdenAIBadRequestBody,
  type EdenAIErrorBody,
  type EdenAINotFoundBody,
} from './edenai-error';
export type { EdenAIChatStreamChunk } from './edenai-stream-chunk';
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
export { edenaiProvider, type EdenAIProviderOptions } from './edenai-provider';
