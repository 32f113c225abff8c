import {
  createAitre,
  type AitreClient,
  type AitreClientOptions,
  type CompletionChunk,
  type CreateCompletionRequest,
  type CreateCompletionResponse,
} from '@textgen/aitre';
import type { NormalizedCall, TextgenFinishReason, TextgenMessage, TextgenUsage } from '../textgen-types';
import { emptyUsage, unknownFinishReason, type ProviderAdapter, type ProviderStreamEvent } from './provider-adapter';

/** Raw OpenAI-format fields merged over the mapped body, e.g. `stop`, `top_p`, `seed` (`stream` stays the facade's). */
export type AitreProviderOptions = Partial<Omit<CreateCompletionRequest, 'stream'>> & Record<string, unknown>;

const speakerLabels: Record<Exclude<TextgenMessage['role'], 'system'>, string> = { user: 'User', assistant: 'Assistant' };

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

type FinishReasonWire = CreateCompletionResponse['choices'][number]['finish_reason'];

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

function mapUsage(usage: CreateCompletionResponse['usage'] | null | undefined): TextgenUsage {
  if (usage === null || usage === undefined) return emptyUsage();
  return { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens, totalTokens: usage.total_tokens };
}

function toCompletionBody(call: NormalizedCall): CreateCompletionRequest {
  const body: CreateCompletionRequest = { model: call.model, prompt: renderAitrePrompt(call) };
  // OpenAI's temperature range is 0..2, the same as the facade's.
  if (call.temperature !== undefined) body.temperature = call.temperature;
  if (call.maxOutputTokens !== undefined) body.max_tokens = call.maxOutputTokens;
  return { ...body, ...call.providerOptions };
}

export const aitreAdapter: ProviderAdapter<AitreClient, AitreClientOptions> = {
  provider: 'aitre',
  apiKeyEnvironmentVariable: 'AITRE_API_KEY',
  createClient: (options) => createAitre(options),
  prepare({ client, call }) {
    const body = toCompletionBody(call);
    return {
      warnings: [],
      async generate() {
        const { data, requestId } = await client.completions.create({ ...body, stream: false }, call.requestOptions).withResponse();
        const choice = data.choices.find((candidate) => candidate.index === 0) ?? data.choices[0];
        return {
          text: choice?.text ?? '',
          model: data.model,
          usage: mapUsage(data.usage),
          finishReason: mapFinishReason(choice?.finish_reason),
          requestId,
          raw: data,
        };
      },
      async stream() {
        // include_usage makes the server send one last chunk with `usage` and no choices (OpenAI streaming docs).
        const streamBody = { ...body, stream: true as const, stream_options: { include_usage: true, ...body.stream_options } };
        const { data: chunks, requestId } = await client.completions.create(streamBody, call.requestOptions).withResponse();
        async function* events(): AsyncGenerator<ProviderStreamEvent> {
          yield { type: 'response-metadata', requestId };
          for await (const chunk of chunks as AsyncIterable<CompletionChunk>) {
            if (typeof chunk.model === 'string') yield { type: 'response-metadata', model: chunk.model };
            // With `n` > 1 (or `best_of`) the chunks of every completion are interleaved, each tagged with its `index`;
            // the facade's text is completion 0, as in generateText, so the others are not mixed into it.
            const choice = chunk.choices.find((candidate) => candidate.index === 0);
            if (choice !== undefined) {
              yield { type: 'text-delta', text: choice.text };
              if (choice.finish_reason !== null) yield { type: 'finish-reason', finishReason: mapFinishReason(choice.finish_reason) };
            }
            if (chunk.usage !== null && chunk.usage !== undefined) yield { type: 'usage', usage: mapUsage(chunk.usage) };
          }
        }
        return events();
      },
    };
  },
};
