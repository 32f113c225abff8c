import { APIError, TextgenError } from '@textgen/core';
import {
  createEdenAI,
  type EdenAIChatRequest,
  type EdenAIChatResult,
  type EdenAIClient,
  type EdenAIClientOptions,
  type EdenAIProviderSuccess,
  type EdenAIUsage,
} from '@textgen/edenai';
import type { NormalizedCall, TextgenUsage } from '../textgen-types';
import { emptyUsage, unknownFinishReason, type ProviderAdapter, type ProviderStreamEvent } from './provider-adapter';

/** Raw Eden AI wire fields merged over the mapped body, e.g. `fallback_providers`, `settings`, `show_original_response`. */
export type EdenAIProviderOptions = Partial<EdenAIChatRequest> & Record<string, unknown>;

/**
 * Eden AI takes one new user turn (`text`), the system instruction (`chatbot_global_action`) and the earlier turns
 * (`previous_history`). The facade's `model` goes to `providers` as given: `openai` or `openai/gpt-4o`.
 */
function toChatBody(call: NormalizedCall): EdenAIChatRequest {
  const system = call.messages.filter((message) => message.role === 'system').map((message) => message.content);
  const turns = call.messages.filter((message) => message.role !== 'system');
  const last = turns.at(-1);
  if (last?.role !== 'user') {
    throw new TextgenError(
      'textgen: edenai needs the last non-system message to be a user message (it becomes `text`); end messages with { role: "user", content: "..." }.',
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
  if (usage === undefined) return emptyUsage;
  return { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens, totalTokens: usage.total_tokens };
}

/**
 * The result for the provider that was asked for. Eden AI's key for a `provider/model` request is unconfirmed
 * (vendors.md), so both `openai/gpt-4o` and `openai` are looked up. A failure of that provider inside the 200 becomes
 * an APIError carrying Eden AI's message.
 */
function pickAnswer(options: { result: EdenAIChatResult; model: string; response: Response }): EdenAIProviderSuccess {
  const { result, model, response } = options;
  const names = [model, model.split('/')[0]];
  const matches = (provider: string) => names.includes(provider);
  const answer = result.successes.find((success) => matches(success.provider));
  if (answer !== undefined) return answer;
  const failure = result.failures.find((candidate) => matches(candidate.provider));
  if (failure !== undefined) {
    throw new APIError({
      vendor: 'edenai',
      status: response.status,
      headers: response.headers,
      body: result.raw,
      message: `[edenai] Provider ${failure.provider} failed: ${failure.message}. Retry later, or pass providerOptions.edenai.fallback_providers.`,
    });
  }
  // Neither name matched (Eden AI may key the result differently); a single answer is still the one asked for.
  const [first] = result.successes;
  if (first === undefined) throw new TextgenError('textgen: edenai answered without a successful provider result.');
  return first;
}

export const edenAIAdapter: ProviderAdapter<EdenAIClient, EdenAIClientOptions> = {
  provider: 'edenai',
  apiKeyEnvironmentVariable: 'EDENAI_API_KEY',
  createClient: (options) => createEdenAI(options),
  prepare({ client, call }) {
    const body = toChatBody(call);
    return {
      warnings: [],
      async generate() {
        // A single provider that failed inside the 200 makes `chat` reject with an APIError naming its message.
        const { data, requestId, response } = await client.text.chat(body, call.requestOptions).withResponse();
        const answer = pickAnswer({ result: data, model: call.model, response });
        return {
          text: answer.generatedText ?? '',
          model: undefined,
          usage: mapUsage(answer.usage),
          finishReason: unknownFinishReason,
          requestId,
          raw: data.raw,
        };
      },
      async stream() {
        const { data: chunks, requestId } = await client.text.chatStream(body, call.requestOptions).withResponse();
        async function* events(): AsyncGenerator<ProviderStreamEvent> {
          yield { type: 'response-metadata', requestId };
          for await (const chunk of chunks) {
            // `blocked: true` marks a fragment that is not answer text (e.g. `[ERROR]` when the provider failed, or a
            // finish other than stop); it is left out of the text, and the finish reason says something stopped it.
            if (chunk.blocked) {
              yield { type: 'finish-reason', finishReason: { unified: 'other', raw: 'blocked' } };
              continue;
            }
            yield { type: 'text-delta', text: chunk.text };
          }
        }
        return events();
      },
    };
  },
};
