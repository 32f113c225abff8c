/**
 * Drives Debian chromium over the built docs site (docs/site, built by `tsx build-docs.ts` in the `test` script) and
 * checks what a reader gets: every operation of every spec, its request and response examples, each streaming example,
 * working links from the index, and not a single request that leaves loopback.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendorIds, type VendorId } from '../../packages/mocks/src/generated/vendor-registry';
import {
  bundleVendorSpec,
  docsRoot,
  listVendorOperations,
  readVendorQuirks,
  type OpenApiDocument,
  type VendorOperation,
} from '../bundle-vendor-spec';
import { startDocsServer, type DocsServer } from '../serve-docs';
import { launchChromium, type LaunchedChromium } from '../../scripts/launch-chromium';

const siteFolder = join(docsRoot, 'site');
/** Every package with a public API, as the TypeDoc reference (site/api/) documents them. */
const apiPackages = ['core', 'sdk', ...vendorIds, 'mocks', 'cli'];

/**
 * The names a package's `src/index.ts` exports (`export { a, type B } from ...`), read from the source, not the docs.
 */
async function readExportedNames(packageName: string): Promise<string[]> {
  const source = await readFile(join(docsRoot, '..', 'packages', packageName, 'src', 'index.ts'), 'utf8');
  const names: string[] = [];
  for (const match of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const specifier of (match[1] ?? '').split(',')) {
      const name = specifier
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .at(-1)
        ?.trim();
      if (name) names.push(name);
    }
  }
  return names;
}

/** The one copy of the Redoc bundle (the file @redocly/cli ships) that every vendor page loads. */
const sharedRedocBundle = 'redoc.standalone.js';
const resultsFolder = join(docsRoot, 'test-results');
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);
const localSchemes = new Set(['data:', 'blob:', 'about:']);

interface VendorFixture {
  document: OpenApiDocument;
  operations: VendorOperation[];
  quirks: string[];
}

interface PageTraffic {
  requests: string[];
  offLoopback: string[];
  failed: string[];
  consoleErrors: string[];
}

let docsServer: DocsServer;
let browserContext: BrowserContext;
let chromium: LaunchedChromium | undefined;
const vendorFixtures = new Map<VendorId, VendorFixture>();

function fixtureOf(vendor: VendorId): VendorFixture {
  const fixture = vendorFixtures.get(vendor);
  if (!fixture) throw new Error(`No spec fixture for ${vendor}`);
  return fixture;
}

function isLoopbackUrl(url: string): boolean {
  const parsed = new URL(url);
  if (localSchemes.has(parsed.protocol)) return true;
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && loopbackHosts.has(parsed.hostname);
}

