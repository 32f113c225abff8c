import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { VendorSpec } from '../read-vendor-specs';

export interface TextgenOperation {
  operationId: string;
  method: 'get' | 'put' | 'post' | 'delete' | 'patch';
  path: string;
  /** `x-textgen-method`, e.g. `completions.create`: the client's resource and method name. */
  resource: string;
  name: string;
  stream: { requestFlag?: string; always?: true; terminator?: string } | undefined;
  /** The operation object as written in the spec (`$ref`s unresolved). */
  definition: Record<string, unknown>;
}

export interface TextgenExtensions {
  client: { title: string; factory: string; environmentPrefix: string; defaultModel: string; baseURL?: 'required' };
  requestId: { header?: string; bodyField?: string } | undefined;
  mock: { trailingSlash: 'strict' | 'optional'; validationErrorBody: string };
  demo: Record<string, unknown>;
  operations: TextgenOperation[];
}

const schema = JSON.parse(readFileSync(new URL('./textgen-extensions.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true }).compile(schema);
const httpMethods = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The spec's `x-textgen-*` extensions, checked against textgen-extensions.schema.json; a broken one stops generation.
 */
export function readTextgenExtensions(vendor: VendorSpec): TextgenExtensions {
  const operations: TextgenOperation[] = [];
  for (const [path, item] of Object.entries((vendor.document.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const method of httpMethods) {
      const definition = item[method] as Record<string, unknown> | undefined;
      if (definition === undefined) continue;
      const clientMethod = definition['x-textgen-method'];
      const [resource = '', name = ''] = typeof clientMethod === 'string' ? clientMethod.split('.') : [];
      operations.push({
        operationId: String(definition.operationId),
        method,
        path,
        resource,
        name,
        stream: definition['x-textgen-stream'] as TextgenOperation['stream'],
        definition,
      });
    }
  }
  const checked = { info: vendor.info, operations: operations.map((operation) => operation.definition) };
  if (!validate(checked)) {
    const problems = (validate.errors ?? [])
      .map((error) => `  ${error.instancePath || '/'} ${error.message ?? ''}`)
      .join('\n');
    throw new Error(
      `${vendor.specPath}: the x-textgen-* extensions do not match specs/CONVENTIONS.md (scripts/generate/textgen-extensions.schema.json):\n${problems}`,
    );
  }
  return {
    client: vendor.info['x-textgen-client'] as TextgenExtensions['client'],
    requestId: vendor.info['x-textgen-request-id'] as TextgenExtensions['requestId'],
    mock: vendor.info['x-textgen-mock'] as TextgenExtensions['mock'],
    demo: vendor.info['x-textgen-demo'] as TextgenExtensions['demo'],
    operations,
  };
}
