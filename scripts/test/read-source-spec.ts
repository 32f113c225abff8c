/**
 * Reads specs/<vendor>.yaml itself, the source of truth, rather than the generated bundle: a test that compared
 * generated files with other generated files would pass for a spec edited without `pnpm generate`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The parsed YAML of specs/<vendor>.yaml, with its `$ref`s left in place (see resolveReference). */
export function readSourceSpec(vendor: string): Record<string, unknown> {
  return parse(readFileSync(join(repositoryRoot, 'specs', `${vendor}.yaml`), 'utf8')) as Record<string, unknown>;
}

/** The value at a JSON pointer (RFC 6901: `~1` is `/`, `~0` is `~`), or undefined when a step is missing. */
export function lookUpPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  if (!pointer.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer`);
  let node: unknown = document;
  for (const token of pointer.slice(1).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Follows internal `$ref`s (`#/components/...`) until the node is not a reference. The specs use no external refs;
 * meeting one is an error here rather than a silently empty comparison.
 */
export function resolveReference(document: unknown, node: unknown): unknown {
  const seen = new Set<string>();
  let current = node;
  while (typeof current === 'object' && current !== null && typeof (current as { $ref?: unknown }).$ref === 'string') {
    const reference = (current as { $ref: string }).$ref;
    if (!reference.startsWith('#')) throw new Error(`external $ref ${reference} is not supported`);
    if (seen.has(reference)) throw new Error(`$ref cycle at ${reference}`);
    seen.add(reference);
    current = lookUpPointer(document, decodeURIComponent(reference.slice(1)));
    if (current === undefined) throw new Error(`$ref ${reference} does not resolve`);
  }
  return current;
}
