import { createTransport, type APIPromise, type ClientOptions, type RequestOptions, type Stream, type Transport } from '@textgen/core';
import type { Client } from 'openapi-fetch';
import { toEdenAIWireBody, type EdenAIChatRequest, type EdenAIChatStreamRequest } from './edenai-chat-request';
import { describeAllProvidersFailed, readEdenAIChatResult, type EdenAIChatResult } from './edenai-chat-result';
import { edenAIDescriptor } from './edenai-descriptor';
import type { EdenAIChatStreamChunk } from './edenai-stream-chunk';
import type { paths } from './generated/schema';

/** Options of `createEdenAI`. `apiKey` defaults to `EDENAI_API_KEY`, `baseURL` to `EDENAI_BASE_URL`, then https://api.edenai.run/v2. */
export type EdenAIClientOptions = ClientOptions;

export interface EdenAIClient {
  /** The typed openapi-fetch client; its calls get the same auth, retries and timeouts as the methods below. */
  readonly raw: Client<paths>;
  readonly baseURL: string;
  readonly text: {
    /**
     * `POST /text/chat/`: one chat turn to every provider in `providers`. Resolves to each provider's outcome; a
     * provider that failed is reported in `failures`, not thrown, when another one answered. When none answered it
     * rejects with an `APIError` (status 200) whose message lists each provider's error.
     */
    chat(body: EdenAIChatRequest, options?: RequestOptions): APIPromise<EdenAIChatResult>;
    /**
     * `POST /text/chat/stream/`: one provider's answer as NDJSON chunks (this endpoint always streams). Chunks with
     * `blocked: true` (e.g. text `[ERROR]` when the provider failed) are yielded, not thrown, because a fallback
     * provider may continue the stream: skip them when joining the answer text.
     */
    chatStream(body: EdenAIChatStreamRequest, options?: RequestOptions): APIPromise<Stream<EdenAIChatStreamChunk>>;
  };
  /**
   * This client's APIError for a response whose body cannot be used (e.g. a 200 without the fields a caller needs):
   * vendor, status, headers and request id filled in, and the API key redacted from the message, body and headers.
   * For code that wraps the client, such as the textgen facade.
   */
  readonly createAPIError: Transport<paths>['createAPIError'];
}

/** Creates an Eden AI v2 client. Throws right away when no API key is given or found in `EDENAI_API_KEY`. */
export function createEdenAI(options: EdenAIClientOptions = {}): EdenAIClient {
  const transport = createTransport<paths>(edenAIDescriptor, options);

  function chat(body: EdenAIChatRequest, requestOptions?: RequestOptions): APIPromise<EdenAIChatResult> {
    const wireBody = toEdenAIWireBody(body);
    const requestedProviders = wireBody.providers.split(',').map((provider) => provider.trim());
    return transport.request(
      (client, init) => client.POST('/text/chat/', { body: wireBody, ...init }),
      requestOptions,
      (data, response): EdenAIChatResult => {
        const result = readEdenAIChatResult({ body: data, requestedProviders });
        if (result === undefined) {
          throw transport.createAPIError({
            response,
            body: data,
            detail: 'The response is neither an object keyed by provider nor an array of provider results.',
          });
        }
        // Eden AI answers 200 even when every provider failed; with nothing to return, that is an error for the caller.
        if (result.successes.length === 0) {
          throw transport.createAPIError({ response, body: data, detail: describeAllProvidersFailed(result.failures) });
        }
        return result;
      },
    );
  }

  function chatStream(body: EdenAIChatStreamRequest, requestOptions?: RequestOptions): APIPromise<Stream<EdenAIChatStreamChunk>> {
    const wireBody = toEdenAIWireBody(body);
    return transport.requestStream<EdenAIChatStreamChunk>(
      (client, init) => client.POST('/text/chat/stream/', { body: wireBody, ...init }),
      // Eden AI labels the body text/plain; core's NDJSON reader ignores the Content-Type. There is no end line: the
      // stream ends with the body.
      { framing: 'ndjson' },
      requestOptions,
    );
  }

  return {
    raw: transport.client,
    baseURL: transport.baseURL,
    text: { chat, chatStream },
    createAPIError: (options) => transport.createAPIError(options),
  };
}
