/**
 * The browser demo page: the @textgen/sdk facade, bundled unchanged for the browser, calls the textgen mock server
 * (its origin comes from `?mock=http://127.0.0.1:PORT`) for every vendor with generateText and streamText.
 * The results go into elements the browser test reads: `[data-generate-text=<vendor>]` holds the generated text,
 * `[data-stream-text=<vendor>]` one <span> per streamed delta (appended as it arrives), `data-delta-count` how many,
 * and `body[data-status]` ends as `done`, or `error` with the message in `#status`.
 */
import {
  createTextgen,
  generateText,
  streamText,
  type Textgen,
  type TextgenOptions,
  type TextgenProvider,
} from '@textgen/sdk';
import { browserDemoApiKey, type BrowserDemoCall } from './browser-demo-calls';

// Written into the bundle by build-browser-demo.ts (esbuild `define`, named by `browserDemoCallsName`), from the
// vendor registry: the page names no vendor and carries no spec.
declare const textgenBrowserDemoCalls: BrowserDemoCall[];
const browserDemoCalls = textgenBrowserDemoCalls;

function readMockOrigin(): string {
  const mock = new URLSearchParams(window.location.search).get('mock');
  if (mock === null || mock === '')
    throw new Error('Open this page with ?mock=<textgen-mock origin>, e.g. ?mock=http://127.0.0.1:4010');
  return mock.replace(/\/+$/, '');
}

function createDemoTextgen(mock: string): Textgen {
  const clientOptions = (call: BrowserDemoCall) => ({
    apiKey: browserDemoApiKey,
    baseURL: `${mock}${call.mockPath}`,
    // A failure should show on the page at once, not after retries.
    maxRetries: 0,
  });
  const options = Object.fromEntries(
    browserDemoCalls.map((call) => [call.provider, clientOptions(call)]),
  ) as TextgenOptions;
  return createTextgen(options);
}

function appendElement<Tag extends keyof HTMLElementTagNameMap>(options: {
  parent: HTMLElement;
  tag: Tag;
  text?: string;
  attributes?: Record<string, string>;
}): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(options.tag);
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attributes ?? {})) element.setAttribute(name, value);
  options.parent.append(element);
  return element;
}

function renderVendorSection({ parent, call }: { parent: HTMLElement; call: BrowserDemoCall }) {
  const section = appendElement({ parent, tag: 'section', attributes: { 'data-vendor': call.provider } });
  const heading = appendElement({ parent: section, tag: 'h2', text: `${call.title} ` });
  appendElement({ parent: heading, tag: 'small', text: `provider ${call.provider}, model ${call.model}` });
  appendElement({ parent: section, tag: 'h3', text: 'generateText' });
  const generated = appendElement({ parent: section, tag: 'pre', attributes: { 'data-generate-text': call.provider } });
  const streamHeading = appendElement({ parent: section, tag: 'h3', text: 'streamText' });
  const deltaCount = appendElement({ parent: streamHeading, tag: 'span', text: '' });
  const streamed = appendElement({
    parent: section,
    tag: 'pre',
    attributes: { class: 'stream', 'data-stream-text': call.provider, 'data-delta-count': '0' },
  });
  return { generated, streamed, deltaCount };
}

async function runVendor({
  textgen,
  call,
  parent,
}: {
  textgen: Textgen;
  call: BrowserDemoCall;
  parent: HTMLElement;
}): Promise<void> {
  const { generated, streamed, deltaCount } = renderVendorSection({ parent, call });
  const input = {
    textgen,
    provider: call.provider as TextgenProvider,
    model: call.model,
    system: call.system,
    prompt: call.prompt,
  };
  const prefer = (example: string) => ({ headers: { Prefer: `example=${example}` } });

  // The top-level functions with an explicit instance: the same entry points a Node user calls.
  const result = await generateText({ ...input, ...prefer(call.generateExample) });
  generated.textContent = result.text;

  let deltas = 0;
  for await (const part of streamText({ ...input, ...prefer(call.streamExample) })) {
    // Each delta lands in the DOM as it arrives, in its own span, so the test can compare them one by one.
    appendElement({ parent: streamed, tag: 'span', text: part.text });
    deltas += 1;
    streamed.dataset['deltaCount'] = String(deltas);
    deltaCount.textContent = ` (${deltas} deltas so far)`;
  }
  deltaCount.textContent = ` (${deltas} deltas)`;
}

async function runDemo(): Promise<void> {
  const status = document.getElementById('status');
  const vendors = document.getElementById('vendors');
  if (status === null || vendors === null) throw new Error('index.html lacks #status or #vendors');
  document.body.dataset['status'] = 'running';
  status.textContent = 'running';
  try {
    const textgen = createDemoTextgen(readMockOrigin());
    // One vendor at a time, so the page fills top to bottom and a failure names the vendor that caused it.
    for (const call of browserDemoCalls) {
      try {
        await runVendor({ textgen, call, parent: vendors });
      } catch (error) {
        throw new Error(`${call.title}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    status.textContent = `done: ${browserDemoCalls.length} vendors answered generateText and streamText`;
    document.body.dataset['status'] = 'done';
  } catch (error) {
    status.textContent = `error: ${error instanceof Error ? error.message : String(error)}`;
    document.body.dataset['status'] = 'error';
  }
}

void runDemo();
