export { createAPIPromise, type APIPromise, type APIResponse } from './api-promise';
export { createAPIError, type CreateAPIErrorOptions } from './create-api-error';
export type { LogLevel, Logger } from './logger';
export { retryDelayMs, shouldRetryResponse, shouldRetryStatus } from './retry-policy';
export { maxEventLength, Stream, type StreamFraming } from './stream';
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
  TextgenError,
  UnprocessableEntityError,
  type APIErrorOptions,
} from './textgen-error';
export {
  createTransport,
  type CallInit,
  type ClientOptions,
  type RequestOptions,
  type BodyTransform,
  type StreamOptions,
  type Transport,
} from './transport';
export type { Fetch } from './retrying-fetch';
export type { VendorDescriptor } from './vendor-descriptor';
// The provider contract: what a facade calls and each vendor package's `<vendor>-provider.ts` implements.
export {
  emptyUsage,
  isJsonObject,
  missingAnswerError,
  requireObject,
  unknownFinishReason,
  type NormalizedCall,
  type PreparedCall,
  type ProviderAdapter,
  type ProviderGenerateResult,
  type ProviderStreamEvent,
  type ProviderToolCall,
  type ResponseErrorFactory,
  type TextgenFinishReason,
  type TextgenMessage,
  type TextgenMessageRole,
  type TextgenUsage,
  type UnifiedFinishReason,
} from './provider-contract';
