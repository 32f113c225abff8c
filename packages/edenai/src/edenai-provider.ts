import {
  emptyUsage,
  TextgenError,
  unknownFinishReason,
  type NormalizedCall,
  type ProviderAdapter,
  type ProviderStreamEvent,
  type TextgenUsage,
} from '@textgen/core';
import { isJsonObject } from '@textgen/core/internal';
import { createEdenAI, type EdenAIClient, type EdenAIClientOptions } from './generated/edenai-client';
import type { EdenAIChatRequest, EdenAIChatResult, EdenAIProviderSuccess, EdenAIUsage } from './edenai-hooks';

/**
 * Raw Eden AI wire fields merged over the mapped body, e.g. `fallback_providers`, `settings`, `show_original_response`.
 */
export type EdenAIProviderOptions = Partial<EdenAIChatRequest> & Record<string, unknown>;

/**
 * `providers` and `fallback_providers` from providerOptions are read by the Eden AI client (it joins a list), so a
 * value of another type is refused here, naming the field, rather than failing inside the client.
 */
function checkProviderList(options: { value: unknown; name: string; provider: string }): void {
  const { value, name, provider } = options;
  if (value === undefined || typeof value === 'string') return;
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return;
  const shown =
    typeof value === 'number' || typeof value === 'boolean' || value === null
      ? String(value)
      : Array.isArray(value)
        ? 'an array'
        : isJsonObject(value)
          ? 'an object'
          : `a ${typeof value}`;
  throw new TextgenError(
    `textgen: providerOptions.${provider}.${name} is ${shown}; ` +
      "pass a provider name ('openai'), a comma-separated string ('openai,google') or an array of names.",
  );
}

function toChatBody(call: NormalizedCall): EdenAIChatRequest {
  const { providers, fallback_providers: fallbackProviders } = call.providerOptions;
  checkProviderList({ value: providers, name: 'providers', provider: call.provider });
  checkProviderList({ value: fallbackProviders, name: 'fallback_providers', provider: call.provider });
  const system = call.messages.filter((message) => message.role === 'system').map((message) => message.content);
  const turns = call.messages.filter((message) => message.role !== 'system');
  const last = turns.at(-1);
  if (last?.role !== 'user') {
    throw new TextgenError(
      'textgen: edenai needs the last non-system message to be a user message (it becomes `text`); ' +
        'end messages with { role: "user", content: "..." }.',
    );
  }
  const body: EdenAIChatRequest = {
    providers: call.model,
    text: last.content,
    previous_history: turns.slice(0, -1).map((message) => ({ role: message.role, message: message.content })),
  };
  if (system.length > 0) body.chatbot_global_action = system.join('\n\n');
  // Eden AI's temperature range is 0..2, the same as the facade's.
  if (call.temperature !== undefined) body.temperature = call.temperature;
  if (call.maxOutputTokens !== undefined) body.max_tokens = call.maxOutputTokens;
  return { ...body, ...call.providerOptions };
}

function mapUsage(usage: EdenAIUsage | undefined): TextgenUsage {
  if (usage === undefined) return emptyUsage();
  return { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens, totalTokens: usage.total_tokens };
}

