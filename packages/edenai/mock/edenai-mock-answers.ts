import type { AnswerContext, RequestAnswer } from '@textgen/mocks';

/**
 * Eden AI's request-aware mock answers. The mock server (packages/mocks) imports this file through its generated
 * vendor registry; it imports only types from @textgen/mocks, so the two packages form no runtime cycle.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Providers the mock answers for: the names Eden AI's schema lists for text chat (spec `createTextChat` 200
 * description) plus `replicate`, which its published key list and its own 200 example carry (specs/vendor-facts.md Eden
 * AI
 * "Response 200"). Any other name fails inside the 200, as an unavailable provider does, so fallbacks can be tested.
 */
const knownProviders = new Set([
  'openai',
  'google',
  'cohere',
  'meta',
  'mistral',
  'perplexityai',
  'anthropic',
  'xai',
  'deepseek',
  'amazon',
  'together_ai',
  'microsoft',
  'groq',
  'replicate',
]);

/** `providers` / `fallback_providers` as a list: an array, or a comma-separated string (`""` is the empty list). */
function readProviderList(value: unknown): string[] {
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  return items
    .filter((item): item is string => typeof item === 'string')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `openai/gpt-4o` -> `openai`: the provider part of a `provider/model` id. */
function providerOf(requested: string): string {
  return requested.split('/')[0]!;
}

function isKnown(requested: string): boolean {
  return knownProviders.has(providerOf(requested));
}

function unavailable(requested: string): Record<string, unknown> {
  return { status: 'fail', error: { message: `Provider ${providerOf(requested)} is not available.` } };
}

/** A provider's success: the example's own entry for that provider when it has one, else its first success. */
function answerFor(options: {
  example: Record<string, unknown>;
  provider: string;
  userText: string;
}): Record<string, unknown> | undefined {
  const entries = Object.values(options.example).filter(isRecord);
  const own = options.example[options.provider];
  const template = isRecord(own) && own.status !== 'fail' ? own : entries.find((entry) => entry.status !== 'fail');
  if (template === undefined) return undefined;
  const generated = typeof template.generated_text === 'string' ? template.generated_text : null;
  const turns: unknown[] = Array.isArray(template.message) ? (template.message as unknown[]) : [];
  const assistantTurn = turns.find((turn) => isRecord(turn) && turn.role === 'assistant');
  return {
    ...template,
    status: 'success',
    message: [
      { role: 'user', message: options.userText, tools: null, tool_calls: null },
      isRecord(assistantTurn)
        ? assistantTurn
        : { role: 'assistant', message: generated, tools: null, tool_calls: null },
    ],
  };
}

function fallbackRejection(context: AnswerContext): RequestAnswer {
  // Eden AI's additional-parameters guide: fallback providers are only allowed when `providers` names one provider.
  const body = context.validationErrorBody([
    {
      location: 'body',
      field: 'fallback_providers',
      keyword: 'fallback',
      params: {},
      message: 'Fallback providers can only be used with a single provider in providers.',
    },
  ]);
  return { kind: 'error', status: 400, body };
}

/**
 * Eden AI chat, answered from the request:
 * - one result per requested provider (array or comma-separated string, `provider/model` ids), keyed by the name as
 *   requested, in request order; `response_as_dict: false` gives an array of the same results, each with `provider`;
 * - a provider outside Eden AI's published list fails inside the 200 (`status: fail`); with `fallback_providers`
 *   (one provider only, else Eden AI's 400) the first known fallback answers instead, keyed by its own name;
 * - the user turn of `message` is the request's `text`;
 * - the stream names the provider asked for (or the fallback that answered) on every chunk, and a provider that
 *   cannot answer sends Eden AI's blocked `[ERROR]` chunk.
 */
export function answerRequest(context: AnswerContext): RequestAnswer | undefined {
  const { body } = context;
  const requested = readProviderList(body.providers);
  const fallbacks = readProviderList(body.fallback_providers);
  if (requested.length === 0) return undefined;
  if (fallbacks.length > 0 && requested.length > 1) return fallbackRejection(context);
  const userText = typeof body.text === 'string' ? body.text : '';
  const firstKnownFallback = fallbacks.find(isKnown);

  if (context.wantsStream) {
    const asked = requested[0]!;
    const answering = isKnown(asked) ? asked : firstKnownFallback;
    if (answering === undefined)
      return { kind: 'stream', payloads: [{ text: '[ERROR]', blocked: true, provider: providerOf(asked) }] };
    const provider = providerOf(answering);
    const chunksOf = (example: unknown) => context.streamPayloadsOf(example).filter(isRecord);
    // The example that streams from this provider when there is one (Anthropic's short answer), else the first.
    const fragments =
      context.examples
        .map(chunksOf)
        .find((chunks) => chunks.some((chunk) => chunk.provider === provider && chunk.blocked !== true)) ??
      chunksOf(context.example);
    const payloads = fragments.filter((chunk) => chunk.blocked !== true).map((chunk) => ({ ...chunk, provider }));
    return { kind: 'stream', payloads };
  }

  if (!isRecord(context.example)) return undefined;
  const example = context.example;
  const results: [string, Record<string, unknown>][] = [];
  for (const name of requested) {
    if (isKnown(name)) {
      const answer = answerFor({ example, provider: providerOf(name), userText });
      if (answer === undefined) return undefined;
      results.push([name, answer]);
    } else if (firstKnownFallback !== undefined) {
      const answer = answerFor({ example, provider: providerOf(firstKnownFallback), userText });
      if (answer === undefined) return undefined;
      results.push([firstKnownFallback, answer]);
    } else {
      results.push([name, unavailable(name)]);
    }
  }
  if (body.response_as_dict === false) {
    return { kind: 'json', body: results.map(([provider, result]) => ({ provider, ...result })) };
  }
  return { kind: 'json', body: Object.fromEntries(results) };
}
