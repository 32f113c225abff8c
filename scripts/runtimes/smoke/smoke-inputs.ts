/**
 * What the smoke program asks and how it reports, shared by the smoke program (which runs inside each runtime) and the
 * runner (which judges the reports on Node). No runtime imports here, so the runner can load it without the packages.
 */

// What the smoke program asks one vendor; declared with the module that carries it (smoke-vendors.d.ts).
export type { SmokeVendorPlan } from 'textgen-smoke-vendors';

/**
 * A placeholder the mock accepts (it checks the format, not the value); the runner checks that no error message holds
 * it.
 */
export const smokeApiKey = 'textgen-smoke-key-7f3a';

/** The line a process runtime prints its reports on: `TEXTGEN_SMOKE_RESULT <json>`. */
export const resultLinePrefix = 'TEXTGEN_SMOKE_RESULT ';

export const smokeCaseNames = [
  'vendor client',
  'vendor stream',
  'generateText',
  'streamText',
  'typed error',
  'ai-sdk generateText',
] as const;
export type SmokeCaseName = (typeof smokeCaseNames)[number];

export interface SmokeCaseReport {
  name: SmokeCaseName;
  /** What the calls returned, as plain JSON, one entry per vendor id; absent when the case threw. */
  observed?: unknown;
  /** The error the case threw, when it did. */
  error?: string;
}

export interface TypedErrorObservation {
  threw: boolean;
  isAuthenticationError: boolean;
  isAPIError: boolean;
  status: unknown;
  message: string;
}
