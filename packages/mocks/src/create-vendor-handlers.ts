import { http, type HttpHandler } from 'msw';
import { handleOperationRequest, type OperationHandlerContext } from './handle-operation-request';
import type { MockCall, MockOverrideResponse } from './mock-call';
import type { HttpMethod } from './openapi-document';
import { getDefaultBaseUrl, listSpecOperations } from './spec-operations';
import type { VendorRegistryEntry } from './vendor-registry-entry';
import { getVendorEntry, mockVendorIds, type MockVendor } from './vendor-specs';

/** Default pause between stream chunks: small enough for fast tests, large enough that chunks arrive separately. */
export const defaultStreamChunkDelayMs = 5;

export interface CreateVendorHandlersOptions {
  vendor: MockVendor;
  /** Defaults to the spec's first server URL with its variables' defaults (e.g. https://api.example.com/v1). */
  baseUrl?: string;
  /** Pause between stream chunks in milliseconds; 0 sends them back to back. Default 5. */
  streamChunkDelayMs?: number;
  /** Called with every request that reached an operation, valid or not. */
  onCall?: (call: MockCall) => void;
  /** Consulted once per valid request; a returned response replaces the spec example. */
  takeOverride?: (call: MockCall) => MockOverrideResponse | undefined;
}

export interface CreateMockHandlersOptions {
  /** Base URL per vendor; vendors not listed use their spec's default server. */
  baseUrls?: Partial<Record<MockVendor, string>>;
  streamChunkDelayMs?: number;
  onCall?: (call: MockCall) => void;
  takeOverride?: (call: MockCall) => MockOverrideResponse | undefined;
}

const mswMethods = {
  get: http.get,
  put: http.put,
  post: http.post,
  delete: http.delete,
  options: http.options,
  head: http.head,
  patch: http.patch,
} as const;

function isMswMethod(method: HttpMethod): method is keyof typeof mswMethods {
  return method in mswMethods;
}

/**
 * The msw pattern of a spec path. With `x-textgen-mock.trailingSlash: optional` the path also matches without its
 * trailing slash, for a vendor whose shipped clients call both forms; `strict` leaves a client that drops the slash
 * unmatched, as a strictly routed backend would.
 */
function mswPath(options: {
  baseUrl: string;
  path: string;
  trailingSlash: VendorRegistryEntry['mock']['trailingSlash'];
}): string {
  let path = options.path.replace(/\{([^}]+)\}/g, ':$1');
  if (options.trailingSlash === 'optional' && path.length > 1) {
    // msw (path-to-regexp 6, non-strict) treats a trailing slash as optional only when the pattern has none.
    path = path.replace(/\/+$/, '');
  }
  return `${options.baseUrl.replace(/\/+$/, '')}${path}`;
}

/** msw handlers for every operation of one vendor's spec, built at run time from the bundled spec. */
export function createVendorHandlers(options: CreateVendorHandlersOptions): HttpHandler[] {
  const entry = getVendorEntry(options.vendor);
  const { spec } = entry;
  const baseUrl = options.baseUrl ?? getDefaultBaseUrl(spec);
  const delayMs = options.streamChunkDelayMs ?? defaultStreamChunkDelayMs;
  if (!Number.isFinite(delayMs) || delayMs < 0) {
    throw new RangeError(`streamChunkDelayMs must be 0 or more, got ${delayMs}.`);
  }
  return listSpecOperations(spec).flatMap((specOperation) => {
    if (!isMswMethod(specOperation.method)) return [];
    const context: OperationHandlerContext = {
      vendor: options.vendor,
      entry,
      spec,
      specOperation,
      delayMs,
      onCall: options.onCall,
      takeOverride: options.takeOverride,
    };
    const path = mswPath({ baseUrl, path: specOperation.path, trailingSlash: entry.mock.trailingSlash });
    const handle = mswMethods[specOperation.method];
    return [handle(path, ({ request, params }) => handleOperationRequest(context, request, params))];
  });
}

/** msw handlers for every operation of every vendor in the registry. */
export function createMockHandlers(options: CreateMockHandlersOptions = {}): HttpHandler[] {
  return mockVendorIds.flatMap((vendor) =>
    createVendorHandlers({
      vendor,
      baseUrl: options.baseUrls?.[vendor],
      streamChunkDelayMs: options.streamChunkDelayMs,
      onCall: options.onCall,
      takeOverride: options.takeOverride,
    }),
  );
}
