/**
 * Proves that the generated types cover the specs: every path, every method, every operation, every request media
 * type and every response status of each spec is present in packages/<vendor>/src/generated/schema.ts.
 * It asks the TypeScript checker about the generated file, so a stale or hand-trimmed schema.ts fails here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { vendorIds } from '../vendors';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface SpecOperation {
  operationId: string;
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, unknown>;
}
type SpecPathItem = Partial<Record<(typeof httpMethods)[number], SpecOperation>>;

function readBundledSpec(vendor: string): { paths: Record<string, SpecPathItem> } {
  const file = join(repositoryRoot, 'packages', 'mocks', 'src', 'generated', `${vendor}.openapi.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, SpecPathItem> };
}

const schemaFiles = vendorIds.map((vendor) => join(repositoryRoot, 'packages', vendor, 'src', 'generated', 'schema.ts'));
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

function propertyType(type: ts.Type, name: string): ts.Type | undefined {
  const property = type.getProperty(name);
  if (!property) return undefined;
  return checker.getNonNullableType(checker.getTypeOfSymbol(property));
}

function propertyNames(type: ts.Type | undefined): string[] {
  return type ? checker.getPropertiesOfType(type).map((property) => property.name).sort() : [];
}

describe.each(vendorIds.map((vendor, index) => ({ vendor, file: schemaFiles[index]! })))('$vendor generated types', ({ vendor, file }) => {
  const spec = readBundledSpec(vendor);
  const paths = exportedType(file, 'paths');
  const operations = exportedType(file, 'operations');

  it('has no type errors', () => {
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
    expect(diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))).toEqual([]);
  });

  it('declares exactly the spec paths', () => {
    expect(propertyNames(paths)).toEqual(Object.keys(spec.paths).sort());
  });

  const specOperations = Object.entries(spec.paths).flatMap(([path, item]) =>
    httpMethods.flatMap((method) => (item[method] ? [{ path, method, operation: item[method] }] : [])),
  );

  it('declares exactly the spec operations', () => {
    expect(propertyNames(operations)).toEqual(specOperations.map(({ operation }) => operation.operationId).sort());
  });

  it.each(specOperations.map((entry) => ({ ...entry, operationId: entry.operation.operationId })))(
    '$method $path is $operationId with every media type and status',
    ({ path, method, operation }) => {
      const pathItem = propertyType(paths, path);
      const methodType = pathItem && propertyType(pathItem, method);
      const operationType = propertyType(operations, operation.operationId);
      expect(methodType, `${method} ${path} missing`).toBeDefined();
      expect(methodType).toBe(operationType);

      const requestContent = propertyType(propertyType(operationType!, 'requestBody')!, 'content');
      expect(propertyNames(requestContent)).toEqual(Object.keys(operation.requestBody?.content ?? {}).sort());
      expect(propertyNames(propertyType(operationType!, 'responses'))).toEqual(Object.keys(operation.responses).sort());
    },
  );
});
