import {
  getDefaultBaseUrl,
  getVendorSpec,
  startMockHttpServer,
  type MockHttpServer,
  type MockVendor,
} from '@textgen/mocks';

/**
 * Where a contract suite sends its requests.
 * - `mock` (`pnpm test:contract`): a `textgen-mock` HTTP server on an ephemeral loopback port, fake keys.
 * - `live` (`pnpm test:contract:live`): `<VENDOR>_API_KEY` and `<VENDOR>_BASE_URL` (else the spec's server) from the
 *   environment. The runner only starts a vendor's live suite when its key (and for AITRE its base URL) is set.
 */
export type ContractMode = 'mock' | 'live';

export interface ContractTarget {
  mode: ContractMode;
  vendor: MockVendor;
  apiKey: string;
  /** The base URL a client of this vendor is given: host plus the spec server's path (`…/v1`). */
  baseURL: string;
}

export const contractMode: ContractMode = process.env.TEXTGEN_CONTRACT_TARGET === 'live' ? 'live' : 'mock';

let mockServer: Promise<MockHttpServer> | undefined;

/** Starts the mock server once per test file; `closeContractTarget` stops it. */
export async function resolveContractTarget(vendor: MockVendor): Promise<ContractTarget> {
  const prefix = vendor.toUpperCase();
  if (contractMode === 'live') {
    const apiKey = process.env[`${prefix}_API_KEY`];
    if (apiKey === undefined || apiKey === '')
      throw new Error(`${prefix}_API_KEY is not set; run the live suite through pnpm test:contract:live.`);
    const baseURL = process.env[`${prefix}_BASE_URL`] || getDefaultBaseUrl(getVendorSpec(vendor));
    return { mode: 'live', vendor, apiKey, baseURL: baseURL.replace(/\/+$/, '') };
  }
  mockServer ??= startMockHttpServer({ port: 0, streamChunkDelayMs: 0, log: false });
  const server = await mockServer;
  return { mode: 'mock', vendor, apiKey: `contract-test-key-${vendor}`, baseURL: server.baseUrls[vendor]! };
}

export async function closeContractTarget(): Promise<void> {
  if (mockServer !== undefined) await (await mockServer).close();
  mockServer = undefined;
}
