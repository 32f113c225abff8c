/**
 * The vendors of the smoke program: a module that bundle-smoke-program.ts writes from the vendor registry into its
 * scratch folder (each vendor package's factory, imported by name as a user would, and its plan) and aliases to this
 * name, so the program itself names no vendor.
 */
declare module 'textgen-smoke-vendors' {
  /**
   * What the smoke program asks one vendor, taken from its spec's demo examples (scripts/vendor-examples.ts) when the
   * program is bundled. Plain JSON: the bundle carries it, so no runtime reads a file.
   */
  export interface SmokeVendorPlan {
    id: string;
    /** The mock serves the vendor under this path of its URL, e.g. `/<id>/v1`. */
    mockPath: string;
    model: string;
    prompt: string;
    system: string | undefined;
    /** The client method and request example body of the demo's JSON call, and the response example to ask for. */
    generate: { resource: string; name: string; body: Record<string, unknown>; responseExample: string };
    stream: { resource: string; name: string; body: Record<string, unknown>; responseExample: string };
    /** The name of a 401 example of the generate operation, which the typed-error case asks the mock for. */
    authenticationErrorExample: string | undefined;
  }

  export interface SmokeVendor extends SmokeVendorPlan {
    /** The vendor package's client factory (`x-textgen-client.factory`). */
    create(options: { apiKey: string; baseURL: string; maxRetries: number; timeout: number }): unknown;
  }

  export const smokeVendors: SmokeVendor[];
}
