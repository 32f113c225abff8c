import { vendorIds, vendorRegistry, type VendorId } from './generated/vendor-registry';
import type { OpenApiDocument } from './openapi-document';
import type { VendorRegistryEntry } from './vendor-registry-entry';

/** The vendors the mocks serve: one per spec, as the generated registry lists them. */
export const mockVendorIds = vendorIds;

export type MockVendor = VendorId;

/** What the generated registry knows about one vendor: its spec and the mock's settings from `x-textgen-mock`. */
export function getVendorEntry(vendor: MockVendor): VendorRegistryEntry {
  const entry = vendorRegistry.find((candidate) => candidate.id === vendor);
  if (entry === undefined) throw new Error(`No spec for vendor ${vendor}.`);
  return entry;
}

/** The dereferenced spec of one vendor. */
export function getVendorSpec(vendor: MockVendor): OpenApiDocument {
  return getVendorEntry(vendor).spec;
}

export function isMockVendor(value: string): value is MockVendor {
  return (mockVendorIds as readonly string[]).includes(value);
}
