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
export { aitreDefaultBaseURL, aitreDescriptor } from './aitre-descriptor';
export { readAitreErrorMessage, type AitreErrorDetail, type AitreErrorResponse } from './aitre-error';
export { parseGoDurationMs, readRateLimit, type AitreRateLimit } from './aitre-rate-limit';
export type { CompletionChunk } from './aitre-stream-chunk';
export type { components, operations, paths } from './generated/schema';
// Re-exported so callers can type a method's arguments and results without depending on @textgen/core directly.
export type { APIPromise, RequestOptions, Stream } from '@textgen/core';
