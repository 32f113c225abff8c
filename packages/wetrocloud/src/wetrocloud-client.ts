import { createTransport, type APIPromise, type ClientOptions, type RequestOptions, type Stream, type Transport } from '@textgen/core';
import { encodeWetrocloudFormBody } from './encode-wetrocloud-form-body';
import type { components, paths } from './generated/schema';
import { rejectUnsuccessfulChunks, rejectUnsuccessfulResponse } from './reject-wetrocloud-failure';
import { createWetrocloudDescriptor, type WetrocloudApiVersion } from './wetrocloud-descriptor';
import type { WetrocloudTextGenerationChunk } from './wetrocloud-stream-chunk';

export type WetrocloudMessage = components['schemas']['WetrocloudMessage'];
/** The request in Wetrocloud's wire names; the client encodes it as multipart or JSON. */
export type WetrocloudTextGenerationRequest = components['schemas']['WetrocloudTextGenerationRequest'];
export type WetrocloudTextGenerationResponse = components['schemas']['WetrocloudTextGenerationResponse'];

/**
 * `multipart`: the form the docs describe, `messages` as a JSON-encoded text field (the default).
 * `json`: what the official Node, Go and Python SDKs send, `messages` as a real array.
 */
export type WetrocloudBodyEncoding = 'multipart' | 'json';

export interface WetrocloudClientOptions extends ClientOptions {
  /** Builds the default base URL `https://api.wetrocloud.com/<apiVersion>`; ignored when a base URL is given. Default `v1`. */
  apiVersion?: WetrocloudApiVersion | undefined;
  /** Default `multipart`, as the vendor documents. */
  bodyEncoding?: WetrocloudBodyEncoding | undefined;
}

export interface WetrocloudRequestOptions extends RequestOptions {
  /** Overrides the client's `bodyEncoding` for this call. */
  bodyEncoding?: WetrocloudBodyEncoding | undefined;
}

export interface WetrocloudTextGeneration {
  /** POST /text-generation/. With `stream: true` the reply arrives as NDJSON chunks. */
  create(
    body: WetrocloudTextGenerationRequest & { stream: true },
    options?: WetrocloudRequestOptions,
  ): APIPromise<Stream<WetrocloudTextGenerationChunk>>;
  create(
    body: WetrocloudTextGenerationRequest & { stream?: false | undefined },
    options?: WetrocloudRequestOptions,
  ): APIPromise<WetrocloudTextGenerationResponse>;
  create(
    body: WetrocloudTextGenerationRequest,
    options?: WetrocloudRequestOptions,
  ): APIPromise<WetrocloudTextGenerationResponse | Stream<WetrocloudTextGenerationChunk>>;
}

export interface WetrocloudClient {
  /** The typed openapi-fetch client; its calls also get auth, retries and timeouts. */
  readonly raw: Transport<paths>['client'];
  readonly baseURL: string;
  readonly textGeneration: WetrocloudTextGeneration;
  /**
   * This client's APIError for a response whose body cannot be used (e.g. a 200 without the fields a caller needs):
   * vendor, status, headers and request id filled in, and the API key redacted from the message, body and headers.
   * For code that wraps the client, such as the textgen facade.
   */
  readonly createAPIError: Transport<paths>['createAPIError'];
}

const textGenerationPath = '/text-generation/';

/**
 * A Wetrocloud client. The key comes from `apiKey` or `WETROCLOUD_API_KEY`, the base URL from `baseURL`,
 * `WETROCLOUD_BASE_URL`, or `https://api.wetrocloud.com/<apiVersion>`. Throws right away when no key is found.
 */
export function createWetrocloud(options: WetrocloudClientOptions = {}): WetrocloudClient {
  const { apiVersion, bodyEncoding: clientEncoding = 'multipart', ...clientOptions } = options;
  const transport = createTransport<paths>(createWetrocloudDescriptor({ apiVersion }), clientOptions);

  // openapi-fetch serializes JSON by default and sets `Content-Type: application/json`; for the form it passes the
  // FormData through and sets no Content-Type, so fetch adds the multipart boundary.
  // The `referrer` query parameter is SDK telemetry with no meaning for the API, so it is never sent.
  const encodeBody = (body: WetrocloudTextGenerationRequest, encoding: WetrocloudBodyEncoding) => {
    switch (encoding) {
      case 'multipart':
        return { body, bodySerializer: () => encodeWetrocloudFormBody(body) };
      case 'json':
        return { body };
      default: {
        const unknownEncoding: never = encoding;
        throw new TypeError(`Unknown Wetrocloud bodyEncoding ${JSON.stringify(unknownEncoding)}: use 'multipart' or 'json'.`);
      }
    }
  };

  function create(
    body: WetrocloudTextGenerationRequest,
    requestOptions: WetrocloudRequestOptions = {},
  ): APIPromise<WetrocloudTextGenerationResponse> | APIPromise<Stream<WetrocloudTextGenerationChunk>> {
    const { bodyEncoding = clientEncoding, ...transportOptions } = requestOptions;
    const encoded = encodeBody(body, bodyEncoding);
    if (body.stream === true) {
      const streamed = transport.requestStream<WetrocloudTextGenerationChunk>(
        (client, init) => client.POST(textGenerationPath, { ...encoded, ...init }),
        // NDJSON with no terminator line: the stream ends when the body ends.
        { framing: 'ndjson' },
        transportOptions,
      );
      return rejectUnsuccessfulChunks({ promise: streamed, transport });
    }
    const answered = transport.request(async (client, init) => {
      const result = await client.POST(textGenerationPath, { ...encoded, ...init });
      // The 200 declares two media types; the NDJSON one is only sent for `stream: true`, handled above.
      return { ...result, data: result.data as WetrocloudTextGenerationResponse | undefined };
    }, transportOptions);
    return rejectUnsuccessfulResponse({ promise: answered, transport });
  }

  return {
    raw: transport.client,
    baseURL: transport.baseURL,
    textGeneration: { create: create as WetrocloudTextGeneration['create'] },
    createAPIError: (options) => transport.createAPIError(options),
  };
}
