import { collectStream } from '@textgen/mocks/testing';
import {
  getDefaultBaseUrl,
  getVendorSpec,
  type MockOperation,
  type MockRequestExample,
  type MockVendor,
} from '@textgen/mocks';

/** The Authorization header each vendor expects, with a fake key (CONVENTIONS.md "Auth"). */
export function authorizationFor(vendor: MockVendor): string {
  return vendor === 'wetrocloud' ? 'Token test-key' : 'Bearer test-key';
}

export function defaultBaseUrl(vendor: MockVendor): string {
  return getDefaultBaseUrl(getVendorSpec(vendor));
}

export function operationUrl(options: {
  operation: MockOperation;
  baseUrl?: string;
  pathParameters?: Record<string, string>;
  query?: string;
}): string {
  const values = { ...options.operation.pathParameterExamples, ...options.pathParameters };
  const path = options.operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  );
  return `${options.baseUrl ?? defaultBaseUrl(options.operation.vendor)}${path}${options.query ?? ''}`;
}

/** Encodes a request example as its media type says: JSON text, or a form whose object parts are JSON text. */
export function encodeRequestBody(example: Pick<MockRequestExample, 'mediaType' | 'value'>): {
  body: BodyInit;
  headers: Record<string, string>;
} {
  if (example.mediaType === 'multipart/form-data') {
    const form = new FormData();
    for (const [name, value] of Object.entries(example.value as Record<string, unknown>)) {
      form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    // fetch sets the multipart boundary itself.
    return { body: form, headers: {} };
  }
  return { body: JSON.stringify(example.value), headers: { 'content-type': example.mediaType } };
}

export function exampleRequestInit(options: {
  operation: MockOperation;
  example: Pick<MockRequestExample, 'mediaType' | 'value'>;
  headers?: Record<string, string>;
}): RequestInit {
  const encoded = encodeRequestBody(options.example);
  return {
    method: options.operation.method.toUpperCase(),
    body: encoded.body,
    headers: { authorization: authorizationFor(options.operation.vendor), ...encoded.headers, ...options.headers },
  };
}

/** Reads a body chunk by chunk, as a streaming client would, each chunk decoded as it arrives. */
export function readChunks(response: Response): Promise<string[]> {
  return collectStream(response.body!.pipeThrough(new TextDecoderStream()));
}
