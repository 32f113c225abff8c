import type { RequestOptions } from '@textgen/core';

/** The vendors the facade can call. Each has one adapter in `src/providers/`. */
export type TextgenProvider = 'wetrocloud' | 'edenai' | 'worqhat' | 'aitre';

export type TextgenMessageRole = 'system' | 'user' | 'assistant';

/** One turn of a conversation, in the facade's vocabulary (each adapter maps it to the vendor's wire format). */
export interface TextgenMessage {
  role: TextgenMessageRole;
  content: string;
}

/** Token counts. A field is undefined when the vendor does not report it: the facade never estimates a count. */
export interface TextgenUsage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  totalTokens: number | undefined;
}

export type UnifiedFinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other' | 'unknown';

export interface TextgenFinishReason {
  unified: UnifiedFinishReason;
  /** The vendor's own value, or undefined when the vendor reports none. */
  raw: string | undefined;
}

/** The shared part of `generateText` and `streamText` input. */
export interface TextgenCallInput {
  provider: TextgenProvider;
  /** The vendor's model id. Eden AI takes `provider` or `provider/model` (e.g. `openai/gpt-4o`). */
  model: string;
  /** The conversation, oldest first. Give either `messages` or `prompt`. */
  messages?: TextgenMessage[] | undefined;
  /** A single user turn. Give either `messages` or `prompt`. */
  prompt?: string | undefined;
  /** System instructions, placed before any system messages in `messages`. */
  system?: string | undefined;
  /** 0..2, as in OpenAI; each adapter converts it to its vendor's range. */
  temperature?: number | undefined;
  /** A whole number of at least 1; vendors without such a field get a warning instead. */
  maxOutputTokens?: number | undefined;
  /**
   * Raw wire fields per vendor, merged over the body the adapter builds (they win). Only the entry for `provider` is
   * used. See each adapter's `<Vendor>ProviderOptions` type and the README table.
   */
  providerOptions?: Partial<Record<TextgenProvider, Record<string, unknown>>> | undefined;
  signal?: AbortSignal | undefined;
  /** Retries after the first attempt; the client's setting (default 2) otherwise. */
  maxRetries?: number | undefined;
  /** Per attempt, in ms; the client's setting (default 10 minutes) otherwise. */
  timeout?: number | undefined;
  /** Extra HTTP headers for this call only. */
  headers?: Record<string, string> | undefined;
}

export interface GenerateTextResult {
  text: string;
  provider: TextgenProvider;
  /** The model the vendor says answered, else the requested one. */
  model: string;
  usage: TextgenUsage;
  finishReason: TextgenFinishReason;
  /** `x-request-id`, or the vendor's id from the body (WorqHat `processingId`); undefined where the vendor has none. */
  requestId: string | undefined;
  /** Input the vendor could not honour (e.g. a temperature for Wetrocloud), said in words. */
  warnings: string[];
  /** The vendor's response body, unchanged (WorqHat `processingCount` lives here). */
  raw: unknown;
}

export interface TextDeltaPart {
  type: 'text-delta';
  text: string;
}

/** What a `streamText` result yields. A union so that more part kinds can be added without breaking callers. */
export type TextStreamPart = TextDeltaPart;

export interface StreamTextResult extends AsyncIterable<TextStreamPart> {
  readonly provider: TextgenProvider;
  /** The requested model (see `responseModel` for the one the vendor reports). */
  readonly model: string;
  readonly warnings: string[];
  /** The whole text, once the stream has ended. Rejects when the stream fails or is aborted. */
  readonly text: Promise<string>;
  readonly usage: Promise<TextgenUsage>;
  readonly finishReason: Promise<TextgenFinishReason>;
  readonly requestId: Promise<string | undefined>;
  /**
   * The model the vendor says answered (AITRE and WorqHat name it in their chunks), else the requested `model`;
   * settles when the stream ends.
   */
  readonly responseModel: Promise<string>;
  /** Only the text deltas; iterate this or the result itself, not both. */
  readonly textStream: AsyncIterable<string>;
  /** Stops the stream and aborts the HTTP request. */
  abort(): void;
}

/** The input after validation: what an adapter receives. */
export interface NormalizedCall {
  provider: TextgenProvider;
  model: string;
  /** `system` (if given) first, then `messages`, or the prompt as one user message. */
  messages: TextgenMessage[];
  /** Set when the caller passed `prompt` (AITRE sends it as given when there is no system text). */
  prompt: string | undefined;
  temperature: number | undefined;
  maxOutputTokens: number | undefined;
  providerOptions: Record<string, unknown>;
  requestOptions: RequestOptions;
}
