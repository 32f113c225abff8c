/**
 * Reads one vendor spec through `redocly bundle`, so the docs build and the docs test see the spec exactly as redocly
 * resolves it (external and internal `$ref`s included) without a YAML parser of their own.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { VendorId } from '../packages/mocks/src/generated/vendor-registry';

const runFile = promisify(execFile);

export const docsRoot = dirname(fileURLToPath(import.meta.url));
export const repositoryRoot = join(docsRoot, '..');
export const redoclyBinary = join(docsRoot, 'node_modules', '.bin', 'redocly');

/**
 * `REDOCLY_TELEMETRY=off` stops the CLI from reporting the command, and build-docs reads the same switch to render the
 * page with telemetry disabled, which keeps the page from posting to otel.cloud.redocly.com.
 */
export const redoclyEnvironment: NodeJS.ProcessEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
};

export type OpenApiDocument = Record<string, unknown> & {
  info: Record<string, unknown> & { title: string; version: string; description?: string; 'x-vendor-quirks'?: unknown };
  paths?: Record<string, Record<string, unknown>>;
};

/**
 * The media types that carry a whole stream body as one example (see specs/CONVENTIONS.md, "Responses and examples").
 */
export const streamMediaTypes = ['text/event-stream', 'application/x-ndjson'] as const;

export type StreamMediaType = (typeof streamMediaTypes)[number];

export interface VendorOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  tag: string;
  /** The stream media type of the 200 response and its first example's body, when the operation can stream. */
  stream?: { mediaType: StreamMediaType; example: string };
}

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export async function bundleVendorSpec({
  vendor,
  dereferenced,
}: {
  vendor: VendorId;
  dereferenced: boolean;
}): Promise<OpenApiDocument> {
  const scratchFolder = await mkdtemp(join(tmpdir(), `textgen-docs-${vendor}-`));
  const scratchFile = join(scratchFolder, `${vendor}.json`);
  try {
    const bundleArguments = ['bundle', join('specs', `${vendor}.yaml`), '--ext', 'json', '-o', scratchFile];
    if (dereferenced) bundleArguments.push('--dereferenced');
    // cwd is the repository root so redocly picks up /redocly.yaml, the same config `pnpm lint:specs` uses.
    await runFile(redoclyBinary, bundleArguments, { cwd: repositoryRoot, env: redoclyEnvironment });
    return JSON.parse(await readFile(scratchFile, 'utf8')) as OpenApiDocument;
  } finally {
    await rm(scratchFolder, { recursive: true, force: true });
  }
}

export function readVendorQuirks(document: OpenApiDocument): string[] {
  const quirks = document.info['x-vendor-quirks'];
  if (quirks === undefined) return [];
  if (!Array.isArray(quirks) || !quirks.every((quirk) => typeof quirk === 'string')) {
    throw new TypeError(`info.x-vendor-quirks of "${document.info.title}" must be a list of strings`);
  }
  return quirks;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStreamMediaType(mediaType: string): mediaType is StreamMediaType {
  return (streamMediaTypes as readonly string[]).includes(mediaType);
}

function readStream(operation: Record<string, unknown>): VendorOperation['stream'] {
  const responses = operation['responses'];
  const ok = isRecord(responses) ? responses['200'] : undefined;
  const content = isRecord(ok) ? ok['content'] : undefined;
  if (!isRecord(content)) return undefined;
  for (const [mediaType, mediaTypeObject] of Object.entries(content)) {
    if (!isStreamMediaType(mediaType) || !isRecord(mediaTypeObject)) continue;
    const examples = mediaTypeObject['examples'];
    const firstExample = isRecord(examples) ? Object.values(examples)[0] : undefined;
    const value = isRecord(firstExample) ? firstExample['value'] : undefined;
    if (typeof value !== 'string') throw new TypeError(`The ${mediaType} response has no string example`);
    return { mediaType, example: value };
  }
  return undefined;
}

/** Lists the operations of a dereferenced bundle in document order. */
export function listVendorOperations(document: OpenApiDocument): VendorOperation[] {
  const operations: VendorOperation[] = [];
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (!isRecord(operation)) continue;
      const { operationId, summary, tags } = operation;
      if (typeof operationId !== 'string' || typeof summary !== 'string' || !Array.isArray(tags)) {
        throw new TypeError(`${method.toUpperCase()} ${path} needs an operationId, a summary and a tag`);
      }
      const tag: unknown = tags[0];
      if (typeof tag !== 'string') throw new TypeError(`${method.toUpperCase()} ${path} needs a tag`);
      const stream = readStream(operation);
      operations.push({ operationId, method, path, summary, tag, ...(stream ? { stream } : {}) });
    }
  }
  return operations;
}
