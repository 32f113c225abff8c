import { vendorIds, vendorRegistry, type VendorId } from './generated/vendor-registry';
import type { OpenApiDocument } from './openapi-document';

/** The vendors the mocks serve: one per spec, as the generated registry lists them. */
export const mockVendorIds = vendorIds;

export type MockVendor = VendorId;

/** The dereferenced spec of one vendor. */
export function getVendorSpec(vendor: MockVendor): OpenApiDocument {
  const entry = vendorRegistry.find((candidate) => candidate.id === vendor);
  if (entry === undefined) throw new Error(`No spec for vendor ${vendor}.`);
  return entry.spec;
}

export function isMockVendor(value: string): value is MockVendor {
  return (mockVendorIds as readonly string[]).includes(value);
}
