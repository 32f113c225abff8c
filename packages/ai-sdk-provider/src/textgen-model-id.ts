import { NoSuchModelError } from '@ai-sdk/provider';
import { isTextgenProvider, textgenProviders, type TextgenProvider } from '@textgen/sdk/adapters';

/**
 * A model id: the vendor, a colon, and the vendor's own model id, e.g. `worqhat:aicon-v4-nano-160824`,
 * `edenai:openai/gpt-4o`, `aitre:gpt-3.5-turbo-instruct`, `wetrocloud:llama-3.3-70b`.
 */
export type TextgenModelId = `${TextgenProvider}:${string}`;

export interface ParsedModelId {
  vendor: TextgenProvider;
  /** The vendor's model id (everything after the first colon, so Eden AI's `openai/gpt-4o` stays whole). */
  model: string;
}

export function parseTextgenModelId(modelId: string): ParsedModelId {
  const separator = typeof modelId === 'string' ? modelId.indexOf(':') : -1;
  const vendor = separator === -1 ? undefined : modelId.slice(0, separator);
  const model = separator === -1 ? '' : modelId.slice(separator + 1);
  if (!isTextgenProvider(vendor) || model.trim() === '') {
    throw new NoSuchModelError({
      modelId: String(modelId),
      modelType: 'languageModel',
      message:
        `textgen: model id ${JSON.stringify(modelId)} is not "<vendor>:<model>"; use one of ` +
        `${textgenProviders.map((name) => `'${name}:...'`).join(', ')}, e.g. 'aitre:gpt-3.5-turbo-instruct'.`,
    });
  }
  return { vendor, model };
}
