import { createTransport, type ClientOptions, type VendorDescriptor } from '../../src/index';

/** A made-up vendor: core must work with nothing but a descriptor. */
export const fakeDescriptor: VendorDescriptor = {
  vendor: 'fakevendor',
  environmentPrefix: 'FAKEVENDOR',
  defaultBaseURL: 'https://api.fakevendor.invalid/v1/',
  authorizationHeader: (apiKey) => ({ name: 'Authorization', value: `Token ${apiKey}` }),
  errorMessageFromBody(body) {
    const error = (body as { error?: { message?: unknown } } | undefined)?.error;
    return typeof error?.message === 'string' ? error.message : undefined;
  },
  requestIdFromBody(body) {
    const id = (body as { processingId?: unknown } | undefined)?.processingId;
    return typeof id === 'string' ? id : undefined;
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
      requestBody: { content: { 'multipart/form-data': { messages: { role: string; content: string }[]; file: string } } };
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
  return createTransport<paths>(fakeDescriptor, { apiKey: 'test-key', baseURL: 'http://fake.test/v1', logLevel: 'off', ...options });
}

/** The vendor package's typed method, as a vendor package would write it. */
export function echo(transport: ReturnType<typeof createFakeTransport>, prompt: string, requestOptions?: Parameters<typeof transport.request>[1]) {
  return transport.request((client, init) => client.POST('/echo', { body: { prompt }, ...init }), requestOptions);
}

export function streamEcho(
  transport: ReturnType<typeof createFakeTransport>,
  framing: { framing: 'sse' | 'ndjson'; terminator?: string },
  requestOptions?: Parameters<typeof transport.request>[1],
) {
  return transport.requestStream<FakeChunk>(
    (client, init) => client.POST('/stream', { body: { prompt: 'hi' }, ...init }),
    framing,
    requestOptions,
  );
}