/** Opens a tab that records every request, failure and console error, so the page can be held to "loopback only". */
async function openTrackedPage(): Promise<{ page: Page; traffic: PageTraffic }> {
  const page = await browserContext.newPage();
  const traffic: PageTraffic = { requests: [], offLoopback: [], failed: [], consoleErrors: [] };
  page.on('request', (request) => {
    traffic.requests.push(request.url());
    if (!isLoopbackUrl(request.url())) traffic.offLoopback.push(request.url());
  });
  page.on('requestfailed', (request) => {
    const errorText = request.failure()?.errorText ?? '';
    // Redoc starts its web workers from blob: URLs (in-memory, no network). Chromium reports those as ERR_ABORTED when
    // the tab navigates away while the workers run, which is leaving the page, not a failed request.
    if (request.url().startsWith('blob:') && errorText === 'net::ERR_ABORTED') return;
    // Chromium fetches the favicon on its own schedule and cancels the fetch (ERR_ABORTED, not a 404) when the test
    // closes the tab first; a missing favicon would still fail as net::ERR_HTTP_RESPONSE_CODE_FAILURE or a 404.
    if (new URL(request.url()).pathname.endsWith('/favicon.svg') && errorText === 'net::ERR_ABORTED') return;
    traffic.failed.push(`${request.url()}: ${errorText}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') traffic.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => traffic.consoleErrors.push(`uncaught: ${error.message}`));
  return { page, traffic };
}

async function finishTrackedPage({
  page,
  traffic,
  name,
}: {
  page: Page;
  traffic: PageTraffic;
  name: string;
}): Promise<void> {
  await page.close();
  const loopbackCount = traffic.requests.length - traffic.offLoopback.length;
  console.log(`${name}: ${traffic.requests.length} requests, ${loopbackCount} to loopback or data:/blob:/about:`);
  expect(traffic.offLoopback, `${name} requested non-loopback URLs`).toEqual([]);
  expect(traffic.failed, `${name} had failed requests`).toEqual([]);
  expect(traffic.consoleErrors, `${name} logged console errors`).toEqual([]);
  expect(traffic.requests.length).toBeGreaterThan(0);
}

/** The displayed text of a code sample, compared to the spec with whitespace normalised (Redoc pretty-prints JSON). */
function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function firstExampleValue(examples: unknown): unknown {
  if (typeof examples !== 'object' || examples === null) return undefined;
  const first = Object.values(examples)[0] as { value?: unknown } | undefined;
  return first?.value;
}

function readOperationObject({ document, operation }: { document: OpenApiDocument; operation: VendorOperation }) {
  const operationObject = document.paths?.[operation.path]?.[operation.method] as
    | {
        requestBody?: { content?: Record<string, { examples?: unknown }> };
        responses?: Record<string, { content?: Record<string, { examples?: unknown }> }>;
      }
    | undefined;
  if (!operationObject) throw new Error(`${operation.operationId} is not in the bundle`);
  return operationObject;
}

/** Redoc renders an example as pretty JSON, or as the raw string for a string example (the stream bodies). */
function expectedSampleText(value: unknown): string {
  return normaliseWhitespace(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

async function sampleText(panel: Locator): Promise<string> {
  const code = panel.locator('[data-testid="source-code"]').first();
  await expect.poll(async () => (await code.isVisible()) && (await code.innerText()).trim().length > 0).toBe(true);
  // Redoc cuts a sample over 1,000 characters (a whole stream body, say) short with "…" and a "Show more" button.
  const showMore = panel.getByRole('button', { name: 'Show more' });
  while ((await showMore.count()) > 0) await showMore.first().click();
  return normaliseWhitespace(await code.innerText());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sidebarLabel({ page, text }: { page: Page; text: string }): Locator {
  return page.locator('[data-testid="menu-item-label"]').getByText(text, { exact: true });
}

async function openOperation({ page, operation }: { page: Page; operation: VendorOperation }): Promise<Locator> {
  const operationLabel = sidebarLabel({ page, text: operation.summary });
  if (!(await operationLabel.isVisible())) {
    // Tag groups in the sidebar start collapsed; clicking the tag expands it.
    await sidebarLabel({ page, text: operation.tag }).click();
  }
  await operationLabel.click();
  // The heading's accessible name starts with its deep-link anchor ("link to ..."), so match the heading's own text.
  const heading = page.locator('h2').filter({ hasText: new RegExp(`^${escapeRegExp(operation.summary)}$`) });
  const section = page.locator('[data-item-kind="httpItem"]').filter({ has: heading });
  await expect.poll(() => section.count()).toBe(1);
  await section.scrollIntoViewIfNeeded();
  await expect.poll(() => section.locator(heading).isVisible()).toBe(true);
  return section;
}

async function checkOperation({
  page,
  document,
  operation,
}: {
  page: Page;
  document: OpenApiDocument;
  operation: VendorOperation;
}): Promise<void> {
  const section = await openOperation({ page, operation });
  const operationObject = readOperationObject({ document, operation });

  const requestContent = Object.values(operationObject.requestBody?.content ?? {})[0];
  const requestPanel = section.locator('[data-testid="right-panel"]').filter({ hasText: 'Payload' }).first();
  expect(await sampleText(requestPanel), `${operation.operationId} request example`).toBe(
    expectedSampleText(firstExampleValue(requestContent?.examples)),
  );

  const okContent = operationObject.responses?.['200']?.content ?? {};
  const [firstMediaType, firstMedia] = Object.entries(okContent)[0] ?? [];
  if (!firstMediaType) throw new Error(`${operation.operationId} has no 200 content`);
  const responsePanel = section
    .locator('[data-testid="right-panel"]')
    .filter({ has: page.locator('[data-component-name="Panel/PanelHeaderTitle"]', { hasText: 'Response' }) })
    .first();
  await selectResponseMediaType({ page, responsePanel, mediaType: firstMediaType });
  expect(await sampleText(responsePanel), `${operation.operationId} response example`).toBe(
    expectedSampleText(firstExampleValue(firstMedia?.examples)),
  );

  if (!operation.stream) return;
  await selectResponseMediaType({ page, responsePanel, mediaType: operation.stream.mediaType });
  const expectedStream = expectedSampleText(operation.stream.example);
  await expect.poll(() => sampleText(responsePanel), { timeout: 10_000 }).toBe(expectedStream);
}

/**
 * Redoc keeps the chosen response media type in shared state (and across pages in local storage), so the test picks
 * the one it checks instead of trusting the default.
 */
async function selectResponseMediaType({
  page,
  responsePanel,
  mediaType,
}: {
  page: Page;
  responsePanel: Locator;
  mediaType: string;
}): Promise<void> {
  const dropdown = responsePanel.getByRole('button', { name: 'Response media type' });
  if ((await dropdown.count()) === 0) {
    // A single media type is shown without a dropdown; its sample is the only one.
    return;
  }
  if ((await dropdown.innerText()).trim() === mediaType) return;
  await dropdown.click();
  await page.getByRole('menuitem', { name: mediaType, exact: true }).click();
  await expect.poll(async () => (await dropdown.innerText()).trim()).toBe(mediaType);
}

beforeAll(async () => {
  for (const page of ['index', ...vendorIds]) {
    if (!existsSync(join(siteFolder, `${page}.html`))) {
      throw new Error(`docs/site/${page}.html is missing; run \`pnpm --filter @textgen/docs build\` first`);
    }
  }
  await mkdir(resultsFolder, { recursive: true });
  const documents = await Promise.all(vendorIds.map((vendor) => bundleVendorSpec({ vendor, dereferenced: true })));
  documents.forEach((document, index) => {
    const vendor = vendorIds[index];
    if (vendor === undefined) throw new Error('vendor list and bundles are out of step');
    vendorFixtures.set(vendor, {
      document,
      operations: listVendorOperations(document),
      quirks: readVendorQuirks(document),
    });
  });
  docsServer = await startDocsServer({ port: 0, siteFolder });
  chromium = await launchChromium({ viewport: { width: 1280, height: 800 } });
  browserContext = chromium.context;
});

