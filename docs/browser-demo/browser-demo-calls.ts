/**
 * One vendor call the browser demo makes, shared by the page and its test so both agree on what was asked. The calls
 * themselves come from the vendor registry (read-browser-demo-calls.ts, on Node) and are written into the page bundle
 * when it is built, so the page carries neither a vendor list nor the specs.
 */
export interface BrowserDemoCall {
  provider: string;
  title: string;
  model: string;
  /** The question of the spec's demo request example (`x-textgen-demo`), as the facade's input. */
  system: string | undefined;
  prompt: string;
  /**
   * The client's base URL below the mock's origin: `/<vendor>` stands for the vendor's host, followed by the path of
   * the vendor's real base URL. The browser test checks it against the mock server's own `baseUrls`.
   */
  mockPath: string;
  /** The response examples the mock is asked for (`Prefer: example=<name>`): the answers written for that question. */
  generateExample: string;
  streamExample: string;
}

/** The name under which the build defines the calls in the page bundle (esbuild `define`). */
export const browserDemoCallsName = 'textgenBrowserDemoCalls';

/** A placeholder: the mock only checks that a key is present, and a real key must never sit in a page bundle. */
export const browserDemoApiKey = 'browser-demo-key';
