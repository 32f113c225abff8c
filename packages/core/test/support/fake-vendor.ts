import { type Stream, type ClientOptions } from '../../src/index';
import { createTransport, type CallOptions, type OperationDefinition, type VendorDescriptor } from '../../src/internal';

/** A made-up vendor: core must work with nothing but a descriptor. */
export const fakeDescriptor: VendorDescriptor = {
  vendor: 'fakevendor',
  environmentPrefix: 'FAKEVENDOR',
  defaultBaseURL: 'https://api.fakevendor.invalid/v1/',
  authorization: { header: 'Authorization', prefix: 'Token' },
  requestId: { bodyField: 'processingId' },
  errorMessageFromBody(body) {
    const error = (body as { error?: { message?: unknown } } | undefined)?.error;
    return typeof error?.message === 'string' ? error.message : undefined;
  },
};

interface JsonContent<Body> {
  headers: { [name: string]: unknown };
  content: { 'application/json': Body };
}

export interface FakeError {
  error: { message: string };
}

/** Shaped like openapi-typescript output for a three-operation spec. */
export interface paths {
  '/echo': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { 'application/json': { prompt: string } } };
      responses: { 200: JsonContent<{ text: string; processingId?: string }>; default: JsonContent<FakeError> };
    };
  };
  '/upload': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: {
        content: { 'multipart/form-data': { messages: { role: string; content: string }[]; file: string } };
      };
      responses: { 200: JsonContent<{ text: string }>; default: JsonContent<FakeError> };
    };
  };
  '/stream': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { 'application/json': { prompt: string } } };
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'text/event-stream': string } };
        default: JsonContent<FakeError>;
      };
    };
  };
}

export interface FakeChunk {
  text: string;
}

export function createFakeTransport(options: ClientOptions = {}) {
  return createTransport<paths>(fakeDescriptor, {
    apiKey: 'test-key',
    baseURL: 'http://fake.test/v1',
    logLevel: 'off',
    ...options,
  });
}

/** The operations of the fake spec, as scripts/generate writes them for a real one. */
export const fakeOperations = {
  echo: { method: 'post', path: '/echo', queryParameters: ['token'] },
  upload: {
    method: 'post',
    path: '/upload',
    bodyEncodings: {
      multipart: { mediaType: 'multipart/form-data', jsonFields: ['messages'] },
      json: { mediaType: 'application/json' },
    },
  },
} satisfies Record<string, OperationDefinition>;

/** The vendor package's typed method, as a generated client writes it. */
export function echo(transport: ReturnType<typeof createFakeTransport>, prompt: string, requestOptions?: CallOptions) {
  return transport.call<{ text: string; processingId?: string }>(fakeOperations.echo, { prompt }, requestOptions);
}

export function streamEcho(
  transport: ReturnType<typeof createFakeTransport>,
  framing: { framing: 'sse' | 'ndjson'; terminator?: string },
  requestOptions?: CallOptions,
) {
  return transport.call<Stream<FakeChunk>>(
    { method: 'post', path: '/stream', stream: { always: true, ...framing } },
    { prompt: 'hi' },
    requestOptions,
  );
}
