/**
 * Proves the textgen clients run unchanged in a real browser: the browser demo (docs/browser-demo) bundles the
 * @textgen/sdk facade with esbuild for the browser platform, and Debian chromium opens it from one loopback origin
 * while
 * it calls the textgen mock server on another, so every call goes through a real CORS preflight and a real
 * fetch + ReadableStream. The page must show, for all four vendors, the mock's default example text from generateText
 * and the same streamText deltas the facade yields under Node.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Sources, not the packages' dist/: docs' vitest config has no @textgen aliases (see the root vitest.config.ts for the
// packages).
import { startMockHttpServer, type MockHttpServer } from '../../packages/mocks/src/index';
import { createTextgen, textgenProviders, type TextgenProvider } from '../../packages/sdk/src/index';
import { readVendorExamples } from '../../scripts/vendor-examples';
import { browserDemoApiKey, type BrowserDemoCall } from '../browser-demo/browser-demo-calls';
import { readBrowserDemoCalls } from '../browser-demo/read-browser-demo-calls';
import { buildBrowserDemo, bundleForBrowser, type BuiltBrowserDemo } from '../browser-demo/build-browser-demo';
import { docsRoot, repositoryRoot } from '../bundle-vendor-spec';
import { startDocsServer, type DocsServer } from '../serve-docs';
import { launchChromium, type LaunchedChromium } from '../../scripts/launch-chromium';

const resultsFolder = join(docsRoot, 'test-results');

const vendorExamples = readVendorExamples();
const browserDemoCalls = readBrowserDemoCalls();

let scratchFolder: string;
let chromium: LaunchedChromium | undefined;
let builtDemo: BuiltBrowserDemo;
let mockServer: MockHttpServer;
let pageServer: DocsServer;
let browserContext: BrowserContext;

/** The answer text of the response example the page asks for, read from the spec (`x-textgen-demo.answer`). */
function expectedGeneratedText(call: BrowserDemoCall): string {
  const vendor = vendorExamples.find((candidate) => candidate.id === call.provider);
  if (vendor === undefined || vendor.generate.responseExample !== call.generateExample) {
    throw new Error(`The ${call.provider} spec has no demo answer "${call.generateExample}"`);
  }
  return vendor.answerText;
}

/** The deltas streamText yields under Node for the same call against the same mock: what the browser must match. */
async function streamDeltasInNode(call: BrowserDemoCall): Promise<string[]> {
  const textgen = createTextgen({
    [call.provider]: {
      apiKey: browserDemoApiKey,
      baseURL: mockServer.baseUrls[call.provider as keyof typeof mockServer.baseUrls],
      maxRetries: 0,
    },
  });
  const deltas: string[] = [];
  const input = {
    provider: call.provider as TextgenProvider,
    model: call.model,
    system: call.system,
    prompt: call.prompt,
  };
  for await (const part of textgen.streamText({ ...input, headers: { Prefer: `example=${call.streamExample}` } })) {
    deltas.push(part.text);
  }
  return deltas;
}

interface FailedRequest {
  url: string;
  errorText: string;
  /** The status of the response, when its headers had arrived before the request failed. */
  responseStatus: number | undefined;
}

interface PageTraffic {
  requests: { method: string; url: string }[];
  responses: { url: string; status: number; allowOrigin: string | undefined }[];
  failed: FailedRequest[];
  consoleErrors: string[];
  pending: Promise<void>[];
}

