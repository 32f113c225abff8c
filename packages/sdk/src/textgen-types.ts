import type { TextgenFinishReason, TextgenMessage, TextgenUsage } from '@textgen/core';
import type { DefaultProviderName } from './default-providers';

/** The names of the default providers; `createTextgen({ providers })` adds its own. */
export type TextgenProvider = DefaultProviderName;

/** The shared part of `generateText` and `streamText` input. */
export interface TextgenCallInput<Provider extends string = TextgenProvider> {
  /** The name of the provider to call: a default one, or a key of `createTextgen({ providers })`. */
  provider: Provider;
  /** The vendor's model id, as the provider documents it. */
  model: string;
  /** The conversation, oldest first. Give either `messages` or `prompt`. */
  messages?: TextgenMessage[] | undefined;
  /** A single user turn. Give either `messages` or `prompt`. */
  prompt?: string | undefined;
  /** System instructions, placed before any system messages in `messages`. */
  system?: string | undefined;
  /** 0..2, as in OpenAI; each provider converts it to its vendor's range. */
  temperature?: number | undefined;
  /** A whole number of at least 1; vendors without such a field get a warning instead. */
  maxOutputTokens?: number | undefined;
  /**
   * Raw wire fields per provider, merged over the body the provider builds (they win). Only the entry for `provider`
   * is used. See each provider's `<Vendor>ProviderOptions` type and the README table.
   */
  providerOptions?: Partial<Record<Provider, Record<string, unknown>>> | undefined;
  signal?: AbortSignal | undefined;
  /** Retries after the first attempt; the client's setting (default 2) otherwise. */
  maxRetries?: number | undefined;
  /** Per attempt, in ms; the client's setting (default 10 minutes) otherwise. */
  timeout?: number | undefined;
  /** Extra HTTP headers for this call only. */
  headers?: Record<string, string> | undefined;
}

export interface GenerateTextResult<Provider extends string = TextgenProvider> {
  text: string;
  provider: Provider;
  /** The model the vendor says answered, else the requested one. */
  model: string;
  usage: TextgenUsage;
  finishReason: TextgenFinishReason;
  /** `x-request-id`, or the vendor's id from the body; undefined where the vendor has none. */
  requestId: string | undefined;
  /** Input the vendor could not honour (e.g. a temperature for a vendor without one), said in words. */
  warnings: string[];
  /** The vendor's response body, unchanged (counts the vendor reports beyond usage live here). */
  raw: unknown;
}

export interface TextDeltaPart {
  type: 'text-delta';
  text: string;
}

/** What a `streamText` result yields. A union so that more part kinds can be added without breaking callers. */
export type TextStreamPart = TextDeltaPart;

export interface StreamTextResult<Provider extends string = TextgenProvider> extends AsyncIterable<TextStreamPart> {
  readonly provider: Provider;
  /** The requested model (see `responseModel` for the one the vendor reports). */
  readonly model: string;
  readonly warnings: string[];
  /** The whole text, once the stream has ended. Rejects when the stream fails or is aborted. */
  readonly text: Promise<string>;
  readonly usage: Promise<TextgenUsage>;
  readonly finishReason: Promise<TextgenFinishReason>;
  readonly requestId: Promise<string | undefined>;
  /**
   * The model the vendor says answered (for vendors that name it in their chunks), else the requested `model`;
   * settles when the stream ends.
   */
  readonly responseModel: Promise<string>;
  /** Only the text deltas; iterate this or the result itself, not both. */
  readonly textStream: AsyncIterable<string>;
  /** Stops the stream and aborts the HTTP request. */
  abort(): void;
}
