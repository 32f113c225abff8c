// The client, its options and its params/result/chunk types, generated from specs/aitre.yaml.
export * from './generated/aitre-client';
// What the spec cannot say: the vendor's error reading and its other hand-written hooks.
export * from './aitre-hooks';
export type { components, operations, paths } from './generated/schema';
// Error classes, Stream and the option types, so users of this package alone need not import @textgen/core. The error
// classes' isInstance() also works across duplicated copies of core.
export * from '@textgen/core';
// The facade's provider for this vendor (core's provider contract): `createTextgen` uses it by default.
export { aitreProvider, type AitreProviderOptions } from './aitre-provider';
