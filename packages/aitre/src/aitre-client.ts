import { createTransport, type APIPromise, type ClientOptions, type RequestOptions, type Stream, type Transport } from '@textgen/core';
import type { Client } from 'openapi-fetch';
import { aitreDescriptor } from './aitre-descriptor';
import type { CompletionChunk } from './aitre-stream-chunk';
import type { components, paths } from './generated/schema';

export interface AitreClientOptions extends ClientOptions {
  /**
   * AITRE's host followed by `/v1`, e.g. `https://<aitre host>/v1`. AITRE does not publish its base URL, so set this
   * (or `AITRE_BASE_URL`); without either, the client calls OpenAI's `https://api.openai.com/v1`, the spec's default.
   */
  baseURL?: string | undefined;
}

/** Body of `POST /completions`, in OpenAI's wire names (`max_tokens`, `stream_options`, ...). */
export type CreateCompletionRequest = components['schemas']['CreateCompletionRequest'];
/** A request that streams: the response is a `Stream<CompletionChunk>`. */
export type CreateCompletionRequestStreaming = CreateCompletionRequest & { stream: true };
/** A request that does not stream: the response is one `CreateCompletionResponse`. */
export type CreateCompletionRequestNonStreaming = CreateCompletionRequest & { stream?: false | null | undefined };
/** The completion returned when the request does not stream. */
export type CreateCompletionResponse = components['schemas']['CreateCompletionResponse'];

export interface AitreCompletions {
  /** `POST /completions`, streamed as server-sent events ending with `data: [DONE]`. */
  create(body: CreateCompletionRequestStreaming, options?: RequestOptions): APIPromise<Stream<CompletionChunk>>;
  /** `POST /completions`, answered with one JSON completion. */
  create(body: CreateCompletionRequestNonStreaming, options?: RequestOptions): APIPromise<CreateCompletionResponse>;
  /** `POST /completions` when the stream flag is only known at run time. */
  create(
    body: CreateCompletionRequest,
    options?: RequestOptions,
  ): APIPromise<Stream<CompletionChunk>> | APIPromise<CreateCompletionResponse>;
}

export interface AitreClient {
  /** The typed openapi-fetch client: any operation of the spec, with auth, retries and timeouts from core. */
  readonly raw: Client<paths>;
  /** The base URL in use, without a trailing slash. */
  readonly baseURL: string;
  readonly completions: AitreCompletions;
  /**
   * This client's APIError for a response whose body cannot be used (e.g. a 200 without the fields a caller needs):
   * vendor, status, headers and request id filled in, and the API key redacted from the message, body and headers.
   * For code that wraps the client, such as the textgen facade.
   */
  readonly createAPIError: Transport<paths>['createAPIError'];
}

/** The terminator OpenAI-format streams send as their last `data:` payload. */
const streamTerminator = '[DONE]';

/**
 * A client for AITRE's OpenAI-format `POST /completions`. Reads `AITRE_API_KEY` and `AITRE_BASE_URL` when the options
 * leave them out, and throws right away when no API key is found.
 */
export function createAitre(options: AitreClientOptions = {}): AitreClient {
  const transport = createTransport<paths>(aitreDescriptor, options);

  function create(body: CreateCompletionRequestStreaming, requestOptions?: RequestOptions): APIPromise<Stream<CompletionChunk>>;
  function create(body: CreateCompletionRequestNonStreaming, requestOptions?: RequestOptions): APIPromise<CreateCompletionResponse>;
  function create(
    body: CreateCompletionRequest,
    requestOptions?: RequestOptions,
  ): APIPromise<Stream<CompletionChunk>> | APIPromise<CreateCompletionResponse>;
  function create(
    body: CreateCompletionRequest,
    requestOptions?: RequestOptions,
  ): APIPromise<Stream<CompletionChunk>> | APIPromise<CreateCompletionResponse> {
    if (body.stream === true) {
      return transport.requestStream<CompletionChunk>(
        (client, init) => client.POST('/completions', { body, ...init }),
        { framing: 'sse', terminator: streamTerminator },
        requestOptions,
      );
    }
    return transport.request<CreateCompletionResponse>(
      (client, init) =>
        // The 200 declares both application/json and text/event-stream, so openapi-fetch types `data` as the completion
        // or a string. Without `stream: true` the body is JSON and openapi-fetch parses it (an SSE body would fail that
        // parse and reject), so only the completion can arrive here; the check narrows the type without a cast.
        client
          .POST('/completions', { body, ...init })
          .then((result) => ({ ...result, data: typeof result.data === 'string' ? undefined : result.data })),
      requestOptions,
    );
  }

  return {
    raw: transport.client,
    baseURL: transport.baseURL,
    completions: { create },
    createAPIError: (options) => transport.createAPIError(options),
  };
}
