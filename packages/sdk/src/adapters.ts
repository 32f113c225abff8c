/**
 * `@textgen/sdk/adapters`: what an integration that puts another interface in front of textgen needs from the facade
 * (`@textgen/ai-sdk-provider` uses it, so it gets the same input checks, wire mapping, retries, timeouts, errors and
 * key redaction as the facade): the default providers and the input normalizer. The provider contract they speak is
 * `@textgen/core`'s.
 *
 * Unstable: this entry follows the facade's internals and may change in any minor version. Applications import from
 * `@textgen/sdk`.
 */
export { defaultProviders, isTextgenProvider, textgenProviders, type DefaultProviders } from './default-providers';
export { normalizeCallInput } from './normalize-call-input';
export type { TextgenCallInput, TextgenProvider } from './textgen-types';
