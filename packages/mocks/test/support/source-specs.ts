/**
 * The operations and named response examples read straight from specs/<vendor>.yaml, the source of truth. The tests
 * compare the mock's inventory (built from the generated bundles) with this, so a check here cannot pass merely
 * because both sides come from the same code.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { mockVendorIds, type MockVendor } from '@textgen/mocks';

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface SourceResponseExample {
  vendor: MockVendor;
  operationId: string;
  status: string;
  mediaType: string;
  name: string;
  value: unknown;
  /** The media type's `schema.description`, where the spec says in prose how the stream ends. */
  schemaDescription: string | undefined;
}

export interface SourceOperation {
  vendor: MockVendor;
  operationId: string;
  responseExamples: SourceResponseExample[];
}

type JsonObject = Record<string, unknown>;

function readSourceSpec(vendor: MockVendor): JsonObject {
  return parse(readFileSync(new URL(`../../../../specs/${vendor}.yaml`, import.meta.url), 'utf8')) as JsonObject;
}

function lookUpPointer(document: unknown, pointer: string): unknown {
  let node = document;
  for (const token of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as JsonObject)[key];
  }
  return node;
}

/** Follows internal `#/components/...` references; the specs use no external ones. */
function resolve(document: unknown, node: unknown): JsonObject {
  let current = node;
  for (
    let depth = 0;
    typeof current === 'object' && current !== null && typeof (current as JsonObject).$ref === 'string';
    depth += 1
  ) {
    const reference = (current as JsonObject).$ref as string;
    if (!reference.startsWith('#/') || depth > 20) throw new Error(`cannot follow $ref ${reference}`);
    current = lookUpPointer(document, reference.slice(1));
    if (current === undefined) throw new Error(`$ref ${reference} does not resolve`);
  }
  return (current ?? {}) as JsonObject;
}

function entriesOf(value: unknown): [string, unknown][] {
  return typeof value === 'object' && value !== null ? Object.entries(value) : [];
}

export function listSourceOperations(): SourceOperation[] {
  return mockVendorIds.flatMap((vendor) => {
    const spec = readSourceSpec(vendor);
    return entriesOf(spec.paths).flatMap(([, pathItemNode]) => {
      const pathItem = resolve(spec, pathItemNode);
      return httpMethods.flatMap((method) => {
        if (pathItem[method] === undefined) return [];
        const operation = resolve(spec, pathItem[method]);
        const operationId = String(operation.operationId);
        const responseExamples = entriesOf(operation.responses).flatMap(([status, responseNode]) =>
          entriesOf(resolve(spec, responseNode).content).flatMap(([mediaType, mediaNode]) => {
            const media = resolve(spec, mediaNode);
            const description = resolve(spec, media.schema).description;
            return entriesOf(media.examples).map(([name, exampleNode]): SourceResponseExample => ({
              vendor,
              operationId,
              status,
              mediaType,
              name,
              value: resolve(spec, exampleNode).value,
              schemaDescription: typeof description === 'string' ? description : undefined,
            }));
          }),
        );
        return [{ vendor, operationId, responseExamples }];
      });
    });
  });
}
