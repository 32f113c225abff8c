/**
 * Proves that the generated types cover the specs: every path, every method, every operation, every request media
 * type and every response status of each specs/<vendor>.yaml is present in packages/<vendor>/src/generated/schema.ts.
 * It reads the YAML source (not the generated bundle) and asks the TypeScript checker about the generated file, so a
 * spec edited without `pnpm generate`, or a stale or hand-trimmed schema.ts, fails here.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { vendorIds } from '../../packages/mocks/src/generated/vendor-registry';
import { readSourceSpec, repositoryRoot, resolveReference } from './read-source-spec';

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface SourceOperation {
  path: string;
  method: (typeof httpMethods)[number];
  operationId: string;
  requestMediaTypes: string[];
  responseKeys: string[];
}

function objectKeys(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.keys(value).sort() : [];
}

/** The operations of a parsed spec, with path items, request bodies and responses followed through their `$ref`s. */
function listSourceOperations(spec: Record<string, unknown>): SourceOperation[] {
  const paths = (spec.paths ?? {}) as Record<string, unknown>;
  return Object.entries(paths).flatMap(([path, pathItemNode]) => {
    const pathItem = resolveReference(spec, pathItemNode) as Record<string, unknown>;
    return httpMethods.flatMap((method) => {
      const operation = pathItem[method] as Record<string, unknown> | undefined;
      if (operation === undefined) return [];
      const requestBody = resolveReference(spec, operation.requestBody) as { content?: unknown } | undefined;
      return [
        {
          path,
          method,
          operationId: String(operation.operationId),
          requestMediaTypes: objectKeys(requestBody?.content),
          responseKeys: objectKeys(operation.responses),
        },
      ];
    });
  });
}

const schemaFiles = vendorIds.map((vendor) =>
  join(repositoryRoot, 'packages', vendor, 'src', 'generated', 'schema.ts'),
);
const program = ts.createProgram(schemaFiles, { strict: true, noEmit: true, skipLibCheck: true });
const checker = program.getTypeChecker();

function exportedType(file: string, name: string): ts.Type {
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`${file} is not part of the program`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((candidate) => candidate.name === name);
  if (!symbol) throw new Error(`${file} does not export ${name}`);
  return checker.getDeclaredTypeOfSymbol(symbol);
}

function propertyType(type: ts.Type | undefined, name: string): ts.Type | undefined {
  const property = type?.getProperty(name);
  if (!property) return undefined;
  return checker.getNonNullableType(checker.getTypeOfSymbol(property));
}

function propertyNames(type: ts.Type | undefined): string[] {
  return type
    ? checker
        .getPropertiesOfType(type)
        .map((property) => property.name)
        .sort()
    : [];
}

/**
 * Every way the generated `paths` / `operations` types differ from the source spec, as readable lines; empty when
 * the types cover the spec exactly.
 */
function coverageDifferences(options: { spec: Record<string, unknown>; file: string }): string[] {
  const paths = exportedType(options.file, 'paths');
  const operations = exportedType(options.file, 'operations');
  const sourceOperations = listSourceOperations(options.spec);
  const differences: string[] = [];
  const compare = (what: string, generated: string[], source: string[]) => {
    const missing = source.filter((name) => !generated.includes(name));
    const extra = generated.filter((name) => !source.includes(name));
    if (missing.length > 0) differences.push(`${what}: missing from the types: ${missing.join(', ')}`);
    if (extra.length > 0) differences.push(`${what}: not in the spec: ${extra.join(', ')}`);
  };

  compare('paths', propertyNames(paths), objectKeys(options.spec.paths));
  compare('operations', propertyNames(operations), sourceOperations.map((operation) => operation.operationId).sort());
  for (const source of sourceOperations) {
    const label = `${source.method} ${source.path} (${source.operationId})`;
    const methodType = propertyType(propertyType(paths, source.path), source.method);
    const operationType = propertyType(operations, source.operationId);
    if (methodType === undefined || operationType === undefined) {
      differences.push(`${label}: no generated type`);
      continue;
    }
    if (methodType !== operationType) differences.push(`${label}: paths and operations disagree`);
    compare(
      `${label} request media types`,
      propertyNames(propertyType(propertyType(operationType, 'requestBody'), 'content')),
      source.requestMediaTypes,
    );
    compare(`${label} response statuses`, propertyNames(propertyType(operationType, 'responses')), source.responseKeys);
  }
  return differences;
}

describe.each(vendorIds.map((vendor, index) => ({ vendor, file: schemaFiles[index]! })))(
  '$vendor generated types',
  ({ vendor, file }) => {
    const spec = readSourceSpec(vendor);

    it('has no type errors', () => {
      const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
      expect(diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))).toEqual(
        [],
      );
    });

    it('declares exactly the paths, operations, request media types and response statuses of the YAML spec', () => {
      expect(listSourceOperations(spec).length).toBeGreaterThan(0);
      expect(coverageDifferences({ spec, file })).toEqual([]);
    });
  },
);

describe('the comparison sees a spec edited without `pnpm generate`', () => {
  // Any vendor shows it; the first spec's first operation is edited.
  const vendor = vendorIds[0];
  const file = schemaFiles[0]!;
  const probe = listSourceOperations(readSourceSpec(vendor))[0]!;
  const label = `${probe.method} ${probe.path} (${probe.operationId})`;

  it('reports an operation the types lack', () => {
    const spec = readSourceSpec(vendor);
    const paths = spec.paths as Record<string, unknown>;
    paths['/textgen-unregenerated'] = {
      post: { operationId: 'unregeneratedOperation', responses: { '200': { description: 'ok' } } },
    };
    expect(coverageDifferences({ spec, file })).toEqual([
      'paths: missing from the types: /textgen-unregenerated',
      'operations: missing from the types: unregeneratedOperation',
      'post /textgen-unregenerated (unregeneratedOperation): no generated type',
    ]);
  });

  it('reports a response status and a request media type the types lack, through a $ref', () => {
    expect(probe.requestMediaTypes.length).toBeGreaterThan(0);
    const spec = readSourceSpec(vendor);
    const pathItem = resolveReference(spec, (spec.paths as Record<string, unknown>)[probe.path]) as Record<
      string,
      Record<string, unknown>
    >;
    const operation = pathItem[probe.method]!;
    (operation.responses as Record<string, unknown>)['418'] = { description: 'a status the types lack' };
    const components = spec.components as Record<string, Record<string, unknown>>;
    components.requestBodies = { TextgenForm: { content: { 'application/x-textgen-unregenerated': {} } } };
    operation.requestBody = { $ref: '#/components/requestBodies/TextgenForm' };
    expect(coverageDifferences({ spec, file })).toEqual([
      `${label} request media types: missing from the types: application/x-textgen-unregenerated`,
      `${label} request media types: not in the spec: ${probe.requestMediaTypes.join(', ')}`,
      `${label} response statuses: missing from the types: 418`,
    ]);
  });
});
