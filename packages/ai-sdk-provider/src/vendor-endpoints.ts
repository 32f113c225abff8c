import type { TextgenProvider } from '@textgen/sdk/adapters';

/**
 * The path each provider calls, relative to the client's base URL (from the specs' paths). Only for `APICallError.url`:
 * core's errors carry the status, headers and body, but not the URL that was called.
 */
export function vendorEndpointUrl(options: {
  vendor: TextgenProvider;
  baseURL: string;
  stream: boolean;
  providerOptions: Record<string, unknown>;
}): string {
  const { vendor, baseURL, stream, providerOptions } = options;
  const base = baseURL.replace(/\/+$/, '');
  switch (vendor) {
    case 'wetrocloud':
      return `${base}/text-generation/`;
    case 'edenai':
      return stream ? `${base}/text/chat/stream/` : `${base}/text/chat/`;
    case 'worqhat': {
      // providerOptions.worqhat.modelType + modelId switch the provider to the finetuned operation.
      const { modelType, modelId } = providerOptions;
      return typeof modelType === 'string' && typeof modelId === 'string'
        ? `${base}/api/ai/content/v4/${encodeURIComponent(modelType)}/${encodeURIComponent(modelId)}`
        : `${base}/api/ai/content/v4`;
    }
    case 'aitre':
      return `${base}/completions`;
    default: {
      const unknownVendor: never = vendor;
      throw new Error(`No endpoint for ${String(unknownVendor)}`);
    }
  }
}
