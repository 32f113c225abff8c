import Ajv2020 from 'ajv/dist/2020.js';
import { getVendorSpec, listMockOperations, type MockOperation } from '@textgen/mocks';

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

export function findOperation(operationId: string): MockOperation {
  const operation = listMockOperations().find((candidate) => candidate.operationId === operationId);
  if (operation === undefined) throw new Error(`No operation ${operationId} in the specs`);
  return operation;
}

/**
 * The validation errors of `body` against the operation's declared JSON schema for `status` (empty when it matches).
 */
export function responseSchemaErrors(options: { operation: MockOperation; status: number; body: unknown }): unknown[] {
  const spec = getVendorSpec(options.operation.vendor);
  const responses = spec.paths[options.operation.path]![options.operation.method]!.responses;
  const schema = (responses[String(options.status)] ?? responses.default)?.content?.['application/json']?.schema;
  if (schema === undefined) return [`no application/json schema for ${options.status}`];
  const validate = ajv.compile(schema as object);
  return validate(options.body) ? [] : (validate.errors ?? []);
}
