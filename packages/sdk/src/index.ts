export {
  createTextgen,
  type ProviderSet,
  type Textgen,
  type TextgenCalls,
  type TextgenOptions,
} from './create-textgen';
export { generateText, type GenerateTextInput } from './generate-text';
export { streamText, type StreamTextInput } from './stream-text';
export { getDefaultTextgen } from './default-textgen';
export type {
  GenerateTextResult,
  StreamTextResult,
  TextDeltaPart,
  TextgenCallInput,
  TextgenProvider,
  TextStreamPart,
} from './textgen-types';
// The default providers, the names they go by, and each vendor's factory, client and option types: listed in the
// one file of the sdk that names the vendors, so adding a vendor changes that file only.
export * from './default-providers';
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
  type APIResponse,
  type ClientOptions,
  type Logger,
  type LogLevel,
  type RequestOptions,
  type TextgenFinishReason,
  type TextgenMessage,
  type TextgenMessageRole,
  type TextgenUsage,
  type UnifiedFinishReason,
} from '@textgen/core';
