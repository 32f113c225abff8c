/**
 * Builds the docs site into docs/site/: one redocly reference page per vendor spec plus index.html.
 * Every page renders fully offline. The vendor pages share one local copy of the Redoc bundle
 * (site/redoc.standalone.js, the very file @redocly/cli ships) where redocly would load it from its CDN, and the one
 * CDN image the bundle would still load (the "API docs by Redocly" footer logo) is replaced by a data: URI.
 *
 * Run it with `pnpm --filter @textgen/docs build`.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { vendorIds, vendorRegistry, type VendorId } from '../packages/mocks/src/generated/vendor-registry';
import { readVendorExamples } from '../scripts/vendor-examples';
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

function appendQuirksToDescription({
  document,
  quirks,
}: {
  document: OpenApiDocument;
  quirks: string[];
}): OpenApiDocument {
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

/** Swaps the footer logo URLs for the local wordmark; fails when one is missing (a CLI upgrade that moved them). */
function localiseLogoUrls({ text, file }: { text: string; file: string }): string {
  let localised = text;
  for (const url of redoclyLogoUrls) {
    if (!localised.includes(url))
      throw new Error(`${file} no longer contains ${url}; check what the new redoc bundle loads from its CDN`);
    localised = localised.replaceAll(url, localLogoDataUri);
  }
  if (localised.includes('cdn.redoc.ly'))
    throw new Error(`${file} still references cdn.redoc.ly after localising the footer logo`);
  return localised;
}

/** The one copy of the Redoc bundle the four vendor pages load, at the site root. */
const sharedRedocBundleName = 'redoc.standalone.js';

interface SharedRedocBundle {
  /** The version in the bundle's licence header, e.g. 3.0.1; the pages' CDN URL must name the same one. */
  version: string;
  /** Subresource integrity of the copy as written (the logo swap changes the bytes, so not redocly's own hash). */
  integrity: string;
  bytes: number;
}

/**
 * Copies the Redoc bundle that @redocly/cli prerenders with (and would otherwise inline into every page, 2.3 MB each)
 * into the site once.
 */
async function writeSharedRedocBundle(): Promise<SharedRedocBundle> {
  const cliFolder = realpathSync(join(docsRoot, 'node_modules', '@redocly', 'cli'));
  const source = join(cliFolder, 'lib', 'chunks', sharedRedocBundleName);
  const bundle = localiseLogoUrls({ text: await readFile(source, 'utf8'), file: source });
  const version = /^\* Version: (\S+)$/m.exec(bundle)?.[1];
  if (version === undefined) throw new Error(`${source} has no "Version:" line in its licence header`);
  await writeFile(join(siteFolder, sharedRedocBundleName), bundle);
  const integrity = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;
  return { version, integrity, bytes: Buffer.byteLength(bundle) };
}

/**
 * Points a page built without --inlineBundle at the shared bundle: redocly writes the CDN URL twice (a modulepreload
 * link with its integrity, and the module import that hydrates the page).
 */
