/**
 * `@textgen/core`: what users of a textgen client import. Vendor packages build on `@textgen/core/internal`.
 */
export type { APIPromise, APIResponse } from './api-promise';
export type { LogLevel, Logger } from './logger';
export type { Fetch } from './retrying-fetch';
export { shouldRetryStatus } from './retry-policy';
export { Stream, type StreamFraming } from './stream';
export * from './textgen-error';
export type { ClientOptions, RequestOptions } from './transport';
// The provider contract: what a facade calls and each vendor package's `<vendor>-provider.ts` implements. A user's own
// provider implements it too (`createTextgen({ providers: { mine } })`).
export {
  emptyUsage,
  unknownFinishReason,
  type NormalizedCall,
  type PreparedCall,
  type ProviderAdapter,
  type ProviderGenerateResult,
  type ProviderStreamEvent,
  type ProviderToolCall,
  type TextgenFinishReason,
  type TextgenMessage,
  type TextgenMessageRole,
  type TextgenUsage,
  type UnifiedFinishReason,
} from './provider-contract';
