/**
 * specs/README.md maps every specs/vendor-facts.md item to a JSON pointer into the spec. A pointer that no longer
 * resolves is a
 * coverage claim nobody can check, so every pointer in the README must resolve against its vendor's bundle (the
 * dereferenced spec, where a pointer may also pass through a `$ref`). Pointers are written in full (`#/paths/...`),
 * with a section's abbreviation (`S/<Vendor>StreamChunk`, where the section says "`S` = `/components/schemas`"), or
 * elided with `…` / `...` (then some pointer must start with the part before and end with the part after).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vendorIds, vendorRegistry, type VendorId } from '../../packages/mocks/src/generated/vendor-registry';
import { lookUpPointer, repositoryRoot } from './read-source-spec';

const readme = readFileSync(join(repositoryRoot, 'specs', 'README.md'), 'utf8');
const topLevelKeys = ['paths', 'components', 'info', 'servers', 'security', 'tags', 'webhooks', 'externalDocs'];

function sectionVendor(heading: string): VendorId | undefined {
  const match = /specs\/(\w+)\.yaml|\.\.\/(\w+)\.yaml/.exec(heading) ?? /`(\w+)\.yaml`/.exec(heading);
  const named = match?.[1] ?? match?.[2];
  if (named !== undefined) return vendorIds.find((vendor) => vendor === named);
  const lower = heading.toLowerCase();
  // A heading names the vendor by its id or by its title (`x-textgen-client.title`).
  return vendorRegistry.find((vendor) => lower.includes(vendor.id) || lower.includes(vendor.title.toLowerCase()))?.id;
}

/** Every pointer of a JSON document, so an elided pointer can be matched against them. */
function allPointers(node: unknown, prefix = '', into: string[] = []): string[] {
  into.push(prefix);
  if (typeof node === 'object' && node !== null) {
    for (const [key, child] of Object.entries(node))
      allPointers(child, `${prefix}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, into);
  }
  return into;
}

interface PointerCase {
  vendor: VendorId;
  written: string;
  pointer: string;
}

/** The `## ` sections that cover one vendor, each with the pointers it writes, abbreviations expanded. */
function readmePointers(): PointerCase[] {
  const cases: PointerCase[] = [];
  for (const section of readme.split(/^## /m).slice(1)) {
    const vendor = sectionVendor(
      section.slice(0, section.indexOf('\n') === -1 ? undefined : section.indexOf('\n') + 400),
    );
    if (vendor === undefined) continue;
    const abbreviations = new Map<string, string>();
    for (const match of section.matchAll(/`([A-Z]{1,8})`\s*(?:=|stands for|for)\s*`#?(\/[^`]*)`/g))
      abbreviations.set(match[1]!, match[2]!);
    for (const match of section.matchAll(/`([^`\s]+)`/g)) {
      const written = match[1]!;
      const head = written.split('/')[0]!;
      let pointer: string;
      if (written.startsWith('#/')) pointer = written.slice(1);
      else if (abbreviations.has(head)) pointer = abbreviations.get(head)! + written.slice(head.length);
      else if (written.startsWith('/') && topLevelKeys.includes(written.split('/')[1]!)) pointer = written;
      else if (written.startsWith('…/') || written.startsWith('.../')) pointer = written;
      else continue;
      cases.push({ vendor, written, pointer });
    }
  }
  return cases;
}

const bundles = new Map(
  vendorIds.map((vendor) => {
    const bundle: unknown = JSON.parse(
      readFileSync(join(repositoryRoot, 'packages', vendor, 'src', 'generated', `${vendor}.openapi.json`), 'utf8'),
    );
    return [vendor, { bundle, pointers: allPointers(bundle) }] as const;
  }),
);

function resolves({ vendor, pointer }: PointerCase): boolean {
  const { bundle, pointers } = bundles.get(vendor)!;
  const parts = pointer.split(/…|\.\.\./);
  if (parts.length === 1) return lookUpPointer(bundle, pointer) !== undefined;
  return pointers.some((candidate) => {
    let from = 0;
    for (const [index, part] of parts.entries()) {
      const at = index === 0 ? (candidate.startsWith(part) ? 0 : -1) : candidate.indexOf(part, from);
      if (at === -1) return false;
      from = at + part.length;
    }
    return candidate.endsWith(parts.at(-1)!);
  });
}

describe('specs/README.md pointers', () => {
  const cases = readmePointers();

  it('finds pointers in every vendor section', () => {
    expect(new Set(cases.map((testCase) => testCase.vendor))).toEqual(new Set(vendorIds));
    expect(cases.length).toBeGreaterThan(300);
  });

  it('resolves every pointer against its vendor bundle', () => {
    const dangling = cases
      .filter((testCase) => !resolves(testCase))
      .map(({ vendor, written }) => `${vendor}: ${written}`);
    expect(dangling).toEqual([]);
  });

  it('would report a pointer that does not resolve', () => {
    // Any vendor shows it: every spec declares its stream chunk with `x-stream-item` (specs/CONVENTIONS.md).
    const vendor = vendorIds[0];
    expect(resolves({ vendor, written: 'S/Nothing', pointer: '/components/schemas/Nothing' })).toBe(false);
    expect(resolves({ vendor, written: '…/x-stream-nothing', pointer: '…/x-stream-nothing' })).toBe(false);
    expect(resolves({ vendor, written: '…/x-stream-item', pointer: '…/x-stream-item' })).toBe(true);
  });
});
