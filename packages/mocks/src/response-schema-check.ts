import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { JsonSchema, OpenApiOperation, OpenApiResponse } from './openapi-document';
import { isJsonMediaType, isStreamMediaType, listSpecOperations } from './spec-operations';
import { getVendorSpec, type MockVendor } from './vendor-specs';

/** One way a response body or stream chunk breaks its spec schema; `pointer` is a JSON Pointer into the body. */
export interface ResponseSchemaError {
  pointer: string;
  keyword: string;
  message: string;
}

/** A member the body carries that no schema along its path declares: the spec has drifted from the API. */
export interface UndeclaredField {
  pointer: string;
}

// Its own Ajv (the request validator's one reports issues in vendor 400 wording). strict: false for the OpenAPI
// keywords Ajv does not know (`discriminator`, `x-*`); formats are annotations in our specs (CONVENTIONS.md).
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, logger: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  if (typeof schema !== 'object') return ajv.compile(schema);
  let validator = compiled.get(schema);
  if (validator === undefined) {
    validator = ajv.compile(schema);
    compiled.set(schema, validator);
  }
  return validator;
}

function findOperation(vendor: MockVendor, operationId: string): OpenApiOperation {
  const found = listSpecOperations(getVendorSpec(vendor)).find((candidate) => candidate.operationId === operationId);
  if (found === undefined) throw new Error(`The ${vendor} spec has no operation ${operationId}.`);
  return found.operation;
}

function responseFor(operation: OpenApiOperation, status: number): OpenApiResponse | undefined {
  return operation.responses[String(status)] ?? operation.responses.default;
}

function errorsOf(schema: JsonSchema, value: unknown): ResponseSchemaError[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => ({
    pointer: error.instancePath,
    keyword: error.keyword,
    message: error.message ?? error.keyword,
  }));
}

/** The JSON schema the spec declares for one operation's response with that status (its `default` otherwise). */
export function getResponseSchema(options: { vendor: MockVendor; operationId: string; status: number }): JsonSchema {
  const response = responseFor(findOperation(options.vendor, options.operationId), options.status);
  const mediaType = Object.keys(response?.content ?? {}).find(isJsonMediaType);
  const schema = mediaType === undefined ? undefined : response?.content?.[mediaType]?.schema;
  if (schema === undefined)
    throw new Error(`${options.operationId} declares no JSON schema for status ${options.status}.`);
  return schema;
}

/** The chunk schema (`x-stream-item`) of the operation's 200 stream media type. */
export function getStreamChunkSchema(options: { vendor: MockVendor; operationId: string }): JsonSchema {
  const response = responseFor(findOperation(options.vendor, options.operationId), 200);
  const mediaType = Object.keys(response?.content ?? {}).find(isStreamMediaType);
  const schema = mediaType === undefined ? undefined : response?.content?.[mediaType]?.['x-stream-item'];
  if (schema === undefined) throw new Error(`${options.operationId} declares no stream chunk schema (x-stream-item).`);
  return schema;
}

/** Errors of a JSON response body against the operation's schema for `status`; empty when it matches. */
export function responseSchemaErrors(options: {
  vendor: MockVendor;
  operationId: string;
  status: number;
  body: unknown;
}): ResponseSchemaError[] {
  return errorsOf(getResponseSchema(options), options.body);
}

/** Errors of one stream chunk (one SSE `data:` payload or NDJSON line, parsed) against `x-stream-item`. */
export function streamChunkSchemaErrors(options: {
  vendor: MockVendor;
  operationId: string;
  chunk: unknown;
}): ResponseSchemaError[] {
  return errorsOf(getStreamChunkSchema(options), options.chunk);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The branches of a schema that apply to `value`: itself, its `allOf`, and the `anyOf`/`oneOf` branches it matches. */
function applicableSchemas(schema: JsonSchema, value: unknown): Record<string, unknown>[] {
  if (typeof schema !== 'object') return [];
  const record = schema;
  const found: Record<string, unknown>[] = [record];
  for (const branch of (record.allOf as JsonSchema[] | undefined) ?? [])
    found.push(...applicableSchemas(branch, value));
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    for (const branch of (record[keyword] as JsonSchema[] | undefined) ?? []) {
      if (validatorFor(branch)(value)) found.push(...applicableSchemas(branch, value));
    }
  }
  return found;
}

/**
 * Members of `value` that no schema along their path declares (`properties`, or a map's `additionalProperties`
 * schema). Open schemas accept such members, so validation alone cannot see them; a live API that sends one has
 * drifted from the spec, and the pointer says where.
 */
export function listUndeclaredFields(schema: JsonSchema, value: unknown, pointer = ''): UndeclaredField[] {
  const schemas = applicableSchemas(schema, value);
  const found: UndeclaredField[] = [];
  if (Array.isArray(value)) {
    const itemSchemas = schemas
      .map((candidate) => candidate.items)
      .filter((items): items is JsonSchema => items !== undefined);
    value.forEach((item, index) => {
      for (const itemSchema of itemSchemas.slice(0, 1))
        found.push(...listUndeclaredFields(itemSchema, item, `${pointer}/${index}`));
    });
    return found;
  }
  if (!isRecord(value)) return found;
  for (const [name, member] of Object.entries(value)) {
    const memberPointer = `${pointer}/${escapePointerSegment(name)}`;
    const declared = schemas
      .map((candidate) => (candidate.properties as Record<string, JsonSchema> | undefined)?.[name])
      .find((property) => property !== undefined);
    if (declared !== undefined) {
      found.push(...listUndeclaredFields(declared, member, memberPointer));
      continue;
    }
    const mapSchema = schemas
      .map((candidate) => candidate.additionalProperties)
      .find((extra) => typeof extra === 'object');
    if (mapSchema !== undefined) found.push(...listUndeclaredFields(mapSchema as JsonSchema, member, memberPointer));
    else found.push({ pointer: memberPointer });
  }
  return found;
}
