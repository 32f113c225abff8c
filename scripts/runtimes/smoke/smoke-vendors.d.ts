/**
 * The vendors of the smoke program: a module that bundle-smoke-program.ts writes from the vendor registry into its
 * scratch folder (each vendor package's factory, imported by name as a user would, and its plan) and aliases to this
 * name, so the program itself names no vendor.
 */
declare module 'textgen-smoke-vendors' {
  import type { ClientOptions } from '@textgen/sdk';
  import type { SmokeVendorPlan } from './smoke-inputs';

  export const smokeVendors: (SmokeVendorPlan & { create: (options: ClientOptions) => unknown })[];
}
