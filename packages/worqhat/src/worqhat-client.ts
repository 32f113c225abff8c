import {
  createTransport,
  TextgenError,
  type APIPromise,
  type ClientOptions,
  type RequestOptions,
  type Stream,
  type StreamOptions,
  type Transport,
} from '@textgen/core';
import type { Client } from 'openapi-fetch';
import type { components, operations, paths } from './generated/schema';
import { worqhatDescriptor } from './worqhat-descriptor';
import type { WorqhatStreamChunk } from './worqhat-stream-chunk';

/** apiKey defaults to `WORQHAT_API_KEY`, baseURL to `WORQHAT_BASE_URL`, then `https://api.worqhat.com`. */
export type WorqhatClientOptions = ClientOptions;

/** Body of `POST /api/ai/content/v4`, in WorqHat's wire names; `question` and `model` are required. */
export type WorqhatContentRequest = components['schemas']['WorqHatContentRequest'];
/** Body of the finetuned operation; the path chooses the model, so only `question` is required. */
export type WorqhatFinetunedContentRequest = components['schemas']['WorqHatFinetunedContentRequest'];
/**
 * The non-streamed answer. The usage count may come as `processingCount` or `processing_count`; both are optional.
 * `content` is a string or, for `response_type: 'json'` on the finetuned path, an object.
 */
export type WorqhatContentResponse = components['schemas']['WorqHatContentResponse'];
/**
 * The answer to a request that asks for text (`response_type` absent or `'text'`). Only a JSON request gets an object
 * `content` (the finetuned page; the text-only page returns JSON as a string), so a text answer is typed as one.
 */
export type WorqhatTextContentResponse = Omit<WorqhatContentResponse, 'content'> & { content?: string };
/** The base model a custom model was trained from. */
export type WorqhatModelType = operations['generateContentWithModel']['parameters']['path']['modelType'];
/** The finetuned body plus the two path parameters, which are taken out of the body before it is sent. */
export type WorqhatGenerateWithModelParams = WorqhatFinetunedContentRequest & { modelType: WorqhatModelType; modelId: string };

type Streaming = { stream_data: true };
type NotStreaming = { stream_data?: false | undefined };
type AsksJson = { response_type: 'json' };
type AsksText = { response_type?: 'text' | undefined };

export interface WorqhatContent {
  /** `POST /api/ai/content/v4`: text-only generation with a base model. `stream_data: true` gives a Stream. */
  generate(body: WorqhatContentRequest & Streaming, options?: RequestOptions): APIPromise<Stream<WorqhatStreamChunk>>;
  generate(body: WorqhatContentRequest & NotStreaming & AsksJson, options?: RequestOptions): APIPromise<WorqhatContentResponse>;
  generate(body: WorqhatContentRequest & NotStreaming & AsksText, options?: RequestOptions): APIPromise<WorqhatTextContentResponse>;
  /** `response_type` known only at run time: `content` may be text or JSON. */
  generate(body: WorqhatContentRequest & NotStreaming, options?: RequestOptions): APIPromise<WorqhatContentResponse>;
  generate(body: WorqhatContentRequest, options?: RequestOptions): APIPromise<WorqhatContentResponse | Stream<WorqhatStreamChunk>>;
  /** `POST /api/ai/content/v4/{modelType}/{modelId}`: generation with a finetuned model. `stream_data: true` gives a Stream. */
  generateWithModel(params: WorqhatGenerateWithModelParams & Streaming, options?: RequestOptions): APIPromise<Stream<WorqhatStreamChunk>>;
  generateWithModel(
    params: WorqhatGenerateWithModelParams & NotStreaming & AsksJson,
    options?: RequestOptions,
  ): APIPromise<WorqhatContentResponse>;
  generateWithModel(
    params: WorqhatGenerateWithModelParams & NotStreaming & AsksText,
    options?: RequestOptions,
  ): APIPromise<WorqhatTextContentResponse>;
  generateWithModel(params: WorqhatGenerateWithModelParams & NotStreaming, options?: RequestOptions): APIPromise<WorqhatContentResponse>;
  generateWithModel(
    params: WorqhatGenerateWithModelParams,
    options?: RequestOptions,
  ): APIPromise<WorqhatContentResponse | Stream<WorqhatStreamChunk>>;
}

export interface WorqhatClient {
  /** The typed openapi-fetch client; its calls also get auth, retries and timeouts. */
  readonly raw: Client<paths>;
  readonly baseURL: string;
  readonly content: WorqhatContent;
  /**
   * This client's APIError for a response whose body cannot be used (e.g. a 200 without the fields a caller needs):
   * vendor, status, headers and request id filled in, and the API key redacted from the message, body and headers.
   * For code that wraps the client, such as the textgen facade.
   */
  readonly createAPIError: Transport<paths>['createAPIError'];
}

// WorqHat streams data-only SSE and ends with `data: [DONE]`; a stream cut before it is reported as a connection error.
const sseStream: StreamOptions = { framing: 'sse', terminator: '[DONE]' };

// A Record, so adding a model type to the spec fails to compile here until it is listed.
const modelTypes: Record<WorqhatModelType, true> = { nano: true, large: true };

function assertQuestion(method: string, question: unknown): void {
  if (typeof question !== 'string' || question.trim() === '') {
    throw new TextgenError(`[worqhat] ${method}: \`question\` is empty. Pass the prompt for this turn as a non-empty string.`);
  }
}

