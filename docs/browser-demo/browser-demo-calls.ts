import type { TextgenProvider } from '@textgen/sdk';

/** One vendor call the browser demo makes, shared by the page and its test so both agree on what was asked. */
export interface BrowserDemoCall {
  provider: TextgenProvider;
  title: string;
  model: string;
  /**
   * The client's base URL below the mock's origin: `/<vendor>` stands for the vendor's host, followed by the path of
   * the vendor's real base URL (`https://api.wetrocloud.com/v1` -> `/wetrocloud/v1`). The browser test checks it
   * against the mock server's own `baseUrls`.
   */
  mockPath: string;
}

export const browserDemoCalls: BrowserDemoCall[] = [
  { provider: 'wetrocloud', title: 'Wetrocloud', model: 'llama-3.3-70b', mockPath: '/wetrocloud/v1' },
  // Eden AI's `providers` field; the mock answers one result for the provider asked for.
  { provider: 'edenai', title: 'Eden AI', model: 'openai', mockPath: '/edenai/v2' },
  { provider: 'worqhat', title: 'WorqHat', model: 'aicon-v4-nano-160824', mockPath: '/worqhat' },
  { provider: 'aitre', title: 'AITRE', model: 'gpt-3.5-turbo-instruct', mockPath: '/aitre/v1' },
];

export const browserDemoPrompt = 'What is a large language model?';

/** A placeholder: the mock only checks that a key is present, and a real key must never sit in a page bundle. */
export const browserDemoApiKey = 'browser-demo-key';
