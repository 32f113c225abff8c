import type { OpenApiDocument } from './openapi-document';
import type { AnswerContext, RequestAnswer } from './request-answer';
import type { ValidationErrorBodyShape } from './validation-error-body';

/** One call of the demo: a request example of the spec and the response example the mock serves for it. */
/**
 * Where the demo's request examples carry what the facade's input becomes (`x-textgen-demo.input`): the names of
 * top-level body fields, either a prompt (with an optional system text) or one chat message list.
 */
export type DemoInput = { prompt: string; system?: string | undefined } | { messages: string };

export interface DemoCall {
  operationId: string;
  /** Name of the request example whose question the demo asks. */
  request: string;
  /** Name of the response example the mock is told to serve (`Prefer: example=<name>`). */
  response: string;
}

/**
 * What the workspace knows about one vendor, read from its spec's `info.x-textgen-*` extensions by `pnpm generate`
 * (specs/CONVENTIONS.md documents each field). The generated `vendorRegistry` lists one entry per spec; the mocks, the
 * CLI demo, the docs build, the browser demo and the scripts read it instead of keeping their own vendor lists.
 */
export interface VendorRegistryEntry {
  /** The spec's file name and `info.x-textgen-vendor`; also the package folder and the mock's route prefix. */
  id: string;
  /** The vendor's name as people write it (`x-textgen-client.title`). */
  title: string;
  /** The npm package generated from the spec, `@textgen/<id>`. */
  packageName: string;
  /** The package's client factory (`x-textgen-client.factory`). */
  factory: string;
  /** `<PREFIX>_API_KEY` and `<PREFIX>_BASE_URL` are read when the options leave them out. */
  environmentPrefix: string;
  /** A model id the vendor documents, for examples and the CLI. */
  defaultModel: string;
  /** The vendor publishes no host, so a client needs `baseURL` (or `<PREFIX>_BASE_URL`). */
  requiresBaseURL: boolean;
  /** The spec bundled with every `$ref` resolved. */
  spec: OpenApiDocument;
  mock: {
    /** `optional`: the mock also answers a spec path without its trailing slash (`x-textgen-mock.trailingSlash`). */
    trailingSlash: 'strict' | 'optional';
    /**
     * The shape of the vendor's 400 body for a request that fails validation (`x-textgen-mock.validationErrorBody`).
     */
    validationErrorBody: ValidationErrorBodyShape;
    /** The vendor's request-aware answers (`packages/<id>/mock/<id>-mock-answers.ts`), where it has any. */
    answerRequest?: ((context: AnswerContext) => RequestAnswer | undefined) | undefined;
  };
  /** The two calls `textgen demo` makes (`x-textgen-demo`). */
  demo: {
    model?: string | undefined;
    input: DemoInput;
    /** JSON pointers to the answer text in the generate call's response example and in each chunk of the stream's. */
    answer: { json: string; streamChunk: string };
    generate: DemoCall;
    stream: DemoCall;
  };
}
