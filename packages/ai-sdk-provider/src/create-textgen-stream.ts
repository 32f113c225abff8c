import type { LanguageModelV4FinishReason, LanguageModelV4StreamPart, SharedV4Warning } from '@ai-sdk/provider';
import type { ProviderStreamEvent, TextgenUsage } from '@textgen/core';
import type { TextgenProvider } from '@textgen/sdk/adapters';
import { toLanguageModelFinishReason, toLanguageModelUsage } from './map-textgen-result';
import { toAPICallError } from './to-api-call-error';

const textId = '0';

/**
 * The textgen provider's stream events as the AI SDK's stream parts, in the spec's order: `stream-start` (with the
 * warnings),
 * `response-metadata` (the id and model), `text-start`, `text-delta`s, `text-end`, then `finish`
 * with the usage and finish reason. A failure while reading ends the stream with an `error` part (an `APICallError`
 * for HTTP and connection failures). Cancelling the stream returns the iterator, which aborts the HTTP request.
 */
export function createTextgenStream(options: {
  vendor: TextgenProvider;
  model: string;
  events: AsyncIterable<ProviderStreamEvent>;
  warnings: SharedV4Warning[];
  url: string;
}): ReadableStream<LanguageModelV4StreamPart> {
  const { vendor, events, warnings, url } = options;
  const iterator = events[Symbol.asyncIterator]();
  const usage: Partial<TextgenUsage> = {};
  let finishReason: LanguageModelV4FinishReason = { unified: 'other', raw: undefined };
  let responseId: string | undefined;
  let responseModel: string | undefined;
  let sentMetadata: { id: string | undefined; modelId: string } | undefined;
  let textStarted = false;
  let finished = false;

  // Sent before the first text and again only when the vendor names another id or model: the providers repeat them on
  // every chunk (WorqHat) or learn them one at a time (AITRE: the header's id first, then the chunk's model).
  const sendMetadata = (controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>) => {
    const modelId = responseModel ?? options.model;
    if (sentMetadata !== undefined && sentMetadata.id === responseId && sentMetadata.modelId === modelId) return;
    sentMetadata = { id: responseId, modelId };
    controller.enqueue({ type: 'response-metadata', id: responseId, modelId });
  };

  return new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      controller.enqueue({ type: 'stream-start', warnings });
    },
    // Reads until it has enqueued at least one part: a pull that enqueues nothing would not be called again.
    async pull(controller) {
      if (finished) return;
      try {
        for (let enqueued = false; !enqueued;) {
          const next = await iterator.next();
          if (next.done === true) {
            finished = true;
            sendMetadata(controller);
            if (textStarted) controller.enqueue({ type: 'text-end', id: textId });
            controller.enqueue({ type: 'finish', usage: toLanguageModelUsage({ vendor, usage }), finishReason });
            controller.close();
            return;
          }
          const event = next.value;
          switch (event.type) {
            case 'text-delta':
              // An empty delta (e.g. AITRE's last chunk, which carries only finish_reason) holds no text.
              if (event.text === '') break;
              sendMetadata(controller);
              if (!textStarted) {
                textStarted = true;
                controller.enqueue({ type: 'text-start', id: textId });
              }
              controller.enqueue({ type: 'text-delta', id: textId, delta: event.text });
              enqueued = true;
              break;
            case 'usage':
              Object.assign(
                usage,
                Object.fromEntries(Object.entries(event.usage).filter((entry) => entry[1] !== undefined)),
              );
              break;
            case 'finish-reason':
              finishReason = toLanguageModelFinishReason(event.finishReason);
              break;
            case 'response-metadata':
              responseId = event.requestId ?? responseId;
              responseModel = event.model ?? responseModel;
              break;
            default: {
              const unknownEvent: never = event;
              throw new Error(`Unknown stream event ${JSON.stringify(unknownEvent)}`);
            }
          }
        }
      } catch (error) {
        if (finished) return;
        finished = true;
        controller.enqueue({ type: 'error', error: toAPICallError({ error, url }) });
        controller.close();
      }
    },
    async cancel() {
      finished = true;
      await iterator.return?.();
    },
  });
}
