/**
 * `@textgen/core/internal`: what a vendor package is built on (the generated client, its hooks and its provider),
 * besides the public entry `@textgen/core`, which it does not repeat (a package entry re-exporting the other one makes
 * the CommonJS build's shared chunk require its own entry, a require cycle).
 *
 * Unstable: this entry follows core's internals and may change in any minor version, as openai-node's `src/internal`
 * does. Applications import from `@textgen/core` or a vendor package.
 */
export { createAPIPromise } from './api-promise';
export { isJsonObject, missingAnswerError, type ResponseErrorFactory } from './provider-contract';
export { maxEventLength } from './read-stream-body';
export {
  encodeFormBody,
  type ChunkOf,
  type HookTools,
  type OperationDefinition,
  type OperationHooks,
  type ParamsOf,
  type ResultOf,
  type VendorHooks,
} from './operation';
export { createTransport, type CallOptions, type Transport } from './transport';
export type { VendorDescriptor } from './vendor-descriptor';
