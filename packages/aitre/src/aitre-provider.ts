import {
  emptyUsage,
  unknownFinishReason,
  type NormalizedCall,
  type ProviderAdapter,
  type ProviderStreamEvent,
  type TextgenFinishReason,
  type TextgenMessage,
  type TextgenUsage,
} from '@textgen/core';
import { isJsonObject, missingAnswerError } from '@textgen/core/internal';
import {
  createAitre,
  type AitreClient,
  type AitreClientOptions,
  type CreateCompletionParams,
  type CreateCompletionResult,
} from './generated/aitre-client';

/** Raw OpenAI-format fields merged over the mapped body, e.g. `stop`, `top_p`, `seed` (`stream` stays the facade's). */
export type AitreProviderOptions = Partial<Omit<CreateCompletionParams, 'stream'>> & Record<string, unknown>;

const speakerLabels: Record<Exclude<TextgenMessage['role'], 'system'>, string> = {
  user: 'User',
  assistant: 'Assistant',
};

/**
 * The legacy completions endpoint takes one text `prompt`, so a conversation is rendered as:
 *
 *     <system text>            (all system messages, joined by a blank line; left out when there are none)
 *
 *     User: <content>
 *
 *     Assistant: <content>
 *
 *     ...
 *
 *     Assistant:
 *
 * blocks joined by a blank line, ending with `Assistant:` so the model writes the next assistant turn. A `prompt`
 * given without `system` is sent exactly as given.
 */
export function renderAitrePrompt(call: Pick<NormalizedCall, 'messages' | 'prompt'>): string {
  const hasSystem = call.messages.some((message) => message.role === 'system');
  if (call.prompt !== undefined && !hasSystem) return call.prompt;
  const system = call.messages.filter((message) => message.role === 'system').map((message) => message.content);
  const blocks = system.length > 0 ? [system.join('\n\n')] : [];
  for (const message of call.messages) {
    if (message.role !== 'system') blocks.push(`${speakerLabels[message.role]}: ${message.content}`);
  }
  blocks.push('Assistant:');
  return blocks.join('\n\n');
}

type FinishReasonWire = CreateCompletionResult['choices'][number]['finish_reason'];

// The wire enum plus any other string a reseller may send: both are mapped, the unknown ones to `other`.
function mapFinishReason(raw: FinishReasonWire | (string & {}) | null | undefined): TextgenFinishReason {
  if (raw === null || raw === undefined) return unknownFinishReason();
  switch (raw) {
    case 'stop':
      return { unified: 'stop', raw };
    case 'length':
      return { unified: 'length', raw };
    case 'content_filter':
      return { unified: 'content-filter', raw };
    default:
      // A reseller may send values outside OpenAI's enum; keep them visible rather than guessing.
      return { unified: 'other', raw };
  }
}

function mapUsage(usage: CreateCompletionResult['usage'] | null | undefined): TextgenUsage {
  if (usage === null || usage === undefined) return emptyUsage();
  return { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens, totalTokens: usage.total_tokens };
}

function toCompletionBody(call: NormalizedCall): CreateCompletionParams {
  const body: CreateCompletionParams = { model: call.model, prompt: renderAitrePrompt(call) };
  // OpenAI's temperature range is 0..2, the same as the facade's.
  if (call.temperature !== undefined) body.temperature = call.temperature;
  if (call.maxOutputTokens !== undefined) body.max_tokens = call.maxOutputTokens;
  return { ...body, ...call.providerOptions };
}

/** AITRE behind the facade: the conversation rendered as one completions `prompt`; OpenAI's finish reasons, usage. */
export const aitreProvider: ProviderAdapter<AitreClient, AitreClientOptions> = {
  provider: 'aitre',
  apiKeyEnvironmentVariable: 'AITRE_API_KEY',
  createClient: (options) => createAitre(options),
  prepare({ client, call }) {
    const body = toCompletionBody(call);
    return {
      warnings: [],
      async generate() {
        const { data, requestId, response } = await client.completions
          .create({ ...body, stream: false }, call.requestOptions)
          .withResponse();
        // Core has already rejected a body or chunk that is not a JSON object; its fields are checked one by one.
        const received = data as Record<string, unknown>;
        const choices: unknown[] = Array.isArray(received.choices) ? received.choices : [];
        // Completion 0, as the facade's text is one completion even when `n` asked for several.
        const choice =
          choices.find((candidate) => isJsonObject(candidate) && candidate.index === 0) ?? choices.find(isJsonObject);
        if (!isJsonObject(choice) || typeof choice.text !== 'string') {
          throw missingAnswerError({ client, response, body: data, field: 'completion text (`choices[0].text`)' });
        }
        return {
          text: choice.text,
          model: typeof received.model === 'string' ? received.model : undefined,
          usage: mapUsage(
            isJsonObject(received.usage) ? (received.usage as CreateCompletionResult['usage']) : undefined,
          ),
          finishReason: mapFinishReason(typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined),
          requestId,
          raw: data,
        };
      },
      async stream() {
        // include_usage makes the server send one last chunk with `usage` and no choices (OpenAI streaming docs).
        const streamBody = {
          ...body,
          stream: true as const,
          stream_options: { include_usage: true, ...body.stream_options },
        };
        const { data: chunks, requestId } = await client.completions
          .create(streamBody, call.requestOptions)
          .withResponse();
        async function* events(): AsyncGenerator<ProviderStreamEvent> {
          yield { type: 'response-metadata', requestId };
          for await (const chunk of chunks) {
            const received = chunk as Record<string, unknown>;
            if (typeof received.model === 'string') yield { type: 'response-metadata', model: received.model };
            // With `n` > 1 (or `best_of`) the chunks of every completion are interleaved, each tagged with its `index`;
            // the facade's text is completion 0, as in generateText, so the others are not mixed into it.
            const choices: unknown[] = Array.isArray(received.choices) ? received.choices : [];
            const choice = choices.find((candidate) => isJsonObject(candidate) && candidate.index === 0);
            if (isJsonObject(choice)) {
              if (typeof choice.text === 'string') yield { type: 'text-delta', text: choice.text };
              if (typeof choice.finish_reason === 'string')
                yield { type: 'finish-reason', finishReason: mapFinishReason(choice.finish_reason) };
            }
            if (isJsonObject(received.usage))
              yield { type: 'usage', usage: mapUsage(received.usage as CreateCompletionResult['usage']) };
          }
        }
        return events();
      },
    };
  },
};
