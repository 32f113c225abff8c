import { APIError, TextgenError } from '@textgen/core';
import type { AitreClient, AitreClientOptions } from '@textgen/aitre';
import type { EdenAIClient, EdenAIClientOptions } from '@textgen/edenai';
import type { WetrocloudClient, WetrocloudClientOptions } from '@textgen/wetrocloud';
import type { WorqhatClient, WorqhatClientOptions } from '@textgen/worqhat';
import { createStreamTextResult } from './create-stream-text-result';
import { normalizeCallInput } from './normalize-call-input';
import { aitreAdapter } from './providers/aitre-adapter';
import { edenAIAdapter } from './providers/edenai-adapter';
import type { PreparedCall, ProviderAdapter } from './providers/provider-adapter';
import { wetrocloudAdapter } from './providers/wetrocloud-adapter';
import { worqhatAdapter } from './providers/worqhat-adapter';
import type { GenerateTextResult, NormalizedCall, StreamTextResult, TextgenCallInput, TextgenProvider } from './textgen-types';

/** Each vendor's client options (apiKey, baseURL, fetch, maxRetries, timeout, ...). A vendor left out reads its environment. */
export interface TextgenOptions {
  wetrocloud?: WetrocloudClientOptions | undefined;
  edenai?: EdenAIClientOptions | undefined;
  worqhat?: WorqhatClientOptions | undefined;
  aitre?: AitreClientOptions | undefined;
}

export interface Textgen {
  generateText(input: TextgenCallInput): Promise<GenerateTextResult>;
  /** Throws a TextgenError right away for bad input; request failures reject the result's promises and its iteration. */
  streamText(input: TextgenCallInput): StreamTextResult;
  /** The raw vendor clients, made on first use (e.g. `textgen.edenai.text.chat` to fan out to several providers). */
  readonly wetrocloud: WetrocloudClient;
  readonly edenai: EdenAIClient;
  readonly worqhat: WorqhatClient;
  readonly aitre: AitreClient;
}

interface ProviderSlot<Client> {
  client(): Client;
  prepare(options: { call: NormalizedCall; stream: boolean }): PreparedCall;
}

function createProviderSlot<Client, Options>(adapter: ProviderAdapter<Client, Options>, options: Options | undefined): ProviderSlot<Client> {
  let client: Client | undefined;
  const getClient = (): Client => {
    if (client !== undefined) return client;
    try {
      // Only a client that was made is kept: after a missing key, setting it in the environment lets a later call work.
      client = adapter.createClient(options);
    } catch (error) {
      if (TextgenError.isInstance(error) && !APIError.isInstance(error)) {
        throw new TextgenError(
          `${error.message} With the facade, pass createTextgen({ ${adapter.provider}: { apiKey } }) or set ${adapter.apiKeyEnvironmentVariable}.`,
          { cause: error },
        );
      }
      throw error;
    }
    return client;
  };
  return {
    client: getClient,
    prepare: ({ call, stream }) => adapter.prepare({ client: getClient(), call, stream }),
  };
}

/**
 * A facade over the four vendor clients. Nothing is created until a provider is first used, so configuring only the
 * vendors you call is enough.
 */
export function createTextgen(options: TextgenOptions = {}): Textgen {
  const slots: { [Provider in TextgenProvider]: ProviderSlot<Textgen[Provider]> } = {
    wetrocloud: createProviderSlot(wetrocloudAdapter, options.wetrocloud),
    edenai: createProviderSlot(edenAIAdapter, options.edenai),
    worqhat: createProviderSlot(worqhatAdapter, options.worqhat),
    aitre: createProviderSlot(aitreAdapter, options.aitre),
  };

  async function generateText(input: TextgenCallInput): Promise<GenerateTextResult> {
    const call = normalizeCallInput(input);
    const prepared = slots[call.provider].prepare({ call, stream: false });
    const result = await prepared.generate();
    return {
      text: result.text,
      provider: call.provider,
      model: result.model ?? call.model,
      usage: result.usage,
      finishReason: result.finishReason,
      requestId: result.requestId,
      warnings: [...prepared.warnings, ...(result.warnings ?? [])],
      raw: result.raw,
    };
  }

  function streamText(input: TextgenCallInput): StreamTextResult {
    const call = normalizeCallInput(input);
    // One controller for the whole stream: the caller's signal, `break` and result.abort() all end here.
    const controller = new AbortController();
    const callerSignal = call.requestOptions.signal;
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    const prepared = slots[call.provider].prepare({
      call: { ...call, requestOptions: { ...call.requestOptions, signal: controller.signal } },
      stream: true,
    });
    // Attached only once prepare() has not thrown, and detached when the stream settles: a caller that reuses one
    // signal for many streams must not collect a listener per stream (Node warns past 10, and each keeps its stream alive).
    const forwardAbort = () => controller.abort(callerSignal?.reason);
    if (callerSignal !== undefined && !callerSignal.aborted) callerSignal.addEventListener('abort', forwardAbort, { once: true });
    return createStreamTextResult({
      provider: call.provider,
      model: call.model,
      warnings: prepared.warnings,
      controller,
      start: () => prepared.stream(),
      onSettled: () => callerSignal?.removeEventListener('abort', forwardAbort),
    });
  }

  return {
    generateText,
    streamText,
    get wetrocloud() {
      return slots.wetrocloud.client();
    },
    get edenai() {
      return slots.edenai.client();
    },
    get worqhat() {
      return slots.worqhat.client();
    },
    get aitre() {
      return slots.aitre.client();
    },
  };
}
