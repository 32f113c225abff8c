export { createTextgen, type Textgen, type TextgenOptions } from './create-textgen';
export { generateText, type GenerateTextInput } from './generate-text';
export { streamText, type StreamTextInput } from './stream-text';
export { getDefaultTextgen } from './default-textgen';
export { isTextgenProvider, textgenProviders } from './normalize-call-input';
export type {
  GenerateTextResult,
  StreamTextResult,
  TextDeltaPart,
  TextgenCallInput,
  TextgenFinishReason,
  TextgenMessage,
  TextgenMessageRole,
  TextgenProvider,
  TextgenUsage,
  TextStreamPart,
  UnifiedFinishReason,
} from './textgen-types';
export { renderAitrePrompt, type AitreProviderOptions } from './providers/aitre-adapter';
export type { EdenAIProviderOptions } from './providers/edenai-adapter';
export type { WetrocloudProviderOptions } from './providers/wetrocloud-adapter';
export type { WorqhatProviderOptions } from './providers/worqhat-adapter';
export { createWetrocloud, type WetrocloudClient, type WetrocloudClientOptions } from '@textgen/wetrocloud';
export { createEdenAI, type EdenAIClient, type EdenAIClientOptions } from '@textgen/edenai';
export { createWorqhat, type WorqhatClient, type WorqhatClientOptions } from '@textgen/worqhat';
export { createAitre, type AitreClient, type AitreClientOptions } from '@textgen/aitre';
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
} from '@textgen/core';
