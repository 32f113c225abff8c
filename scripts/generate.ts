/**
 * Regenerates everything derived from the specs. For each `specs/<id>.yaml` (see read-vendor-specs.ts):
 *   packages/<id>/src/generated/schema.ts           TypeScript types (openapi-typescript)
 *   packages/<id>/src/generated/<id>-client.ts      the typed client surface (generate-client.ts)
 *   packages/<id>/src/generated/<id>.openapi.json   the dereferenced bundle the mocks and docs read at run time
 * and once for the workspace:
 *   packages/mocks/src/generated/vendor-registry.ts  the vendor registry (generate-registry.ts)
 * Generated files are committed; `pnpm check:generated` regenerates and fails when git sees a difference.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { generateClient } from './generate/generate-client';
import { generatedNotice } from './generate/generated-notice';
import { generateRegistry } from './generate/generate-registry';
import { readVendorSpecs, repositoryRoot, type VendorSpec } from './read-vendor-specs';

const runFile = promisify(execFile);

/**
 * Writes a generated file; TypeScript goes through Prettier with the repository's settings, as hand-written code does.
 */
async function writeGenerated(path: string, text: string): Promise<string> {
  const target = join(repositoryRoot, path);
  await mkdir(dirname(target), { recursive: true });
  const formatted = target.endsWith('.ts')
    ? await format(text, { ...(await resolveConfig(target)), filepath: target })
    : text;
  await writeFile(target, formatted);
  return target;
}

async function generateTypes(vendor: VendorSpec): Promise<string> {
  // Fields with a documented `default` stay optional in request types: the default is what the server applies when
  // the field is omitted, not something the caller must send.
  const ast = await openapiTS(pathToFileURL(join(repositoryRoot, vendor.specPath)), { defaultNonNullable: false });
  return writeGenerated(
    `packages/${vendor.id}/src/generated/schema.ts`,
    `/**\n * ${generatedNotice(vendor.specPath).replace('. Do not', '.\n * Do not')}\n */\n\n${astToString(ast)}`,
  );
}

async function generateBundle(vendor: VendorSpec): Promise<string> {
  // The redocly CLI is the bundler the docs and lint already use; its programmatic core is not a direct dependency.
  const scratch = join(tmpdir(), `textgen-bundle-${process.pid}-${vendor.id}.json`);
  const redocly = join(repositoryRoot, 'node_modules', '.bin', 'redocly');
  await runFile(redocly, ['bundle', vendor.specPath, '--dereferenced', '--ext', 'json', '-o', scratch], {
    cwd: repositoryRoot,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  const bundle = JSON.parse(await readFile(scratch, 'utf8')) as Record<string, unknown>;
  await rm(scratch, { force: true });
  const text = `${JSON.stringify({ 'x-generated': generatedNotice(vendor.specPath), ...bundle }, null, 2)}\n`;
  return writeGenerated(`packages/${vendor.id}/src/generated/${vendor.id}.openapi.json`, text);
}

const vendors = await readVendorSpecs();
const written = await Promise.all([
  ...vendors.flatMap((vendor) => [
    generateTypes(vendor),
    generateBundle(vendor),
    writeGenerated(`packages/${vendor.id}/src/generated/${vendor.id}-client.ts`, generateClient(vendor)),
  ]),
  writeGenerated('packages/mocks/src/generated/vendor-registry.ts', await generateRegistry(vendors)),
]);
for (const file of written) console.log(`generated ${relative(repositoryRoot, file)}`);