/** The provider names of a `providers` / `fallback_providers` value: a list, or a comma-separated string. */
function providerNames(value: unknown): string[] {
  const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return entries
    .filter((entry): entry is string => typeof entry === 'string')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** Whether a result key names the provider asked for: Eden AI's key for `provider/model` is unconfirmed. */
function namesProvider(options: { requested: string; key: string }): boolean {
  return options.key === options.requested || options.key === options.requested.split('/')[0];
}

interface PickedAnswer {
  answer: EdenAIProviderSuccess;
  /** Set when the requested provider failed and a fallback answered: which one, and why. */
  fallback: { provider: string; failure: string } | undefined;
}

/**
 * The answer of the provider that was asked for; when that provider failed inside the 200, the answer of the first
 * fallback provider (`providerOptions.edenai.fallback_providers`) that succeeded. A failure with no successful fallback
 * becomes an APIError carrying Eden AI's message. (When every provider failed, `chat` has already thrown.)
 */
function pickAnswer(options: {
  client: EdenAIClient;
  result: EdenAIChatResult;
  model: string;
  fallbackProviders: string[];
  response: Response;
}): PickedAnswer {
  const { client, result, model, fallbackProviders, response } = options;
  const answer = result.successes.find((success) => namesProvider({ requested: model, key: success.provider }));
  if (answer !== undefined) return { answer, fallback: undefined };
  const failure = result.failures.find((candidate) => namesProvider({ requested: model, key: candidate.provider }));
  if (failure !== undefined) {
    for (const fallbackProvider of fallbackProviders) {
      const fallbackAnswer = result.successes.find((success) =>
        namesProvider({ requested: fallbackProvider, key: success.provider }),
      );
      if (fallbackAnswer !== undefined)
        return { answer: fallbackAnswer, fallback: { provider: fallbackAnswer.provider, failure: failure.message } };
    }
    // Through the client's error factory, not `new APIError`: a provider's message may quote the key back, and only
    // the client knows the key to redact it from the message, the body and the headers.
    throw client.createAPIError({
      response,
      body: result.raw,
      detail:
        fallbackProviders.length === 0
          ? `Provider ${failure.provider} failed: ${failure.message}. ` +
            'Retry later, or pass providerOptions.edenai.fallback_providers.'
          : `Provider ${failure.provider} failed: ${failure.message}, ` +
            `and no fallback provider (${fallbackProviders.join(', ')}) answered. Retry later.`,
    });
  }
  // Neither name matched (Eden AI may key the result differently); a single answer is still the one asked for.
  const [first] = result.successes;
  if (first === undefined) {
    throw client.createAPIError({
      response,
      body: result.raw,
      detail: 'Eden AI answered without a successful provider result.',
    });
  }
  return { answer: first, fallback: undefined };
}

/**
 * Eden AI takes one new user turn (`text`), the system instruction (`chatbot_global_action`) and the earlier turns
 * (`previous_history`). The facade's `model` goes to `providers` as given: `openai` or `openai/gpt-4o`.
 */
export const edenaiProvider: ProviderAdapter<EdenAIClient, EdenAIClientOptions> = {
  provider: 'edenai',
  apiKeyEnvironmentVariable: 'EDENAI_API_KEY',
  createClient: (options) => createEdenAI(options),
  prepare({ client, call }) {
    const body = toChatBody(call);
    return {
      warnings: [],
      async generate() {
        // `chat` rejects when no provider answered; a partial failure is sorted out by pickAnswer.
        const { data, requestId, response } = await client.text.chat(body, call.requestOptions).withResponse();
        const fallbackProviders = providerNames(body.fallback_providers);
        const { answer, fallback } = pickAnswer({
          client,
          result: data,
          model: call.model,
          fallbackProviders,
          response,
        });
        return {
          text: answer.generatedText ?? '',
          toolCalls: answer.toolCalls,
          // A fallback's answer is reported under that provider's name, so the result says who answered.
          model: fallback === undefined ? undefined : fallback.provider,
          usage: mapUsage(answer.usage),
          finishReason: unknownFinishReason(),
          requestId,
          warnings:
            fallback === undefined
              ? []
              : [
                  `edenai: ${call.model} failed (${fallback.failure}); ` +
                    `the answer is from the fallback provider ${fallback.provider}.`,
                ],
          raw: data.raw,
        };
      },
      async stream() {
        const { data: chunks, requestId } = await client.text.chatStream(body, call.requestOptions).withResponse();
        async function* events(): AsyncGenerator<ProviderStreamEvent> {
          yield { type: 'response-metadata', requestId };
          for await (const chunk of chunks) {
            // Core has already rejected a body or chunk that is not a JSON object; its fields are checked one by one.
            const received = chunk as Record<string, unknown>;
            // `blocked: true` marks a fragment that is not answer text (e.g. `[ERROR]` when the provider failed, or a
            // finish other than stop); it is left out of the text, and the finish reason says something stopped it.
            if (received.blocked === true) {
              yield { type: 'finish-reason', finishReason: { unified: 'other', raw: 'blocked' } };
              continue;
            }
            if (typeof received.text === 'string') yield { type: 'text-delta', text: received.text };
          }
        }
        return events();
      },
    };
  },
};
