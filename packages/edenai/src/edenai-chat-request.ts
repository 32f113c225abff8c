import type { components } from './generated/schema';

type WireChatRequest = components['schemas']['EdenChatRequest'];
type WireChatStreamRequest = components['schemas']['EdenChatStreamRequest'];

/** `settings` as the client sends it: a map from provider name to model, e.g. `{openai: 'gpt-4o'}`. */
export type EdenAIProviderSettings = Exclude<components['schemas']['EdenProviderSettings'], string>;

/**
 * Body of `text.chat`, in Eden AI's wire names. `providers` and `fallback_providers` may be a comma-separated string
 * or an array (sent as the comma-joined string); `settings` is the object form (the raw client also takes the
 * JSON-string form the spec allows).
 */
export type EdenAIChatRequest = Omit<WireChatRequest, 'settings'> & { settings?: EdenAIProviderSettings };

/** Body of `text.chatStream`: the chat body plus `fallback_type`; `providers` must name exactly one provider. */
export type EdenAIChatStreamRequest = Omit<WireChatStreamRequest, 'settings'> & { settings?: EdenAIProviderSettings };

function joinProviders(value: string | string[]): string {
  return typeof value === 'string' ? value : value.join(',');
}

/**
 * The body as sent. vendors.md decision 8: the published schema types `providers` as an array, but Eden AI's guides
 * and every shipped client send one comma-separated string, so that is the form the server is known to accept.
 */
export function toEdenAIWireBody<Body extends EdenAIChatRequest>(body: Body): Body & { providers: string } {
  const { fallback_providers: fallbackProviders, ...rest } = body;
  const wire = { ...rest, providers: joinProviders(body.providers) } as Body & { providers: string };
  // An empty list means "no fallback" (the documented default `[]`); joined it would be `""`, which the string form's
  // minLength 1 rejects, so it is left out instead.
  if (fallbackProviders !== undefined && fallbackProviders.length > 0) {
    wire.fallback_providers = joinProviders(fallbackProviders);
  }
  return wire;
}
