import {
  emptyUsage,
  TextgenError,
  unknownFinishReason,
  type ProviderStreamEvent,
  type TextgenFinishReason,
  type TextgenUsage,
} from '@textgen/core';
import type { StreamTextResult, TextStreamPart } from './textgen-types';

interface Deferred<Value> {
  promise: Promise<Value>;
  resolve(value: Value): void;
  reject(error: unknown): void;
}

function createDeferred<Value>(): Deferred<Value> {
  let resolve!: (value: Value) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<Value>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  // A caller that only iterates (or only awaits `text`) never looks at the other promises; without this, a failed
  // stream would report each of them as an unhandled rejection. Awaiting one still rejects as usual.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export interface CreateStreamTextResultOptions {
  provider: string;
  model: string;
  warnings: string[];
  /** Aborting it cancels the HTTP request; the provider's request must use its signal. */
  controller: AbortController;
  /** Sends the request; the events are read as soon as they arrive, whether or not anyone iterates. */
  start(): Promise<AsyncIterable<ProviderStreamEvent>>;
  /** Runs once the stream has ended, failed or been aborted (the facade detaches from the caller's signal here). */
  onSettled?: (() => void) | undefined;
}

/**
 * The object `streamText` returns. The stream is read eagerly into a buffer so that `text`, `usage` and
 * `finishReason` settle even when nobody iterates; iterating yields the parts as they arrive, and leaving the loop
 * early (`break`, `return`, a throw) aborts the request.
 */
export function createStreamTextResult(options: CreateStreamTextResultOptions): StreamTextResult<string> {
  const { controller } = options;
  const text = createDeferred<string>();
  const usage = createDeferred<TextgenUsage>();
  const finishReason = createDeferred<TextgenFinishReason>();
  const requestId = createDeferred<string | undefined>();
  const responseModel = createDeferred<string>();

  const buffered: TextStreamPart[] = [];
  let settled: { ok: true } | { ok: false; error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let iterated = false;

  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };

  async function pump(): Promise<void> {
    let fullText = '';
    let finalUsage = emptyUsage();
    let finalFinishReason = unknownFinishReason();
    let knownRequestId: string | undefined;
    let reportedModel: string | undefined;
    try {
      const events = await options.start();
      for await (const event of events) {
        switch (event.type) {
          case 'text-delta':
            // Checked here too, not only in the providers: a provider from outside may pass a chunk's missing text on,
            // and `+=` would write "undefined" into the answer.
            if (typeof event.text !== 'string' || event.text === '') break;
            fullText += event.text;
            buffered.push({ type: 'text-delta', text: event.text });
            notify();
            break;
          case 'usage':
            finalUsage = { ...finalUsage, ...definedOnly(event.usage) };
            break;
          case 'finish-reason':
            finalFinishReason = event.finishReason;
            break;
          case 'response-metadata':
            if (event.requestId !== undefined && knownRequestId === undefined) {
              knownRequestId = event.requestId;
              requestId.resolve(knownRequestId);
            }
            if (event.model !== undefined && event.model !== '') reportedModel = event.model;
            break;
          default: {
            const unknownEvent: never = event;
            throw new TextgenError(`Unknown stream event ${JSON.stringify(unknownEvent)}`);
          }
        }
      }
      settled = { ok: true };
      text.resolve(fullText);
      usage.resolve(finalUsage);
      finishReason.resolve(finalFinishReason);
      requestId.resolve(knownRequestId);
      responseModel.resolve(reportedModel ?? options.model);
    } catch (error) {
      settled = { ok: false, error };
      text.reject(error);
      usage.reject(error);
      finishReason.reject(error);
      requestId.reject(error);
      responseModel.reject(error);
    } finally {
      options.onSettled?.();
      notify();
    }
  }

  async function* iterateParts(): AsyncGenerator<TextStreamPart> {
    try {
      for (;;) {
        const next = buffered.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (settled !== undefined) {
          if (!settled.ok) throw settled.error;
          return;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      // Reached on `break` too: a consumer that stops early does not want the rest, so stop paying for it.
      if (settled === undefined) controller.abort();
    }
  }

  const claimIterator = (): AsyncGenerator<TextStreamPart> => {
    if (iterated) {
      throw new TextgenError(
        'textgen: this streamText result was already iterated; a stream can be read only once (iterate the result or textStream, not both).',
      );
    }
    iterated = true;
    return iterateParts();
  };

  void pump();

  return {
    provider: options.provider,
    model: options.model,
    warnings: options.warnings,
    text: text.promise,
    usage: usage.promise,
    finishReason: finishReason.promise,
    requestId: requestId.promise,
    responseModel: responseModel.promise,
    textStream: {
      async *[Symbol.asyncIterator]() {
        for await (const part of claimIterator()) yield part.text;
      },
    },
    abort: () => controller.abort(),
    [Symbol.asyncIterator]: claimIterator,
  };
}

function definedOnly(usage: Partial<TextgenUsage>): Partial<TextgenUsage> {
  return Object.fromEntries(Object.entries(usage).filter(([, value]) => value !== undefined));
}
