export { createMockHandlers, createVendorHandlers, defaultStreamChunkDelayMs } from './create-vendor-handlers';
export type { CreateMockHandlersOptions, CreateVendorHandlersOptions } from './create-vendor-handlers';
export { createMockServer } from './create-mock-server';
export type { CreateMockServerOptions, MockOverrideOptions, MockServer } from './create-mock-server';
export { startMockHttpServer } from './start-mock-http-server';
export type { MockHttpServer, StartMockHttpServerOptions } from './start-mock-http-server';
export { defaultMockServerPort, MockServerUsageError, runMockServerCommand } from './run-mock-server-command';
export type { MockServerCommandOptions } from './run-mock-server-command';
export { listMockExamples, listMockOperations } from './list-mock-examples';
export type { MockExample, MockOperation, MockRequestExample } from './list-mock-examples';
export type { MockCall, MockOverrideResponse } from './mock-call';
export { getVendorEntry, getVendorSpec, isMockVendor, mockVendorIds } from './vendor-specs';
export type { MockVendor } from './vendor-specs';
export type { AnswerContext, RequestAnswer } from './request-answer';
export { createValidationErrorBody } from './validation-error-body';
export type { ValidationErrorBodyShape } from './validation-error-body';
export type { ValidationIssue } from './request-validator';
export { splitStreamExample } from './stream-example-body';
export { getDefaultBaseUrl } from './spec-operations';
export type { StreamMode } from './spec-operations';
export type { HttpMethod, OpenApiDocument } from './openapi-document';
export {
  getResponseSchema,
  getStreamChunkSchema,
  listUndeclaredFields,
  responseSchemaErrors,
  streamChunkSchemaErrors,
} from './response-schema-check';
export type { ResponseSchemaError, UndeclaredField } from './response-schema-check';
export { vendorIds, vendorRegistry, type VendorId } from './generated/vendor-registry';
export type { DemoCall, DemoInput, VendorRegistryEntry } from './vendor-registry-entry';
