import type { Exchange, HostileServer, RawBehaviour, Script } from './hostile-server';
import type { CallOptions, FaultTarget, TargetSession, VendorWire } from './fault-targets';

/** The declared result of a case for one target; the runner fails the case on anything else. */
export type Expectation = (
  | {
      outcome: 'ok';
      /** The answer text the target must give back. */
      text?: string | undefined;
      /** The length of the answer text, for bodies too large to compare. */
      textLength?: number | undefined;
    }
  | {
      outcome: 'error';
      /** Accepted error classes, by their most-derived name (`error.name`), checked with `isInstance` too. */
      names: readonly string[];
      status?: number | undefined;
      /** The message must say what was wrong. */
      message?: RegExp | undefined;
    }
) & {
  /** Requests the servers must have received, when the count is part of the correct behaviour (retries). */
  attempts?: number | undefined;
};

export interface CaseContext {
  target: FaultTarget;
  wire: VendorWire;
  apiKey: string;
  /** The case's main server, answering with the case's script. */
  server: HostileServer;
  /** A second server on another origin (another port), started on first use. */
  otherServer(script: Script): Promise<HostileServer>;
  /** A raw `net` server with the given behaviour; its origin. */
  rawServer(behaviour: RawBehaviour): Promise<string>;
  /** An origin where nothing listens. */
  closedOrigin(): Promise<string>;
  /**
   * A client or facade for this target, logging at debug level into the case's log. Defaults: main server, no retries,
   * 5 s.
   */
  session(options?: { baseURL?: string; maxRetries?: number; timeout?: number }): TargetSession;
  /** Registers a call whose settlement is checked against the expectation. */
  track(call: Promise<unknown>): void;
  /** How many tracked calls have settled so far. */
  settledCount(): number;
  /** True when the case runs after the warm-up, with a forced GC while its calls are in flight. */
  warm: boolean;
  /** Forces a full garbage collection (the suite runs under `node --expose-gc`). */
  collectGarbage(): void;
}

export interface FaultCase {
  name: string;
  /** What is being checked, for the table's legend. */
  description: string;
  /** Also run after the warm-up and a forced GC (timeouts and aborts). */
  rerunWarm?: boolean | undefined;
  /** Hard limit for every tracked call to settle; default 5 s. */
  deadlineMs?: number | undefined;
  /** How the main server answers. */
  script?: ((wire: VendorWire, exchange: Exchange) => void | Promise<void>) | undefined;
  /** Makes the calls (each through `context.track`); may return before they settle. */
  run(context: CaseContext): void | Promise<void>;
  expect(target: FaultTarget): Expectation;
  /**
   * Checks beyond the call's settlement (what reached the server, whether a connection was closed); a failure text or
   * undefined.
   */
  verify?: ((context: CaseContext) => string | undefined | Promise<string | undefined>) | undefined;
}

export type { CallOptions };
