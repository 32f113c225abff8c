import type { OpenApiDocument } from './openapi-document';
import aitreSpec from './generated/aitre.openapi.json';
import edenaiSpec from './generated/edenai.openapi.json';
import wetrocloudSpec from './generated/wetrocloud.openapi.json';
import worqhatSpec from './generated/worqhat.openapi.json';

/** The vendors the mocks serve, one bundled spec each (packages/mocks/src/generated/<vendor>.openapi.json). */
export const mockVendorIds = ['wetrocloud', 'edenai', 'worqhat', 'aitre'] as const;

export type MockVendor = (typeof mockVendorIds)[number];

// The JSON is imported (not read from disk) so that tsdown inlines it and the built package needs no file lookups.
// TypeScript infers a literal type per bundle; the mocks only read it through the OpenApiDocument shape.
const vendorSpecs: Record<MockVendor, OpenApiDocument> = {
  wetrocloud: wetrocloudSpec as unknown as OpenApiDocument,
  edenai: edenaiSpec as unknown as OpenApiDocument,
  worqhat: worqhatSpec as unknown as OpenApiDocument,
  aitre: aitreSpec as unknown as OpenApiDocument,
};

/** The dereferenced spec of one vendor. */
export function getVendorSpec(vendor: MockVendor): OpenApiDocument {
  return vendorSpecs[vendor];
}

export function isMockVendor(value: string): value is MockVendor {
  return (mockVendorIds as readonly string[]).includes(value);
}
