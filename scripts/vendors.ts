/** The vendor ids, one per spec in specs/ and one package per id in packages/. The generator and the docs read this list. */
export const vendorIds = ['wetrocloud', 'edenai', 'worqhat', 'aitre'] as const;

export type VendorId = (typeof vendorIds)[number];
