import { setupServer, type SetupServer } from 'msw/node';
import { createMockHandlers } from './create-vendor-handlers';
import type { MockCall, MockOverrideResponse } from './mock-call';
import type { MockVendor } from './vendor-specs';

export interface CreateMockServerOptions {
  /** Base URL per vendor; vendors not listed use their spec's default server URL. */
  baseUrls?: Partial<Record<MockVendor, string>>;
  /** Pause between stream chunks in milliseconds (default 5; 0 sends them back to back). */
  streamChunkDelayMs?: number;
}

export interface MockOverrideOptions {
  operationId: string;
  /** Only needed if two vendors ever share an operationId. */
  vendor?: MockVendor;
  response: MockOverrideResponse;
  /** How many requests it answers before the spec examples take over again; unlimited by default. */
  times?: number;
}

export interface MockServer {
  /** Starts intercepting; unhandled requests fail the test (msw `onUnhandledRequest: 'error'`). */
  listen(): void;
  close(): void;
  /** Drops overrides, recorded calls and any handler added through `msw.use()`. Call it in afterEach. */
  resetHandlers(): void;
  /** Every request that reached a mock operation since the last reset, oldest first. */
  readonly calls: readonly MockCall[];
  readonly lastCall: MockCall | undefined;
  callsFor(operationId: string): MockCall[];
  /**
   * Scripts the response of one operation (JSON, a stream of chunks, or an error status). The request is still
   * authenticated and validated against the spec first, so a scripted test remains a contract test.
   */
  override(options: MockOverrideOptions): void;
  /** The underlying msw server, for anything not covered here. */
  readonly msw: SetupServer;
}

interface ActiveOverride {
  options: MockOverrideOptions;
  remaining: number;
}

/** An msw `setupServer` serving every vendor's spec, recording each call, with per-operation overrides. */
export function createMockServer(options: CreateMockServerOptions = {}): MockServer {
  const calls: MockCall[] = [];
  let overrides: ActiveOverride[] = [];

  const handlers = createMockHandlers({
    baseUrls: options.baseUrls,
    streamChunkDelayMs: options.streamChunkDelayMs,
    onCall: (call) => calls.push(call),
    takeOverride: (call) => {
      const active = overrides.find(
        (candidate) =>
          candidate.remaining > 0 &&
          candidate.options.operationId === call.operationId &&
          (candidate.options.vendor === undefined || candidate.options.vendor === call.vendor),
      );
      if (active === undefined) return undefined;
      active.remaining -= 1;
      return active.options.response;
    },
  });
  const server = setupServer(...handlers);

  return {
    listen() {
      server.listen({ onUnhandledRequest: 'error' });
    },
    close() {
      server.close();
    },
    resetHandlers() {
      server.resetHandlers();
      overrides = [];
      calls.length = 0;
    },
    get calls() {
      return calls;
    },
    get lastCall() {
      return calls.at(-1);
    },
    callsFor(operationId) {
      return calls.filter((call) => call.operationId === operationId);
    },
    override(overrideOptions) {
      const times = overrideOptions.times ?? Number.POSITIVE_INFINITY;
      if (!(times > 0)) throw new RangeError(`override times must be at least 1, got ${times}.`);
      // Newest first, so a test can script over an earlier override of the same operation.
      overrides = [{ options: overrideOptions, remaining: times }, ...overrides];
    },
    msw: server,
  };
}