afterAll(async () => {
  await chromium?.close();
  await docsServer?.close();
});

describe('docs site', () => {
  it('index explains install and quickstarts and links to every vendor page', async () => {
    const { page, traffic } = await openTrackedPage();
    const response = await page.goto(`${docsServer.origin}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    await expect.poll(() => page.getByRole('heading', { name: 'textgen', level: 1 }).isVisible()).toBe(true);
    for (const packageName of ['sdk', ...vendorIds, 'mocks']) {
      await expect
        .poll(() => page.getByText(`npm install @textgen/${packageName}`, { exact: true }).isVisible())
        .toBe(true);
    }
    await page.screenshot({ path: join(resultsFolder, 'index.png'), fullPage: true });

    for (const vendor of vendorIds) {
      const { document, quirks } = fixtureOf(vendor);
      const card = page.locator(`#reference-${vendor}`);
      await expect.poll(() => card.getByText(`${quirks.length} known vendor quirks`).isVisible()).toBe(true);
      await card.getByRole('link', { name: `Open the ${document.info.title} reference` }).click();
      await page.waitForURL(`${docsServer.origin}/${vendor}.html`);
      await expect.poll(() => page.title()).toBe(`${document.info.title} · textgen`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).filter({ hasText: document.info.title }).isVisible())
        .toBe(true);
      // Leaving before Redoc's blob: workers have loaded aborts them, which would show up as failed requests.
      await page.waitForLoadState('networkidle');
      await page.goBack();
      await page.waitForURL(`${docsServer.origin}/`);
    }
    await finishTrackedPage({ page, traffic, name: 'index.html' });
  });

  it('the vendor pages share one local Redoc bundle instead of inlining a copy each, and it hydrates every page', async () => {
    const bundleFile = join(siteFolder, sharedRedocBundle);
    const bundleBytes = (await stat(bundleFile)).size;
    // Redoc's own licence header, which marks the bundle wherever it is copied.
    const bundleText = await readFile(bundleFile, 'utf8');
    const bundleHeader = bundleText.slice(0, bundleText.indexOf('**/') + 3);
    expect(bundleHeader).toMatch(/Redocly LLC[\s\S]*Version: \d+\.\d+\.\d+/);
    const bundleUrl = `${docsServer.origin}/${sharedRedocBundle}`;
    for (const vendor of vendorIds) {
      const html = await readFile(join(siteFolder, `${vendor}.html`), 'utf8');
      // A boolean, not toContain: a failure message would print the whole 2 MB page.
      expect(html.includes(bundleHeader), `${vendor}.html inlines the bundle`).toBe(false);
      expect(Buffer.byteLength(html)).toBeLessThan(bundleBytes / 4);
      expect(html).toContain(`import { hydrate } from "./${sharedRedocBundle}"`);

      const { page, traffic } = await openTrackedPage();
      const bundleResponse = page.waitForResponse(bundleUrl);
      await page.goto(`${docsServer.origin}/${vendor}.html`);
      const response = await bundleResponse;
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('text/javascript; charset=utf-8');
      // The sidebar's tag groups are prerendered collapsed; only the hydrated page (the bundle's code) expands one.
      const { operations } = fixtureOf(vendor);
      const firstOperation = operations[0];
      if (firstOperation === undefined) throw new Error(`${vendor} has no operations`);
      const operationLabel = sidebarLabel({ page, text: firstOperation.summary });
      if (!(await operationLabel.isVisible())) await sidebarLabel({ page, text: firstOperation.tag }).click();
      await expect.poll(() => operationLabel.isVisible()).toBe(true);
      await page.waitForLoadState('networkidle');
      // The bundle's subresource integrity is checked by Chromium: a mismatch would block it with a console error.
      expect(traffic.requests.filter((url) => url === bundleUrl)).toHaveLength(1);
      await finishTrackedPage({ page, traffic, name: `${vendor}.html (shared bundle)` });
    }
  });

  it('the index links to the TypeScript API reference, which documents every public export of every package, offline', async () => {
    const { page, traffic } = await openTrackedPage();
    await page.goto(`${docsServer.origin}/`);
    await page.getByRole('link', { name: 'TypeScript API reference' }).click();
    await page.waitForURL(`${docsServer.origin}/api/index.html`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('textgen API reference');
    for (const packageName of apiPackages) {
      await page.goto(`${docsServer.origin}/api/index.html`);
      await page
        .getByRole('link', { name: `@textgen/${packageName}`, exact: true })
        .first()
        .click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(`@textgen/${packageName}`);
      const pageText = await page.locator('.col-content').innerText();
      const exportedNames = await readExportedNames(packageName);
      expect(exportedNames.length, `${packageName} exports nothing?`).toBeGreaterThan(0);
      const missing = exportedNames.filter((name) => !new RegExp(`\\b${escapeRegExp(name)}\\b`).test(pageText));
      expect(missing, `@textgen/${packageName} exports missing from its API page`).toEqual([]);
    }
    await page.waitForLoadState('networkidle');
    await finishTrackedPage({ page, traffic, name: 'api/' });
  });

  it.each(vendorIds)('%s page shows every operation with its examples, offline', async (vendor) => {
    const { document, operations, quirks } = fixtureOf(vendor);
    expect(operations.length).toBeGreaterThan(0);
    const { page, traffic } = await openTrackedPage();
    const response = await page.goto(`${docsServer.origin}/${vendor}.html`);
    expect(response?.status()).toBe(200);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).filter({ hasText: document.info.title }).isVisible())
      .toBe(true);

    // The quirks are appended to info.description at build time; backticks become <code>, so compare the bare text.
    const quirksHeading = page.getByRole('heading', { name: 'Known vendor quirks' });
    await expect.poll(() => quirksHeading.isVisible()).toBe(true);
    const pageText = normaliseWhitespace(await page.locator('main').innerText());
    for (const quirk of quirks) expect(pageText).toContain(normaliseWhitespace(quirk.replaceAll('`', '')));
    await page.screenshot({ path: join(resultsFolder, `${vendor}.png`), fullPage: true });

    for (const operation of operations) await checkOperation({ page, document, operation });

    await page.waitForLoadState('networkidle');
    await page.getByRole('link', { name: 'Back to the textgen docs' }).click();
    await page.waitForURL(`${docsServer.origin}/index.html`);
    await expect.poll(() => page.getByRole('heading', { name: 'textgen', level: 1 }).isVisible()).toBe(true);
    await finishTrackedPage({ page, traffic, name: `${vendor}.html` });
  });
});
