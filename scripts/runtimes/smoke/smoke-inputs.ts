/**
 * What the smoke program asks and how it reports, shared by the smoke program (which runs inside each runtime) and the
 * runner (which judges the reports on Node). No runtime imports here, so the runner can load it without the packages.
 */
import type { TextgenProvider } from '@textgen/sdk';

/** The model each facade call names; Eden AI's is its `providers` value, whose answer the client keeps. */
export const smokeModels: Record<TextgenProvider, string> = {
  wetrocloud: 'llama-3.3-70b',
  edenai: 'openai',
  worqhat: 'aicon-v4-nano-160824',
  aitre: 'gpt-3.5-turbo-instruct',
};

export const smokePrompt = 'What is a large language model?';

/**
 * A placeholder the mock accepts (it checks the format, not the value); the runner checks that no error message holds
 * it.
 */
export const smokeApiKey = 'textgen-smoke-key-7f3a';

/** The name of the 401 example in specs/aitre.yaml that the typed-error case asks the mock for. */
export const authenticationErrorExample = 'invalid-api-key';

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
  /** What the calls returned, as plain JSON; absent when the case threw. */
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
