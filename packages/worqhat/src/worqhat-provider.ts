import {
  emptyUsage,
  TextgenError,
  unknownFinishReason,
  type NormalizedCall,
  type ProviderAdapter,
  type ProviderStreamEvent,
} from '@textgen/core';
import { missingAnswerError } from '@textgen/core/internal';
import {
  createWorqhat,
  type WorqhatClient,
  type WorqhatClientOptions,
  type GenerateContentParams,
  type GenerateContentWithModelParams,
} from './generated/worqhat-client';
import type { WorqhatModelType } from './worqhat-hooks';

/** The finetuned body: the params without the path parameters, which the URL carries. */
type FinetunedContentBody = Omit<GenerateContentWithModelParams, 'modelType' | 'modelId'>;

/**
 * Raw WorqHat wire fields merged over the mapped body (e.g. `response_type`, `conversation_id`). With `modelType` and
 * `modelId` the call goes to the finetuned operation (`content.generateWithModel`) and `model` is not sent.
 */
export type WorqhatProviderOptions = Partial<Omit<GenerateContentParams, 'stream_data'>> & {
  modelType?: WorqhatModelType;
  modelId?: string;
} & Record<string, unknown>;

type HistoryTurn = { user_prompt: string; model_response: string };

/**
 * WorqHat takes one `question` (the last user message), the system text as `training_data`, and the earlier turns as
 * `conversation_history` pairs with `preserve_history: true`. A user turn with no reply after it pairs with an empty
 * `model_response`; an assistant turn with no user turn before it pairs with an empty `user_prompt`.
 */
function toContentBody(call: NormalizedCall): FinetunedContentBody {
  const system = call.messages.filter((message) => message.role === 'system').map((message) => message.content);
  const turns = call.messages.filter((message) => message.role !== 'system');
  const last = turns.at(-1);
  if (last?.role !== 'user') {
    throw new TextgenError(
      'textgen: worqhat needs the last non-system message to be a user message (it becomes `question`); ' +
        'end messages with { role: "user", content: "..." }.',
    );
  }
  const history: HistoryTurn[] = [];
  for (const message of turns.slice(0, -1)) {
    const open = history.at(-1);
    if (message.role === 'assistant' && open !== undefined && open.model_response === '')
      open.model_response = message.content;
    else if (message.role === 'assistant') history.push({ user_prompt: '', model_response: message.content });
    else history.push({ user_prompt: message.content, model_response: '' });
  }
  const body: FinetunedContentBody = { question: last.content };
  if (system.length > 0) body.training_data = system.join('\n\n');
  if (history.length > 0) {
    body.conversation_history = history;
    body.preserve_history = true;
  }
  // WorqHat's randomness is 0..1; the facade's temperature is 0..2 like OpenAI's.
  if (call.temperature !== undefined) body.randomness = call.temperature / 2;
  return body;
}

/** WorqHat behind the facade: the plain or the finetuned content operation, by `modelType` / `modelId`. */
export const worqhatProvider: ProviderAdapter<WorqhatClient, WorqhatClientOptions> = {
  provider: 'worqhat',
  apiKeyEnvironmentVariable: 'WORQHAT_API_KEY',
  createClient: (options) => createWorqhat(options),
  prepare({ client, call }) {
    const warnings: string[] = [];
    if (call.maxOutputTokens !== undefined)
      warnings.push('worqhat has no output token limit; maxOutputTokens was not sent.');
    const { modelType, modelId, ...rawFields } = call.providerOptions as WorqhatProviderOptions;
    const mapped = { ...toContentBody(call), ...rawFields };
    const finetuned = modelType !== undefined || modelId !== undefined;

    // The spec lists three model ids; any other string is passed on, and the vendor (or the mock) says if it exists.
    const model = (mapped.model ?? call.model) as GenerateContentParams['model'];
    const path = { modelType: modelType as WorqhatModelType, modelId: modelId as string };
    const sendJson = () =>
      finetuned
        ? client.content.generateWithModel({ ...mapped, ...path, stream_data: false }, call.requestOptions)
        : client.content.generate({ ...mapped, model, stream_data: false }, call.requestOptions);
    const sendStream = () =>
      finetuned
        ? client.content.generateWithModel({ ...mapped, ...path, stream_data: true }, call.requestOptions)
        : client.content.generate({ ...mapped, model, stream_data: true }, call.requestOptions);

    return {
      warnings,
      async generate() {
        const { data, requestId, response } = await sendJson().withResponse();
        // Core has already rejected a body or chunk that is not a JSON object; its fields are checked one by one.
        const received = data as Record<string, unknown>;
        const content = received.content;
        // `content` is text, or already-parsed JSON on the finetuned page with `response_type: json`.
        if (typeof content !== 'string' && !(typeof content === 'object' && content !== null)) {
          throw missingAnswerError({
            client,
            response,
            body: data,
            field: '`content` (text, or JSON for response_type json)',
          });
        }
        return {
          text: typeof content === 'string' ? content : JSON.stringify(content),
          model: typeof received.model === 'string' ? received.model : undefined,
          // processingCount is a billing count, not tokens: it stays in `raw`.
          usage: emptyUsage(),
          finishReason: unknownFinishReason(),
          requestId,
          raw: data,
        };
      },
      async stream() {
        const { data: chunks, requestId } = await sendStream().withResponse();
        async function* events(): AsyncGenerator<ProviderStreamEvent> {
          yield { type: 'response-metadata', requestId };
          for await (const chunk of chunks) {
            const received = chunk as Record<string, unknown>;
            // Stream chunks name the id `processing_id` (the JSON body says `processingId`).
            const chunkRequestId = typeof received.processing_id === 'string' ? received.processing_id : undefined;
            const model = typeof received.model === 'string' ? received.model : undefined;
            yield { type: 'response-metadata', requestId: chunkRequestId, model };
            if (typeof received.content === 'string') yield { type: 'text-delta', text: received.content };
          }
        }
        return events();
      },
    };
  },
};
