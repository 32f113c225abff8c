import type { TextgenProvider } from '@textgen/sdk';

/** One vendor call the browser demo makes, shared by the page and its test so both agree on what was asked. */
export interface BrowserDemoCall {
  provider: TextgenProvider;
  title: string;
  model: string;
}

export const browserDemoCalls: BrowserDemoCall[] = [
  { provider: 'wetrocloud', title: 'Wetrocloud', model: 'llama-3.3-70b' },
  // Eden AI's `providers` field; the mock answers for every provider in the example and the client keeps this one.
  { provider: 'edenai', title: 'Eden AI', model: 'openai' },
  { provider: 'worqhat', title: 'WorqHat', model: 'aicon-v4-nano-160824' },
  { provider: 'aitre', title: 'AITRE', model: 'gpt-3.5-turbo-instruct' },
];

export const browserDemoPrompt = 'What is a large language model?';

/** A placeholder: the mock only checks that a key is present, and a real key must never sit in a page bundle. */
export const browserDemoApiKey = 'browser-demo-key';
