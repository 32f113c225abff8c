/**
 * `@textgen/sdk/adapters`: the facade's provider contract and the four vendor adapters, for integrations that put
 * another interface in front of textgen (`@textgen/ai-sdk-provider` uses it, so it gets the same wire mapping,
 * retries, timeouts, errors and key redaction as the facade).
 *
 * Unstable: this entry follows the facade's internals and may change in any minor version. Applications import from
 * `@textgen/sdk`.
 */
export { aitreAdapter, renderAitrePrompt, type AitreProviderOptions } from './providers/aitre-adapter';
export { edenAIAdapter, type EdenAIProviderOptions } from './providers/edenai-adapter';
export { wetrocloudAdapter, type WetrocloudProviderOptions } from './providers/wetrocloud-adapter';
export { worqhatAdapter, type WorqhatProviderOptions } from './providers/worqhat-adapter';
export {
  emptyUsage,
  unknownFinishReason,
  type PreparedCall,
  type ProviderAdapter,
  type ProviderGenerateResult,
  type ProviderStreamEvent,
  type ProviderToolCall,
} from './providers/provider-adapter';
export { isTextgenProvider, normalizeCallInput, textgenProviders } from './normalize-call-input';
export type {
  NormalizedCall,
  TextgenCallInput,
  TextgenFinishReason,
  TextgenMessage,
  TextgenMessageRole,
  TextgenProvider,
  TextgenUsage,
  UnifiedFinishReason,
} from './textgen-types';
