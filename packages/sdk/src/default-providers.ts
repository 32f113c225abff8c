import { aitreProvider } from '@textgen/aitre';
import { edenaiProvider } from '@textgen/edenai';
import { wetrocloudProvider } from '@textgen/wetrocloud';
import { worqhatProvider } from '@textgen/worqhat';

/*
 * The one file of the sdk that names the vendors: the providers every `createTextgen()` has, and what the sdk
 * re-exports of each vendor package. The rest of the sdk knows only core's provider contract.
 */

/** The providers every facade has, keyed by the name a call chooses them by. */
export const defaultProviders = {
  wetrocloud: wetrocloudProvider,
  edenai: edenaiProvider,
  worqhat: worqhatProvider,
  aitre: aitreProvider,
} as const;

export type DefaultProviders = typeof defaultProviders;
export type DefaultProviderName = keyof DefaultProviders;

/** The default provider names, in a stable order (for a CLI's choices or a message). */
export const textgenProviders = Object.keys(defaultProviders) as DefaultProviderName[];

export function isTextgenProvider(value: unknown): value is DefaultProviderName {
  return typeof value === 'string' && Object.hasOwn(defaultProviders, value);
}

export {
  aitreProvider,
  createAitre,
  type AitreClient,
  type AitreClientOptions,
  type AitreProviderOptions,
} from '@textgen/aitre';
export {
  createEdenAI,
  edenaiProvider,
  type EdenAIClient,
  type EdenAIClientOptions,
  type EdenAIProviderOptions,
} from '@textgen/edenai';
export {
  createWetrocloud,
  wetrocloudProvider,
  type WetrocloudClient,
  type WetrocloudClientOptions,
  type WetrocloudProviderOptions,
} from '@textgen/wetrocloud';
export {
  createWorqhat,
  worqhatProvider,
  type WorqhatClient,
  type WorqhatClientOptions,
  type WorqhatProviderOptions,
} from '@textgen/worqhat';
