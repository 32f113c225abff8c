import type { TextgenFinishReason, NormalizedCall, TextgenProvider, TextgenUsage } from '../textgen-types';

/** What an adapter's stream yields; the facade turns these into parts and the final promises. */
export type ProviderStreamEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'usage'; usage: Partial<TextgenUsage> }
  | { type: 'finish-reason'; finishReason: TextgenFinishReason }
  | { type: 'response-metadata'; requestId?: string | undefined; model?: string | undefined };

/** A function call the model asked for (Eden AI `tool_calls`); `arguments` is JSON text, as the vendor sent it. */
export interface ProviderToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface ProviderGenerateResult {
  text: string;
  /** The tool calls of the answer, for adapters whose vendor has tools; the facade's results do not expose them yet. */
  toolCalls?: ProviderToolCall[] | undefined;
  model: string | undefined;
  usage: TextgenUsage;
  finishReason: TextgenFinishReason;
  requestId: string | undefined;
  /** What the response itself taught (e.g. Eden AI answering from a fallback provider); added to the call's warnings. */
  warnings?: string[] | undefined;
  raw: unknown;
}

/** A prepared call: the wire body is built (and any mapping error thrown) before anything is sent. */
export interface PreparedCall {
  warnings: string[];
  generate(): Promise<ProviderGenerateResult>;
  /** Resolves once the response headers arrive; iterating the events reads the body. */
  stream(): Promise<AsyncIterable<ProviderStreamEvent>>;
}

/**
 * One vendor behind the facade. `prepare` maps the unified call to the vendor's wire body and must throw a
 * TextgenError for input the vendor cannot take, so that bad input never reaches the network.
 */
export interface ProviderAdapter<Client, Options> {
  readonly provider: TextgenProvider;
  /** The environment variable read when no apiKey option is given, for error messages. */
  readonly apiKeyEnvironmentVariable: string;
  createClient(options: Options | undefined): Client;
  prepare(options: { client: Client; call: NormalizedCall; stream: boolean }): PreparedCall;
}

// Factories, not shared constants: results hand these objects to callers, and a caller that edits one result's usage
// must not change what a later call reports.
export function unknownFinishReason(): TextgenFinishReason {
  return { unified: 'unknown', raw: undefined };
}

export function emptyUsage(): TextgenUsage {
  return { inputTokens: undefined, outputTokens: undefined, totalTokens: undefined };
}
