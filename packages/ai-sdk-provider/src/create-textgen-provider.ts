import { LoadAPIKeyError, NoSuchModelError, type LanguageModelV4, type ProviderV4 } from '@ai-sdk/provider';
import { APIError, TextgenError } from '@textgen/core';
import type { TextgenOptions } from '@textgen/sdk';
import { type ProviderAdapter } from '@textgen/core';
import { defaultProviders, textgenProviders, type TextgenProvider } from '@textgen/sdk/adapters';
import { parseTextgenModelId, type TextgenModelId } from './textgen-model-id';
import { TextgenLanguageModel, type VendorSlot } from './textgen-language-model';

/**
 * Each vendor's client options (`apiKey`, `baseURL`, `fetch`, `maxRetries`, `timeout`, `defaultHeaders`, `logLevel`,
 * `logger`). A vendor left out reads `<VENDOR>_API_KEY` and `<VENDOR>_BASE_URL` when it is first called.
 */
export type TextgenProviderSettings = Omit<TextgenOptions, 'providers'>;

export interface TextgenAISDKProvider extends ProviderV4 {
  /** A language model: `textgen('aitre:gpt-3.5-turbo-instruct')`. */
  (modelId: TextgenModelId): LanguageModelV4;
  languageModel(modelId: TextgenModelId): LanguageModelV4;
}

// Any vendor's provider fits: the contract's methods take their parameters bivariantly, and every client has a baseURL.
function createVendorSlot(
  provider: ProviderAdapter<{ readonly baseURL: string }, unknown>,
  options: unknown,
): VendorSlot {
  let client: { readonly baseURL: string } | undefined;
  const getClient = (): { readonly baseURL: string } => {
    if (client !== undefined) return client;
    try {
      // Made on first use, as @ai-sdk/openai loads its key: a key set in the environment later is still found, and
      // only a client that was made is kept.
      client = provider.createClient(options);
    } catch (error) {
      // core's "No API key" (and a key no header can carry) are TextgenErrors; the AI SDK's kind is LoadAPIKeyError.
      if (TextgenError.isInstance(error) && !APIError.isInstance(error)) {
        throw new LoadAPIKeyError({
          message:
            `${error.message} With the AI SDK provider, pass ` +
            `createTextgenProvider({ ${provider.provider}: { apiKey } }) or set ${provider.apiKeyEnvironmentVariable}.`,
        });
      }
      throw error;
    }
    return client;
  };
  return {
    prepare: ({ call, stream }) => provider.prepare({ client: getClient(), call, stream }),
    baseURL: () => getClient().baseURL,
  };
}

/**
 * An AI SDK provider for the four textgen vendors. Model ids are `<vendor>:<model>`:
 * `worqhat:aicon-v4-nano-160824`, `edenai:openai/gpt-4o`, `aitre:gpt-3.5-turbo-instruct`, `wetrocloud:llama-3.3-70b`.
 * Nothing is read or created until a model is first called, so configuring only the vendors you use is enough.
 */
export function createTextgenProvider(settings: TextgenProviderSettings = {}): TextgenAISDKProvider {
  // The sdk's default providers: the same wire mapping as the facade, for each vendor it knows.
  const slots = Object.fromEntries(
    textgenProviders.map((vendor) => [vendor, createVendorSlot(defaultProviders[vendor], settings[vendor])]),
  ) as Record<TextgenProvider, VendorSlot>;

  const languageModel = (modelId: TextgenModelId): LanguageModelV4 => {
    const { vendor, model } = parseTextgenModelId(modelId);
    return new TextgenLanguageModel({ vendor, model, modelId, slot: slots[vendor] });
  };
  const noSuchModel =
    (modelType: 'embeddingModel' | 'imageModel') =>
    (modelId: string): never => {
      throw new NoSuchModelError({
        modelId,
        modelType,
        message: `textgen: the textgen vendors generate text only; there is no ${modelType} ${JSON.stringify(modelId)}.`,
      });
    };

  // An arrow function: `new textgen(...)` fails with "not a constructor" instead of building a half-made model.
  const provider = (modelId: TextgenModelId): LanguageModelV4 => languageModel(modelId);
  return Object.assign(provider, {
    specificationVersion: 'v4' as const,
    languageModel,
    embeddingModel: noSuchModel('embeddingModel'),
    imageModel: noSuchModel('imageModel'),
  });
}

/** The default provider: every vendor configured from its environment variables, read when first called. */
export const textgen: TextgenAISDKProvider = createTextgenProvider();