async function openTrackedPage(): Promise<{ page: Page; traffic: PageTraffic }> {
  const page = await browserContext.newPage();
  const traffic: PageTraffic = { requests: [], responses: [], failed: [], consoleErrors: [], pending: [] };
  page.on('request', (request) => traffic.requests.push({ method: request.method(), url: request.url() }));
  page.on('response', (response) =>
    traffic.responses.push({
      url: response.url(),
      status: response.status(),
      allowOrigin: response.headers()['access-control-allow-origin'],
    }),
  );
  page.on('requestfailed', (request) => {
    // Recorded synchronously so no failure is missed; the response (if any) is filled in once playwright has it.
    const failure: FailedRequest = {
      url: request.url(),
      errorText: request.failure()?.errorText ?? '',
      responseStatus: undefined,
    };
    traffic.failed.push(failure);
    traffic.pending.push(
      request.response().then((response) => {
        failure.responseStatus = response?.status();
      }),
    );
  });
  page.on('console', (message) => {
    if (message.type() === 'error') traffic.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => traffic.consoleErrors.push(`uncaught: ${error.message}`));
  return { page, traffic };
}

beforeAll(async () => {
  await mkdir(resultsFolder, { recursive: true });
  scratchFolder = await mkdtemp(join(tmpdir(), 'textgen-browser-demo-'));
  builtDemo = await buildBrowserDemo({ outputFolder: join(scratchFolder, 'browser-demo') });
  mockServer = await startMockHttpServer({ port: 0 });
  pageServer = await startDocsServer({ port: 0, siteFolder: scratchFolder });
  chromium = await launchChromium({ viewport: { width: 1100, height: 800 } });
  browserContext = chromium.context;
});

afterAll(async () => {
  await chromium?.close();
  await pageServer?.close();
  await mockServer?.close();
  if (scratchFolder) await rm(scratchFolder, { recursive: true, force: true });
});

describe('textgen clients in a browser', () => {
  it('bundles the built facade and every built vendor client, without the mocks or the CLI', () => {
    // The demo must call every vendor the facade knows, so each client package is in the bundle.
    expect(browserDemoCalls.map((call) => call.provider).sort()).toEqual([...textgenProviders].sort());
    // The page builds each base URL from the mock origin and mockPath: it must be the mock server's own base URL.
    for (const call of browserDemoCalls) {
      expect(`${mockServer.url}${call.mockPath}`).toBe(
        mockServer.baseUrls[call.provider as keyof typeof mockServer.baseUrls],
      );
    }
    for (const packageName of ['sdk', 'core', ...textgenProviders]) {
      expect(builtDemo.bundledInputs).toContain(`packages/${packageName}/dist/index.mjs`);
      expect(builtDemo.bundledInputs.filter((input) => input.startsWith(`packages/${packageName}/src/`))).toEqual([]);
    }
    const nodeOnlyInputs = builtDemo.bundledInputs.filter(
      (input) =>
        input.startsWith('packages/mocks/') ||
        input.startsWith('packages/cli/') ||
        input.includes('/msw@') ||
        input.includes('/commander@'),
    );
    expect(nodeOnlyInputs).toEqual([]);
  });

  it('refuses to bundle code that imports Node built-ins', async () => {
    // @textgen/mocks runs its server on node:http; the same guard that passed the demo must stop it.
    const mocksEntry = join(repositoryRoot, 'packages', 'mocks', 'src', 'index.ts');
    await expect(
      bundleForBrowser({ entryPoint: mocksEntry, outfile: join(scratchFolder, 'mocks-bundle', 'index.js') }),
    ).rejects.toThrow(
      /imports Node built-ins[\s\S]*node:http \(imported by packages\/mocks\/src\/start-mock-http-server\.ts\)/,
    );
  });

  it('generates and streams text for every vendor from another loopback origin', async () => {
    const nodeDeltas = new Map<string, string[]>();
    for (const call of browserDemoCalls) nodeDeltas.set(call.provider, await streamDeltasInNode(call));

    const mockOrigin = new URL(mockServer.url).origin;
    expect(mockOrigin).not.toBe(pageServer.origin);
    const { page, traffic } = await openTrackedPage();
    const response = await page.goto(
      `${pageServer.origin}/browser-demo/index.html?mock=${encodeURIComponent(mockServer.url)}`,
    );
    expect(response?.status()).toBe(200);

    const body = page.locator('body');
    await expect.poll(() => body.getAttribute('data-status'), { timeout: 60_000 }).toMatch(/^(done|error)$/);
    const statusText = await page.locator('#status').textContent();
    expect(await body.getAttribute('data-status'), `the page said: ${statusText}`).toBe('done');
    await page.screenshot({ path: join(resultsFolder, 'browser-clients.png'), fullPage: true });

    for (const call of browserDemoCalls) {
      const generated = page.locator(`[data-generate-text="${call.provider}"]`);
      expect(await generated.textContent(), `${call.provider} generateText`).toBe(expectedGeneratedText(call));

      const expectedDeltas = nodeDeltas.get(call.provider) ?? [];
      expect(expectedDeltas.length, `${call.provider} deltas under Node`).toBeGreaterThan(1);
      const streamed = page.locator(`[data-stream-text="${call.provider}"]`);
      expect(await streamed.locator('span').allTextContents(), `${call.provider} streamText deltas`).toEqual(
        expectedDeltas,
      );
      expect(await streamed.getAttribute('data-delta-count')).toBe(String(expectedDeltas.length));
    }
    await page.close();
    await Promise.all(traffic.pending);

    // One generateText and one streamText per vendor, each a cross-origin POST the mock answered with CORS headers.
    const apiRequests = traffic.requests.filter((request) => request.url.startsWith(`${mockOrigin}/`));
    expect(apiRequests.map((request) => request.method)).toEqual(browserDemoCalls.flatMap(() => ['POST', 'POST']));
    const apiResponses = traffic.responses.filter((entry) => entry.url.startsWith(`${mockOrigin}/`));
    expect(apiResponses).toHaveLength(apiRequests.length);
    for (const entry of apiResponses) expect(entry, entry.url).toMatchObject({ status: 200, allowOrigin: '*' });

    const offLoopback = traffic.requests.filter((request) => new URL(request.url).hostname !== '127.0.0.1');
    expect(offLoopback).toEqual([]);
    expect(traffic.responses.filter((entry) => entry.status >= 400)).toEqual([]);
    expect(traffic.failed).toEqual([]);
    expect(traffic.consoleErrors).toEqual([]);
    console.log(
      `browser demo: ${traffic.requests.length} requests, ${apiRequests.length} to the mock at ${mockOrigin}, page from ${pageServer.origin}`,
    );
  });
});
