/**
 * Builds the docs site into docs/site/: one redocly reference page per vendor spec plus index.html.
 * Every page renders fully offline: the Redoc bundle is inlined, and the one CDN image the page would still load (the
 * "API docs by Redocly" footer logo) is replaced by a data: URI.
 *
 * Run it with `pnpm --filter @textgen/docs build`.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { vendorIds, type VendorId } from '../scripts/vendors';
import {
  bundleVendorSpec,
  docsRoot,
  readVendorQuirks,
  redoclyBinary,
  redoclyEnvironment,
  repositoryRoot,
  type OpenApiDocument,
} from './bundle-vendor-spec';

const runFile = promisify(execFile);

const siteFolder = join(docsRoot, 'site');

/**
 * Redoc 3.0.1 (inside @redocly/cli 2.77.0) renders its footer logo as an <img> pointing at cdn.redoc.ly once the page
 * hydrates, even with --inlineBundle. Offline that request fails and logs a console error, so the URLs are swapped
 * for a local wordmark. The build fails if a URL is missing, which flags a CLI upgrade that moved them.
 */
const redoclyLogoUrls = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];

const localLogoSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16">' +
  '<text x="0" y="12" font-family="system-ui, sans-serif" font-size="12" font-weight="600" fill="#0044d4">Redocly</text></svg>';
const localLogoDataUri = `data:image/svg+xml,${encodeURIComponent(localLogoSvg)}`;

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Renders the few inline markdown marks the quirks use (`code`) for the index page, escaping everything else. */
function renderInlineCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function appendQuirksToDescription({ document, quirks }: { document: OpenApiDocument; quirks: string[] }): OpenApiDocument {
  const quirksSection = [
    '## Known vendor quirks',
    '',
    `Defects and contradictions in the vendor's own documentation, as recorded in this spec's \`info.x-vendor-quirks\`:`,
    '',
    ...quirks.map((quirk) => `- ${quirk}`),
    '',
    '[Back to the textgen docs](index.html)',
  ].join('\n');
  const description = document.info.description?.trimEnd() ?? '';
  return { ...document, info: { ...document.info, description: `${description}\n\n${quirksSection}\n` } };
}

function localiseCdnReferences({ html, vendor }: { html: string; vendor: VendorId }): string {
  let localised = html;
  for (const url of redoclyLogoUrls) {
    if (!localised.includes(url)) {
      throw new Error(`${vendor}.html no longer contains ${url}; check what the new redoc bundle loads from its CDN`);
    }
    localised = localised.replaceAll(url, localLogoDataUri);
  }
  if (localised.includes('cdn.redoc.ly')) {
    throw new Error(`${vendor}.html still references cdn.redoc.ly after localising the footer logo`);
  }
  return localised;
}

interface BuiltPage {
  file: string;
  bytes: number;
}

interface BuiltVendorPage extends BuiltPage {
  vendor: VendorId;
  document: OpenApiDocument;
  quirks: string[];
}

async function buildVendorPage({ vendor, scratchFolder }: { vendor: VendorId; scratchFolder: string }): Promise<BuiltVendorPage> {
  const document = await bundleVendorSpec({ vendor, dereferenced: false });
  const quirks = readVendorQuirks(document);
  const input = join(scratchFolder, `${vendor}.json`);
  await writeFile(input, JSON.stringify(appendQuirksToDescription({ document, quirks }), null, 2));

  const output = join(siteFolder, `${vendor}.html`);
  await runFile(
    redoclyBinary,
    [
      'build-docs',
      input,
      '--inlineBundle',
      // redocly's default page template plus an inline favicon.
      '--template',
      join(docsRoot, 'redoc-page.template.hbs'),
      // Show example bodies fully expanded: Redoc folds JSON samples below depth 2 by default.
      '--openapi.jsonSamplesExpandLevel=all',
      '--output',
      output,
      '--title',
      `${document.info.title} · textgen`,
    ],
    { cwd: repositoryRoot, env: redoclyEnvironment, maxBuffer: 16 * 1024 * 1024 },
  );
  const html = localiseCdnReferences({ html: await readFile(output, 'utf8'), vendor });
  await writeFile(output, html);
  return { vendor, document, quirks, file: output, bytes: (await stat(output)).size };
}

function renderVendorCard(page: BuiltVendorPage): string {
  const summary = typeof page.document.info['summary'] === 'string' ? page.document.info['summary'] : '';
  const quirkItems = page.quirks.map((quirk) => `<li>${renderInlineCode(quirk)}</li>`).join('\n            ');
  return `<section class="card" id="reference-${page.vendor}">
        <h3>${escapeHtml(page.document.info.title)}</h3>
        <p class="meta"><code>@textgen/${page.vendor}</code> · spec version ${escapeHtml(page.document.info.version)}</p>
        <p>${renderInlineCode(summary)}</p>
        <p><a class="reference-link" href="${page.vendor}.html">Open the ${escapeHtml(page.document.info.title)} reference</a></p>
        <details>
          <summary>${page.quirks.length} known vendor quirks</summary>
          <ul>
            ${quirkItems}
          </ul>
        </details>
      </section>`;
}

function replacePlaceholder({ template, name, content }: { template: string; name: string; content: string }): string {
  const placeholder = `<!--${name}-->`;
  if (!template.includes(placeholder)) throw new Error(`index.template.html has no ${placeholder} placeholder`);
  return template.replace(placeholder, content);
}

async function buildIndexPage(vendorPages: BuiltVendorPage[]): Promise<BuiltPage> {
  const template = await readFile(join(docsRoot, 'index.template.html'), 'utf8');
  const referenceLinks = vendorPages
    .map((page) => `<a href="${page.vendor}.html">${escapeHtml(page.document.info.title)}</a>`)
    .join('\n        ');
  const withLinks = replacePlaceholder({ template, name: 'reference-links', content: referenceLinks });
  const html = replacePlaceholder({
    template: withLinks,
    name: 'vendor-cards',
    content: vendorPages.map(renderVendorCard).join('\n      '),
  });
  const file = join(siteFolder, 'index.html');
  await writeFile(file, html);
  return { file, bytes: (await stat(file)).size };
}

async function buildDocs(): Promise<BuiltPage[]> {
  await mkdir(siteFolder, { recursive: true });
  const scratchFolder = await mkdtemp(join(tmpdir(), 'textgen-docs-build-'));
  try {
    // One at a time: each build-docs run prerenders React and takes most of a core on the 2-core CI machine.
    const vendorPages: BuiltVendorPage[] = [];
    for (const vendor of vendorIds) vendorPages.push(await buildVendorPage({ vendor, scratchFolder }));
    const indexPage = await buildIndexPage(vendorPages);
    return [indexPage, ...vendorPages];
  } finally {
    await rm(scratchFolder, { recursive: true, force: true });
  }
}

const pages = await buildDocs();
for (const page of pages) {
  console.log(`built ${relative(repositoryRoot, page.file).padEnd(26)} ${page.bytes.toLocaleString('en-US').padStart(11)} bytes`);
}
