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
  edenAIErrorMessage,
  type EdenAIAnyErrorBody,
  type EdenAIBadRequestBody,
  type EdenAIErrorBody,
  type EdenAINotFoundBody,
} from './edenai-error';
export type { EdenAIChatStreamChunk } from './edenai-stream-chunk';
export type { components, operations, paths } from './generated/schema';
