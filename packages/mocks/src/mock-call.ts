import type { MockVendor } from './vendor-specs';

/** One request that reached a mock operation, as recorded for assertions. */
export interface MockCall {
  vendor: MockVendor;
  operationId: string;
  method: string;
  url: string;
  /** Request headers with lower-case names. Test keys only: never snapshot this object with a real key in it. */
  headers: Record<string, string>;
  /** JSON parsed; a form as an object with its JSON-encoded parts decoded; `undefined` without a (readable) body. */
  body: unknown;
  bodyText: string;
  pathParameters: Record<string, string>;
}

/** A scripted response for one operation, in place of the spec's examples (see createMockServer().override). */
export type MockOverrideResponse =
  | { type: 'json'; body: unknown; status?: number; headers?: Record<string, string> }
  | { type: 'stream-chunks'; chunks: string[]; status?: number; headers?: Record<string, string>; contentType?: string }
  | { type: 'error'; status: number; body?: unknown; headers?: Record<string, string> };
