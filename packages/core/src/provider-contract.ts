import type { APIError } from './textgen-error';
import type { RequestOptions } from './transport';

/*
 * The provider contract: what a facade (`@textgen/sdk`, `@textgen/ai-sdk-provider`) needs from a vendor, in words no
 * vendor owns. Each vendor package implements it in its `<vendor>-provider.ts`; a facade only ever calls it, so a new
 * vendor, or a user's own, plugs in without the facade changing.
 */

export type TextgenMessageRole = 'system' | 'user' | 'assistant';

/** One turn of a conversation, in the facade's vocabulary (each provider maps it to the vendor's wire format). */
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

/** The call input after the facade has checked it: what a provider receives. */
export interface NormalizedCall {
  /** The name the call chose the provider by. */
  provider: string;
  model: string;
  /** `system` (if given) first, then `messages`, or the prompt as one user message. */
  messages: TextgenMessage[];
  /** Set when the caller passed `prompt`, for vendors that send a lone prompt as given. */
  prompt: string | undefined;
  temperature: number | undefined;
  maxOutputTokens: number | undefined;
  /** This provider's raw wire fields (plain JSON data), merged over the body the provider builds. */
  providerOptions: Record<string, unknown>;
  requestOptions: RequestOptions;
}

/** What a provider's stream yields; the facade turns these into parts and the final promises. */
export type ProviderStreamEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'usage'; usage: Partial<TextgenUsage> }
  | { type: 'finish-reason'; finishReason: TextgenFinishReason }
  | { type: 'response-metadata'; requestId?: string | undefined; model?: string | undefined };

/** A function call the model asked for; `arguments` is JSON text, as the vendor sent it. */
export interface ProviderToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface ProviderGenerateResult {
  text: string;
  /** The tool calls of the answer, for vendors that have tools; the facade's results do not expose them yet. */
  toolCalls?: ProviderToolCall[] | undefined;
  model: string | undefined;
  usage: TextgenUsage;
  finishReason: TextgenFinishReason;
  requestId: string | undefined;
  /** What the response itself taught (e.g. a fallback answered); added to the call's warnings. */
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
 * One vendor behind a facade. `prepare` maps the unified call to the vendor's wire body and must throw a
 * TextgenError for input the vendor cannot take, so that bad input never reaches the network.
 */
export interface ProviderAdapter<Client, Options> {
  /** The provider's default name, e.g. the key it has in a facade's default set. */
  readonly provider: string;
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

/**
 * What a vendor client offers to build its own APIError (core's `transport.createAPIError`): status, headers, request
 * id and vendor come from the response, and the API key is redacted from the message, body and headers.
 */
export interface ResponseErrorFactory {
  createAPIError(options: { response: Response; body: unknown; detail?: string }): APIError;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const checkBaseURL = "Retry, or check that the base URL points at this vendor's API.";

/** The APIError for a 200 body that is an object but lacks the field holding the answer. */
export function missingAnswerError(options: {
  client: ResponseErrorFactory;
  response: Response;
  body: unknown;
  field: string;
}): APIError {
  const { client, response, body, field } = options;
  const detail = `The 200 response body has no ${field}, so there is no answer in it. ${checkBaseURL}`;
  return client.createAPIError({ response, body, detail });
}
