import type { StreamFraming } from './stream';

/**
 * One operation of a spec, as the generated client hands it to `transport.call`: everything core needs to send it
 * and to read its answer, written out by scripts/generate from the spec (docs/architecture.md, "Generated clients").
 */
export interface OperationDefinition {
  method: 'get' | 'put' | 'post' | 'delete' | 'patch';
  path: string;
  /** Path parameters, taken out of the caller's params and put into the URL. */
  pathParameters?: readonly string[] | undefined;
  /** Query parameters, taken out of the caller's params and put into the query string. */
  queryParameters?: readonly string[] | undefined;
  /**
   * The request body's media types by short name (`json`, `multipart`), the spec's first one first: the caller's
   * `bodyEncoding` picks one. `jsonFields` are the form fields the spec encodes as JSON text (`encoding.<field>`).
   */
  bodyEncodings?: Readonly<Record<string, { mediaType: string; jsonFields?: readonly string[] }>> | undefined;
  /** The 2xx JSON schema allows an array (every other 2xx body must be an object). */
  answersArray?: boolean | undefined;
  /** `x-textgen-stream`: the body flag that asks for a stream, or `always`; framing from the stream media type. */
  stream?: { requestFlag?: string; always?: boolean; framing: StreamFraming; terminator?: string } | undefined;
}

/** What a vendor hook may use to reject a body: an APIError of this client, the key redacted. */
export interface HookTools {
  createAPIError(options: { response: Response; body: unknown; detail?: string }): Error;
}

/**
 * Vendor code for one operation, for what a spec cannot say (packages/<vendor>/src/<vendor>-hooks.ts). Each hook is
 * optional; the generated client's types follow the hooks' own parameter and return types.
 */
export interface OperationHooks {
  /**
   * Checks the caller's params and returns the wire body; a thrown TextgenError rejects the call before any request.
   */
  prepare?: (params: never) => object;
  /**
   * Reads a parsed 2xx JSON body into what the method resolves to, or throws `tools.createAPIError(...)`; `sent` is
   * the body as sent (after `prepare`).
   */
  transform?: (body: never, response: Response, tools: HookTools, sent: never) => unknown;
  /** Checks each streamed chunk; returns it, or throws `tools.createAPIError(...)` to end the stream. */
  chunk?: (chunk: never, response: Response, tools: HookTools) => unknown;
}

/** The hooks of a vendor: an error-body reader and per-operation hooks keyed by `operationId`. */
export interface VendorHooks {
  errorMessageFromBody?(body: unknown): string | undefined;
  operations?: Readonly<Record<string, OperationHooks>>;
}

type HooksOf<Hooks, OperationId extends string> = Hooks extends {
  operations: { readonly [Id in OperationId]: infer Found };
}
  ? Found
  : object;

/** The params a method takes: the `prepare` hook's input where there is one, else the spec's body and path params. */
export type ParamsOf<Hooks, OperationId extends string, Default> =
  HooksOf<Hooks, OperationId> extends { prepare(params: infer Params): object } ? Params : Default;

/** What a JSON call resolves to: the `transform` hook's result where there is one, else the spec's 2xx body. */
export type ResultOf<Hooks, OperationId extends string, Default> =
  HooksOf<Hooks, OperationId> extends { transform(body: never, ...rest: never[]): infer Result } ? Result : Default;

/** What a stream yields: the `chunk` hook's result where there is one, else the spec's `x-stream-item`. */
export type ChunkOf<Hooks, OperationId extends string, Default> =
  HooksOf<Hooks, OperationId> extends { chunk(chunk: never, ...rest: never[]): infer Chunk } ? Chunk : Default;

/**
 * The form the spec documents, field by field: strings as they are, booleans and numbers as text, and the fields the
 * spec encodes as JSON (and any other object) as JSON text. A JSON field is appended as a string, not a Blob: a Blob
 * part gets a filename, and a Django backend would then file it under request.FILES instead of the field.
 */
export function encodeFormBody(body: Record<string, unknown>, jsonFields: readonly string[] = []): FormData {
  const form = new FormData();
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const asJson = jsonFields.includes(field) || (typeof value === 'object' && value !== null);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects went to JSON.stringify
    form.append(field, asJson ? JSON.stringify(value) : String(value));
  }
  return form;
}