function assertModelPath(modelType: unknown, modelId: unknown): void {
  if (typeof modelType !== 'string' || !Object.hasOwn(modelTypes, modelType)) {
    throw new TextgenError(
      `[worqhat] content.generateWithModel: \`modelType\` must be ${Object.keys(modelTypes)
        .map((name) => `'${name}'`)
        .join(' or ')} (the base model the custom model was trained from), got ${JSON.stringify(modelType) ?? 'undefined'}.`,
    );
  }
  if (typeof modelId !== 'string' || modelId.trim() === '') {
    throw new TextgenError('[worqhat] content.generateWithModel: `modelId` is empty. Pass the custom model id shown in WorqHat AI Studio.');
  }
}

/** A WorqHat AiCon v4 client. Throws a TextgenError when no API key is given or found in `WORQHAT_API_KEY`. */
export function createWorqhat(options: WorqhatClientOptions = {}): WorqhatClient {
  const transport = createTransport<paths>(worqhatDescriptor, options);

  // The 200 response declares both JSON and SSE media types, so openapi-fetch types `data` as their union; without
  // `stream_data` the body is the JSON one.
  const asJson = (result: { data?: unknown }) => result as { data?: WorqhatContentResponse };

  // Validation runs inside the async call so it rejects the returned APIPromise (no request is made), rather than
  // throwing synchronously from a method whose callers expect a promise.
  function generate(body: WorqhatContentRequest & Streaming, requestOptions?: RequestOptions): APIPromise<Stream<WorqhatStreamChunk>>;
  function generate(
    body: WorqhatContentRequest & NotStreaming & AsksJson,
    requestOptions?: RequestOptions,
  ): APIPromise<WorqhatContentResponse>;
  function generate(
    body: WorqhatContentRequest & NotStreaming & AsksText,
    requestOptions?: RequestOptions,
  ): APIPromise<WorqhatTextContentResponse>;
  function generate(body: WorqhatContentRequest & NotStreaming, requestOptions?: RequestOptions): APIPromise<WorqhatContentResponse>;
  function generate(
    body: WorqhatContentRequest,
    requestOptions?: RequestOptions,
  ): APIPromise<WorqhatContentResponse | Stream<WorqhatStreamChunk>>;
  function generate(
    body: WorqhatContentRequest,
    requestOptions?: RequestOptions,
  ): APIPromise<WorqhatContentResponse> | APIPromise<Stream<WorqhatStreamChunk>> {
    if (body.stream_data === true) {
      return transport.requestStream<WorqhatStreamChunk>(
        async (client, init) => {
          assertQuestion('content.generate', body.question);
          return client.POST('/api/ai/content/v4', { body, ...init });
        },
        sseStream,
        requestOptions,
      );
    }
    return transport.request<WorqhatContentResponse>(async (client, init) => {
      assertQuestion('content.generate', body.question);
      return asJson(await client.POST('/api/ai/content/v4', { body, ...init }));
    }, requestOptions);
  }

  function generateWithModel(
    params: WorqhatGenerateWithModelParams & Streaming,
    requestOptions?: RequestOptions,
  ): APIPromise<Stream<WorqhatStreamChunk>>;
  function generateWithModel(
    params: WorqhatGenerateWithModelParams & NotStreaming & AsksJson,
    requestOptions?: RequestOptions,
  ): APIPromise<WorqhatContentResponse>;
  function generateWithModel(
    params: WorqhatGenerateWithModelParams & NotStreaming & AsksText,
    requestOptions?: RequestOptions,
  ): APIPromise<WorqhatTextContentResponse>;
  function generateWithModel(
    params: WorqhatGenerateWithModelParams & NotStreaming,
    requestOptions?: RequestOptions,
  ): APIPromise<WorqhatContentResponse>;
  function generateWithModel(
    params: WorqhatGenerateWithModelParams,
    requestOptions?: RequestOptions,
  ): APIPromise<WorqhatContentResponse | Stream<WorqhatStreamChunk>>;
  function generateWithModel(
    params: WorqhatGenerateWithModelParams,
    requestOptions?: RequestOptions,
  ): APIPromise<WorqhatContentResponse> | APIPromise<Stream<WorqhatStreamChunk>> {
    // The path parameters must leave the body: the finetuned body schema admits no other members.
    const { modelType, modelId, ...body } = params;
    const validate = () => {
      assertModelPath(modelType, modelId);
      assertQuestion('content.generateWithModel', body.question);
    };
    const path = { path: { modelType, modelId } };
    if (body.stream_data === true) {
      return transport.requestStream<WorqhatStreamChunk>(
        async (client, init) => {
          validate();
          return client.POST('/api/ai/content/v4/{modelType}/{modelId}', { params: path, body, ...init });
        },
        sseStream,
        requestOptions,
      );
    }
    return transport.request<WorqhatContentResponse>(async (client, init) => {
      validate();
      return asJson(await client.POST('/api/ai/content/v4/{modelType}/{modelId}', { params: path, body, ...init }));
    }, requestOptions);
  }

  return {
    raw: transport.client,
    baseURL: transport.baseURL,
    content: { generate, generateWithModel },
    createAPIError: (options) => transport.createAPIError(options),
  };
}
