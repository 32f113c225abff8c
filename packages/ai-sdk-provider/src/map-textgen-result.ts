import type { JSONObject, LanguageModelV4FinishReason, LanguageModelV4Usage } from '@ai-sdk/provider';
import type { TextgenFinishReason, TextgenUsage } from '@textgen/core';
import type { TextgenProvider } from '@textgen/sdk/adapters';

/**
 * The usage in the AI SDK's shape. Counts a vendor does not report stay undefined (the AI SDK then leaves the total
 * undefined too). Wetrocloud reports only a total (`tokens`), which the AI SDK's shape has no place for except `raw`,
 * so `raw` carries the vendor's own field names for every vendor that reports usage.
 */
export function toLanguageModelUsage(options: {
  vendor: TextgenProvider;
  usage: Partial<TextgenUsage>;
}): LanguageModelV4Usage {
  const { vendor, usage } = options;
  return {
    inputTokens: { total: usage.inputTokens, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: usage.outputTokens, text: undefined, reasoning: undefined },
    raw: rawUsage({ vendor, usage }),
  };
}

function definedOnly(entries: Record<string, number | undefined>): JSONObject | undefined {
  const defined = Object.entries(entries).filter((entry): entry is [string, number] => entry[1] !== undefined);
  return defined.length === 0 ? undefined : Object.fromEntries(defined);
}

function rawUsage(options: { vendor: TextgenProvider; usage: Partial<TextgenUsage> }): JSONObject | undefined {
  const { vendor, usage } = options;
  switch (vendor) {
    case 'wetrocloud':
      return definedOnly({ tokens: usage.totalTokens });
    case 'edenai':
    case 'aitre':
      return definedOnly({
        prompt_tokens: usage.inputTokens,
        completion_tokens: usage.outputTokens,
        total_tokens: usage.totalTokens,
      });
    case 'worqhat':
      // processing_count is a billing count, not tokens (see the facade's README).
      return undefined;
    default: {
      const unknownVendor: never = vendor;
      throw new Error(`Unknown vendor ${String(unknownVendor)}`);
    }
  }
}

/**
 * The AI SDK's finish reason. Its v4 list has no `unknown`: a vendor that reports no finish reason (Wetrocloud,
 * WorqHat, Eden AI) gives `other` with `raw` undefined, never an invented `stop`.
 */
export function toLanguageModelFinishReason(finishReason: TextgenFinishReason): LanguageModelV4FinishReason {
  const { unified, raw } = finishReason;
  switch (unified) {
    case 'unknown':
      return { unified: 'other', raw };
    case 'stop':
    case 'length':
    case 'content-filter':
    case 'tool-calls':
    case 'error':
    case 'other':
      return { unified, raw };
    default: {
      const unknownReason: never = unified;
      return { unified: 'other', raw: String(unknownReason) };
    }
  }
}
