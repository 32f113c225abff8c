export { createAPIPromise, type APIPromise, type APIResponse } from './api-promise';
export { createAPIError, type CreateAPIErrorOptions } from './create-api-error';
export type { LogLevel, Logger } from './logger';
export { retryDelayMs, shouldRetryResponse } from './retry-policy';
export { Stream, type StreamFraming } from './stream';
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
