// @textgen/mocks/testing: what the workspace's tests would otherwise each write again. Test tooling only; no
// runtime package may import it (the same rule as the package entry, see the README).
export { collectStream } from './collect-stream';
export { expectAPIError } from './expect-api-error';
export type { ExpectedErrorClass, ExpectedErrorDetails } from './expect-api-error';
export { streamExamplePayloads } from './stream-example-payloads';
export { specExample } from './spec-example';
