import { APIError, TextgenError, type NormalizedCall, type PreparedCall, type ProviderAdapter } from '@textgen/core';
import { createStreamTextResult } from './create-stream-text-result';
import { defaultProviders, type DefaultProviders } from './default-providers';
import { describe, normalizeCallInput } from './normalize-call-input';
import type { GenerateTextResult, StreamTextResult, TextgenCallInput } from './textgen-types';

/**
 * Providers keyed by the name a call chooses them by. Any client and options types fit: the contract's methods take
 * their parameters bivariantly, so `ProviderAdapter<MyClient, MyOptions>` is assignable here.
 */
export type ProviderSet = Record<string, ProviderAdapter<unknown, unknown>>;

/** The default providers with the caller's `providers` over them (a caller's provider may take a default's name). */
export type MergedProviders<Extra extends ProviderSet> = Omit<DefaultProviders, keyof Extra> & Extra;

export type TextgenProviderName<Extra extends ProviderSet> = Extract<keyof DefaultProviders | keyof Extra, string>;

/**
 * Each provider's client options (apiKey, baseURL, fetch, maxRetries, timeout, ...), keyed by provider name; a
 * provider left out reads its environment. `providers` adds providers of your own to the default ones.
 */
export type TextgenOptions<Extra extends ProviderSet = Record<never, never>> = {
  /** Your own providers, keyed by the name calls use (`provider: 'mine'`); a name of a default replaces it. */
  providers?: Extra | undefined;
} & {
  [Name in keyof NoInfer<MergedProviders<Extra>>]?: Parameters<MergedProviders<Extra>[Name]['createClient']>[0];
};

/** What a facade does, for the given provider names (the top-level generateText and streamText take any such). */
export interface TextgenCalls<Provider extends string> {
  generateText(input: TextgenCallInput<Provider>): Promise<GenerateTextResult<Provider>>;
  /** Throws a TextgenError right away for bad input; request failures reject the result's promises and iteration. */
  streamText(input: TextgenCallInput<Provider>): StreamTextResult<Provider>;
}

/** The raw clients, made on first use (e.g. a vendor's own operations that the facade does not cover). */
export type TextgenClients<Extra extends ProviderSet> = {
  readonly [Name in keyof MergedProviders<Extra>]: ReturnType<MergedProviders<Extra>[Name]['createClient']>;
};

export type Textgen<Extra extends ProviderSet = Record<never, never>> = TextgenCalls<TextgenProviderName<Extra>> &
  TextgenClients<Extra>;

// Names a provider cannot take: they are the facade's own members or its options' `providers` key.
const reservedNames = new Set(['providers', 'generateText', 'streamText']);

interface ProviderSlot {
  client(): unknown;
  prepare(options: { call: NormalizedCall; stream: boolean }): PreparedCall;
}

function createProviderSlot(options: {
  name: string;
  provider: ProviderAdapter<unknown, unknown>;
  clientOptions: unknown;
}): ProviderSlot {
  const { name, provider, clientOptions } = options;
  let client: unknown;
  const getClient = (): unknown => {
    if (client !== undefined) return client;
    try {
      // Only a client that was made is kept: after a missing key, setting it in the environment lets a later call work.
      client = provider.createClient(clientOptions);
    } catch (error) {
      if (TextgenError.isInstance(error) && !APIError.isInstance(error)) {
        const fix = `pass createTextgen({ ${name}: { apiKey } }) or set ${provider.apiKeyEnvironmentVariable}`;
        throw new TextgenError(`${error.message} With the facade, ${fix}.`, { cause: error });
      }
      throw error;
    }
    return client;
  };
  return {
    client: getClient,
    prepare: ({ call, stream }) => provider.prepare({ client: getClient(), call, stream }),
  };
}

/** The default providers with the caller's over them, each checked so a wrong value fails here, naming its key. */
function mergeProviders(extra: unknown): ProviderSet {
  if (extra === undefined) return { ...defaultProviders };
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) {
    throw new TextgenError(
      `textgen: providers is ${describe(extra)}; pass an object of providers keyed by name, e.g. { mine: myProvider }.`,
    );
  }
  const merged: ProviderSet = { ...defaultProviders };
  for (const [name, provider] of Object.entries(extra as Record<string, unknown>)) {
    if (reservedNames.has(name)) {
      const reserved = [...reservedNames].join(', ');
      throw new TextgenError(`textgen: providers.${name} uses a reserved name; name it anything but ${reserved}.`);
    }
    const candidate = provider as Partial<ProviderAdapter<unknown, unknown>> | null;
    const isProvider =
      typeof candidate === 'object' &&
      candidate !== null &&
      typeof candidate.createClient === 'function' &&
      typeof candidate.prepare === 'function';
    if (!isProvider) {
      throw new TextgenError(
        `textgen: providers.${name} is ${describe(provider)}, not a provider; ` +
          "pass an object with createClient() and prepare() (core's ProviderAdapter).",
      );
    }
    merged[name] = candidate as ProviderAdapter<unknown, unknown>;
  }
  return merged;
}

/**
 * A facade over the default providers and any given in `providers`. Nothing is created until a provider is first
 * used, so configuring only the providers you call is enough.
 */
export function createTextgen<Extra extends ProviderSet = Record<never, never>>(
  options: TextgenOptions<Extra> = {},
): Textgen<Extra> {
  const providers = mergeProviders(options.providers);
  const providerNames = Object.keys(providers);
  const clientOptions = options as Record<string, unknown>;
  const slots = new Map<string, ProviderSlot>();
  for (const name of providerNames) {
    slots.set(name, createProviderSlot({ name, provider: providers[name]!, clientOptions: clientOptions[name] }));
  }
  // normalizeCallInput has checked the name against providerNames, so the slot exists.
  const slotOf = (call: NormalizedCall): ProviderSlot => slots.get(call.provider)!;

  async function generateText(input: TextgenCallInput<string>): Promise<GenerateTextResult<string>> {
    const call = normalizeCallInput(input, providerNames);
    const prepared = slotOf(call).prepare({ call, stream: false });
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

  function streamText(input: TextgenCallInput<string>): StreamTextResult<string> {
    const call = normalizeCallInput(input, providerNames);
    // One controller for the whole stream: the caller's signal, `break` and result.abort() all end here.
    const controller = new AbortController();
    const callerSignal = call.requestOptions.signal;
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    const prepared = slotOf(call).prepare({
      call: { ...call, requestOptions: { ...call.requestOptions, signal: controller.signal } },
      stream: true,
    });
    // Attached only once prepare() has not thrown, and detached when the stream settles: a caller that reuses one
    // signal for many streams must not collect a listener per stream (Node warns past 10, and each keeps its stream
    // alive).
    const forwardAbort = () => controller.abort(callerSignal?.reason);
    if (callerSignal !== undefined && !callerSignal.aborted) {
      callerSignal.addEventListener('abort', forwardAbort, { once: true });
    }
    return createStreamTextResult({
      provider: call.provider,
      model: call.model,
      warnings: prepared.warnings,
      controller,
      start: () => prepared.stream(),
      onSettled: () => callerSignal?.removeEventListener('abort', forwardAbort),
    });
  }

  const textgen: TextgenCalls<string> = { generateText, streamText };
  for (const [name, slot] of slots) {
    Object.defineProperty(textgen, name, { get: () => slot.client(), enumerable: true });
  }
  // The calls are typed by name and each getter returns its provider's client, as Textgen<Extra> says.
  return textgen as unknown as Textgen<Extra>;
}
