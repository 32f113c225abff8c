/**
 * `pnpm test:contract:live`: runs the contract suites against the real APIs of the vendors whose key is set.
 *
 * - `<VENDOR>_API_KEY` turns a vendor on; AITRE also needs `AITRE_BASE_URL` (its host is unpublished). Other
 *   vendors take `<VENDOR>_BASE_URL` when it is set, else their spec's server.
 * - A vendor without them gets one "skipped" line saying why; with no vendor on, the command exits 0.
 * - `--against-mock` starts the built `@textgen/mocks` server and points every vendor's key and base URL at it:
 *   CI proves the live suite this way (`pnpm test:contract:live:mock`), without spending tokens.
 *
 * Each live vendor costs a few tokens: one short call per operation, one stream, one call with a wrong key.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const vendors = ['wetrocloud', 'edenai', 'worqhat', 'aitre'] as const;
type Vendor = (typeof vendors)[number];

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const vitestBin = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));

/** The variables a vendor's live suite needs, in the order they are reported. */
function requiredVariables(vendor: Vendor): string[] {
  const prefix = vendor.toUpperCase();
  return vendor === 'aitre' ? [`${prefix}_API_KEY`, `${prefix}_BASE_URL`] : [`${prefix}_API_KEY`];
}

function isSet(environment: NodeJS.ProcessEnv, name: string): boolean {
  const value = environment[name];
  return value !== undefined && value.trim() !== '';
}

/** Points every vendor at the built mock server; returns a function that stops it. */
async function pointAtMock(environment: NodeJS.ProcessEnv): Promise<() => Promise<void>> {
  const entry = fileURLToPath(new URL('../packages/mocks/dist/index.mjs', import.meta.url));
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build it first (pnpm --filter @textgen/mocks build).`);
  const mocks = (await import(pathToFileURL(entry).href)) as typeof import('../packages/mocks/src/index');
  const server = await mocks.startMockHttpServer({ port: 0, streamChunkDelayMs: 0, log: false });
  for (const vendor of vendors) {
    environment[`${vendor.toUpperCase()}_API_KEY`] = `contract-live-key-${vendor}`;
    environment[`${vendor.toUpperCase()}_BASE_URL`] = server.baseUrls[vendor];
  }
  const finetuned = mocks
    .listMockOperations({ vendor: 'worqhat' })
    .find((operation) => operation.operationId === 'generateContentWithModel');
  if (finetuned !== undefined) {
    const { modelType, modelId } = finetuned.pathParameterExamples;
    environment.WORQHAT_FINETUNED_MODEL = `${modelType}/${modelId}`;
  }
  console.log(`contract live: every vendor points at the mock on ${server.url} (no tokens are spent)`);
  return () => server.close();
}

async function main(): Promise<number> {
  const environment: NodeJS.ProcessEnv = { ...process.env };
  const stopMock = process.argv.includes('--against-mock') ? await pointAtMock(environment) : undefined;
  try {
    const enabled: Vendor[] = [];
    for (const vendor of vendors) {
      const missing = requiredVariables(vendor).filter((name) => !isSet(environment, name));
      if (missing.length > 0) {
        console.log(
          `contract live: ${vendor} skipped: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`,
        );
        continue;
      }
      enabled.push(vendor);
      const baseURL = environment[`${vendor.toUpperCase()}_BASE_URL`] || 'the spec server';
      console.log(
        `contract live: ${vendor} runs against ${baseURL} (a few tokens: one call per operation, a stream, a 401)`,
      );
    }
    if (enabled.includes('worqhat') && !isSet(environment, 'WORQHAT_FINETUNED_MODEL')) {
      console.log(
        'contract live: worqhat generateContentWithModel left out: WORQHAT_FINETUNED_MODEL (<modelType>/<modelId>) is not set',
      );
    }
    if (enabled.length === 0) return 0;
    const files = enabled.map((vendor) => `${vendor}.contract.test.ts`);
    // Asynchronous on purpose: with --against-mock the mock server answers from this very process.
    const child = spawn(process.execPath, [vitestBin, 'run', '-c', 'contract/vitest.config.ts', ...files], {
      cwd: repositoryRoot,
      env: { ...environment, TEXTGEN_CONTRACT_TARGET: 'live' },
      stdio: 'inherit',
    });
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => resolve(code ?? 1));
    });
  } finally {
    await stopMock?.();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`contract live: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