function useSharedRedocBundle({
  html,
  vendor,
  bundle,
}: {
  html: string;
  vendor: VendorId;
  bundle: SharedRedocBundle;
}): string {
  const cdnUrls = [
    ...new Set(html.match(/https:\/\/cdn\.redocly\.com\/redoc\/v[^/"]+\/bundles\/redoc\.standalone\.js/g) ?? []),
  ];
  const expectedUrl = `https://cdn.redocly.com/redoc/v${bundle.version}/bundles/${sharedRedocBundleName}`;
  if (cdnUrls.length !== 1 || cdnUrls[0] !== expectedUrl) {
    throw new Error(
      `${vendor}.html loads ${cdnUrls.join(', ') || 'no CDN bundle'}; expected ${expectedUrl}, the version that was copied`,
    );
  }
  const localised = html
    .replaceAll(expectedUrl, `./${sharedRedocBundleName}`)
    .replace(
      /(<link rel="modulepreload" href="\.\/redoc\.standalone\.js" integrity=")[^"]+"/,
      `$1${bundle.integrity}"`,
    );
  if (!localised.includes(bundle.integrity)) throw new Error(`${vendor}.html has no modulepreload integrity to update`);
  if (/cdn\.redoc(ly)?\.(ly|com)/.test(localised)) throw new Error(`${vendor}.html still references a redocly CDN`);
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

async function buildVendorPage({
  vendor,
  scratchFolder,
  bundle,
}: {
  vendor: VendorId;
  scratchFolder: string;
  bundle: SharedRedocBundle;
}): Promise<BuiltVendorPage> {
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
  const html = useSharedRedocBundle({ html: await readFile(output, 'utf8'), vendor, bundle });
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
  // The vendor lists of the page come from the vendor registry (the specs' `x-textgen-*`), not from the template.
  const titles = vendorRegistry.map((vendor) => escapeHtml(vendor.title));
  const withTitles = replacePlaceholder({
    template,
    name: 'vendor-titles',
    content: titles.length > 1 ? `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)!}` : titles.join(''),
  });
  const packageRows = vendorRegistry.map(
    (vendor) =>
      `<tr><td><code>${vendor.packageName}</code></td><td><code>npm install ${vendor.packageName}</code></td>` +
      `<td>The typed ${escapeHtml(vendor.title)} client (<code>${vendor.factory}</code>).</td></tr>`,
  );
  const withPackages = replacePlaceholder({
    template: withTitles,
    name: 'vendor-package-rows',
    content: packageRows.join('\n        '),
  });
  const mockRows = readVendorExamples().map((vendor) => {
    const info = vendorRegistry.find((entry) => entry.id === vendor.id)?.spec.info as
      Record<string, unknown> | undefined;
    const note =
      info?.['x-textgen-openai-compatible'] === true
        ? " (also the official <code>openai</code> SDK's <code>baseURL</code>)"
        : '';
    return `<tr><td>${escapeHtml(vendor.title)}</td><td><code>http://127.0.0.1:4010${vendor.mockPath}</code>${note}</td></tr>`;
  });
  const withMockRows = replacePlaceholder({
    template: withPackages,
    name: 'mock-base-url-rows',
    content: mockRows.join('\n        '),
  });
  const withLinks = replacePlaceholder({ template: withMockRows, name: 'reference-links', content: referenceLinks });
  const html = replacePlaceholder({
    template: withLinks,
    name: 'vendor-cards',
    content: vendorPages.map(renderVendorCard).join('\n      '),
  });
  const file = join(siteFolder, 'index.html');
  await writeFile(file, html);
  return { file, bytes: (await stat(file)).size };
}

/**
 * The published packages; the vendor packages come from the vendor list. core comes first: a class that several
 * packages re-export is documented under the first entry point that exports it, and core is where the errors live.
 */
const apiPackages = ['core', 'sdk', ...vendorIds, 'mocks', 'cli'] as const;
const typedocBinary = join(docsRoot, 'node_modules', '.bin', 'typedoc');

/**
 * Builds the typed API reference of every package's public exports (site/api/) with TypeDoc, in one TypeScript program
 * so a class that several packages re-export (the core errors) is documented once and referenced from the others.
 * Each package is entered through a generated file that re-exports its `src/index.ts` and names the module after the
 * package (`@module @textgen/core`); entering the index files directly would name the modules "core/src".
 */
async function buildApiReference({ scratchFolder }: { scratchFolder: string }): Promise<BuiltPage> {
  const entriesFolder = join(scratchFolder, 'api-entries');
  await mkdir(entriesFolder, { recursive: true });
  const entryPoints: string[] = [];
  for (const packageName of apiPackages) {
    const entry = join(entriesFolder, `textgen-${packageName}.ts`);
    const comment = `/**\n * The public exports of \`@textgen/${packageName}\`.\n * @module @textgen/${packageName}\n */`;
    await writeFile(entry, `${comment}\nexport * from '@textgen/${packageName}';\n`);
    entryPoints.push(entry);
  }
  const tsconfig = join(scratchFolder, 'tsconfig.api.json');
  // The repository's compiler options and @textgen/* paths, which resolve every package to its sources (no build
  // needed).
  const baseConfig = join(repositoryRoot, 'tsconfig.base.json');
  await writeFile(
    tsconfig,
    JSON.stringify(
      { extends: baseConfig, compilerOptions: { baseUrl: repositoryRoot, noEmit: true }, include: entryPoints },
      null,
      2,
    ),
  );
  const output = join(siteFolder, 'api');
  await rm(output, { recursive: true, force: true });
  await runFile(
    typedocBinary,
    [
      '--options',
      join(docsRoot, 'typedoc.json'),
      '--tsconfig',
      tsconfig,
      '--out',
      output,
      ...entryPoints.flatMap((entry) => ['--entryPoints', entry]),
    ],
    { cwd: docsRoot, maxBuffer: 16 * 1024 * 1024 },
  );
  return { file: `${output}/`, bytes: await folderBytes(output) };
}

async function folderBytes(folder: string): Promise<number> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  const sizes = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => (await stat(join(entry.parentPath, entry.name))).size),
  );
  return sizes.reduce((total, size) => total + size, 0);
}

async function buildDocs(): Promise<BuiltPage[]> {
  await mkdir(siteFolder, { recursive: true });
  const scratchFolder = await mkdtemp(join(tmpdir(), 'textgen-docs-build-'));
  try {
    // One at a time: each build-docs run prerenders React and takes most of a core on the 2-core CI machine.
    const bundle = await writeSharedRedocBundle();
    const vendorPages: BuiltVendorPage[] = [];
    for (const vendor of vendorIds) vendorPages.push(await buildVendorPage({ vendor, scratchFolder, bundle }));
    const indexPage = await buildIndexPage(vendorPages);
    const apiReference = await buildApiReference({ scratchFolder });
    return [
      indexPage,
      ...vendorPages,
      { file: join(siteFolder, sharedRedocBundleName), bytes: bundle.bytes },
      apiReference,
    ];
  } finally {
    await rm(scratchFolder, { recursive: true, force: true });
  }
}

const pages = await buildDocs();
for (const page of pages) {
  console.log(
    `built ${relative(repositoryRoot, page.file).padEnd(26)} ${page.bytes.toLocaleString('en-US').padStart(11)} bytes`,
  );
}
