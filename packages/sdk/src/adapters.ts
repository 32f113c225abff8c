/**
 * `@textgen/sdk/adapters`: what an integration that puts another interface in front of textgen needs from the facade
 * (`@textgen/ai-sdk-provider` uses it, so it gets the same input checks, wire mapping, retries, timeouts, errors and
 * key redaction as the facade): the default providers, the input normalizer, and core's provider contract.
 *
 * Unstable: this entry follows the facade's internals and may change in any minor version. Applications import from
 * `@textgen/sdk`.
 */
export { defaultProviders, isTextgenProvider, textgenProviders, type DefaultProviders } from './default-providers';
export { normalizeCallInput } from './normalize-call-input';
export type { TextgenCallInput, TextgenProvider } from './textgen-types';
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
} from '@textgen/core';
