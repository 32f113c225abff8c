export {
  createWorqhat,
  type WorqhatClient,
  type WorqhatClientOptions,
  type WorqhatContent,
  type WorqhatContentRequest,
  type WorqhatContentResponse,
  type WorqhatFinetunedContentRequest,
  type WorqhatGenerateWithModelParams,
  type WorqhatModelType,
} from './worqhat-client';
export { worqhatDefaultBaseURL, worqhatDescriptor } from './worqhat-descriptor';
export { readWorqhatErrorMessage, type WorqhatErrorBody } from './worqhat-error';
export type { WorqhatStreamChunk } from './worqhat-stream-chunk';
export type { components, operations, paths } from './generated/schema';
// Re-exported so callers can type a method's second argument without depending on @textgen/core directly.
export type { RequestOptions } from '@textgen/core';
