/**
 * What the scripts (runtime matrix, release check, bench, size) ask each vendor and what its spec says comes back,
 * read from the vendor registry that `pnpm generate` writes: the demo calls of `x-textgen-demo` (specs/CONVENTIONS.md),
 * their request examples, the response examples the mock serves for them, and the answer text at
 * `x-textgen-demo.answer`.
 * Nothing here names a vendor, so a new spec is exercised by every script without an edit.
 */
import { vendorRegistry } from '../packages/mocks/src/generated/vendor-registry';
import type { OpenApiDocument, OpenApiOperation } from '../packages/mocks/src/openapi-document';
import type { DemoCall } from '../packages/mocks/src/vendor-registry-entry';

export interface ExampleCall {
  operationId: string;
  /** The client method (`x-textgen-method`), e.g. `completions.create`: `client[resource][name](body, options)`. */
  resource: string;
  name: string;
  /** The request example's body, as the vendor's wire format writes it. */
  body: Record<string, unknown>;
  /** The response example the mock is told to serve (`Prefer: example=<name>`). */
  responseExample: string;
  /** Its value: a JSON body, or the whole stream body as text. */
  response: unknown;
}

export interface VendorExamples {
  id: string;
  title: string;
  packageName: string;
  factory: string;
  environmentPrefix: string;
  /** The mock serves the vendor under `/<id>` plus its spec server's path: this path. */
  mockPath: string;
  /** The facade's input, read from the generate call's request example (`x-textgen-demo.input`). */
  model: string;
  prompt: string;
  system: string | undefined;
  generate: ExampleCall;
  stream: ExampleCall;
  /** The answer text of the generate call's response example. */
  answerText: string;
  /** The stream example's payloads (NDJSON lines, or SSE `data:` payloads up to a `[DONE]`). */
  streamItems: unknown[];
  /** The answer text of each stream payload that carries one, in order. */
  streamTexts: string[];
  /** A 401 example of the generate operation: what a wrong key gets; its string values hold the vendor's message. */
  authenticationError: { name: string; value: unknown } | undefined;
}

/** RFC 6901: `/choices/0/text`. */
export function readPointer(value: unknown, pointer: string): unknown {
  let node = value;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Every string in a JSON value, depth first: where a vendor's error body keeps its message differs by vendor. */
export function stringValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(stringValues);
}

/**
 * The payloads of a stream example body: NDJSON lines, or the `data:` payloads of server-sent events up to `[DONE]`.
 */
export function splitStreamBody(text: string, mediaType: string): unknown[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (mediaType === 'application/x-ndjson') return lines.map((line) => JSON.parse(line) as unknown);
  return lines
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice('data:'.length).trim())
    .filter((payload) => payload !== '[DONE]')
    .map((payload) => JSON.parse(payload) as unknown);
}

interface FoundOperation {
  operation: OpenApiOperation;
}

function findOperation(spec: OpenApiDocument, operationId: string, vendorId: string): FoundOperation {
  for (const pathItem of Object.values(spec.paths ?? {})) {
    for (const operation of Object.values(pathItem ?? {}) as OpenApiOperation[]) {
      if (typeof operation === 'object' && operation !== null && operation.operationId === operationId)
        return { operation };
    }
  }
  throw new Error(`specs/${vendorId}.yaml has no operation ${operationId} (x-textgen-demo).`);
}

function readCall(spec: OpenApiDocument, call: DemoCall, vendorId: string): ExampleCall & { mediaType: string } {
  const { operation } = findOperation(spec, call.operationId, vendorId);
  const method = (operation as unknown as Record<string, unknown>)['x-textgen-method'];
  const [resource = '', name = ''] = (typeof method === 'string' ? method : '').split('.');
  const requestExamples = Object.values(operation.requestBody?.content ?? {}).map(
    (media) => media.examples?.[call.request],
  );
  const body = requestExamples.find((example) => example !== undefined)?.value;
  const responses = Object.entries(operation.responses?.['200']?.content ?? {});
  const served = responses.find(([, media]) => media.examples?.[call.response] !== undefined);
  if (typeof body !== 'object' || body === null || served === undefined) {
    throw new Error(
      `specs/${vendorId}.yaml ${call.operationId} lacks request example "${call.request}" or 200 example "${call.response}".`,
    );
  }
  return {
    operationId: call.operationId,
    resource,
    name,
    body: body as Record<string, unknown>,
    responseExample: call.response,
    response: served[1].examples?.[call.response]?.value,
    mediaType: served[0],
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A chat message list; a multipart example may carry it as one JSON-encoded text field. */
function readMessages(field: unknown): { role?: unknown; content?: unknown }[] {
  const value = typeof field === 'string' ? (JSON.parse(field) as unknown) : field;
  return Array.isArray(value) ? (value as { role?: unknown; content?: unknown }[]) : [];
}

function mockPathOf(spec: OpenApiDocument, vendorId: string): string {
  const server = spec.servers?.[0];
  const url = (server?.url ?? '/').replace(
    /\{([^}]+)\}/g,
    (_match, name: string) => server?.variables?.[name]?.default ?? '',
  );
  return `/${vendorId}${new URL(url, 'http://placeholder.invalid').pathname.replace(/\/+$/, '')}`;
}

function readVendor(entry: (typeof vendorRegistry)[number]): VendorExamples {
  const { spec, demo, id } = entry;
  const generate = readCall(spec, demo.generate, id);
  const stream = readCall(spec, demo.stream, id);
  const requestBody = generate.body;
  let prompt: string | undefined;
  let system: string | undefined;
  if ('messages' in demo.input) {
    const messages = readMessages(requestBody[demo.input.messages]);
    prompt = text(messages.filter((message) => message.role === 'user').at(-1)?.content);
    const systemTexts = messages
      .filter((message) => message.role === 'system')
      .map((message) => String(message.content));
    system = systemTexts.length > 0 ? systemTexts.join('\n\n') : undefined;
  } else {
    prompt = text(requestBody[demo.input.prompt]);
    system = demo.input.system === undefined ? undefined : text(requestBody[demo.input.system]);
  }
  const answerText = readPointer(generate.response, demo.answer.json);
  if (prompt === undefined || typeof answerText !== 'string') {
    throw new Error(`specs/${id}.yaml: x-textgen-demo.input or .answer does not match the demo examples.`);
  }
  if (typeof stream.response !== 'string')
    throw new Error(`specs/${id}.yaml: the stream example "${stream.responseExample}" is not a body text.`);
  const streamItems = splitStreamBody(stream.response, stream.mediaType);
  const streamTexts = streamItems
    .map((item) => readPointer(item, demo.answer.streamChunk))
    .filter((value): value is string => typeof value === 'string');
  const { operation } = findOperation(spec, demo.generate.operationId, id);
  const unauthorized = Object.values(operation.responses?.['401']?.content ?? {}).flatMap((media) =>
    Object.entries(media.examples ?? {}).filter(([, example]) => example['x-textgen-when'] === undefined),
  )[0];
  return {
    id,
    title: entry.title,
    packageName: entry.packageName,
    factory: entry.factory,
    environmentPrefix: entry.environmentPrefix,
    mockPath: mockPathOf(spec, id),
    model: demo.model ?? text(requestBody.model) ?? entry.defaultModel,
    prompt,
    system,
    generate,
    stream,
    answerText,
    streamItems,
    streamTexts,
    authenticationError:
      unauthorized === undefined ? undefined : { name: unauthorized[0], value: unauthorized[1].value },
  };
}

/** One entry per vendor of the registry, in its order. */
export function readVendorExamples(): VendorExamples[] {
  return vendorRegistry.map(readVendor);
}
