import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Core from '../src/internal';
import type * as PublicCore from '../src/index';
import { startLoopbackServer, type LoopbackServer } from './support/loopback-server';

const distDirectory = fileURLToPath(new URL('../dist/', import.meta.url));
const cjsEntry = `${distDirectory}index.js`;
const esmEntry = `${distDirectory}index.mjs`;
const cjsInternal = `${distDirectory}internal.js`;
const esmInternal = `${distDirectory}internal.mjs`;

type Built = typeof PublicCore & typeof Core;

/** Both entries of one format, as a vendor package sees them: the public one first, as an app's import order would. */
async function load(format: 'cjs' | 'esm'): Promise<Built> {
  if (format === 'cjs') {
    const require = createRequire(import.meta.url);
    return { ...(require(cjsEntry) as typeof PublicCore), ...(require(cjsInternal) as typeof Core) };
  }
  const publicEntry = (await import(pathToFileURL(esmEntry).href)) as typeof PublicCore;
  return { ...publicEntry, ...((await import(pathToFileURL(esmInternal).href)) as typeof Core) };
}

interface EchoPaths {
  '/echo': {
    post: {
      requestBody: { content: { 'application/json': { prompt: string } } };
      responses: { 200: { content: { 'application/json': { text: string } } } };
    };
  };
}

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer((_request, response, attempt) => {
    // The first attempt fails so the built retry path runs too.
    response.writeHead(attempt % 2 === 1 ? 503 : 200, { 'content-type': 'application/json', 'retry-after-ms': '1' });
    response.end(JSON.stringify({ text: `attempt ${attempt}` }));
  });
});
afterAll(() => server.close());

async function callThrough(core: Built) {
  const transport = core.createTransport<EchoPaths>(
    {
      vendor: 'distvendor',
      environmentPrefix: 'DISTVENDOR',
      defaultBaseURL: 'http://unused.invalid',
      authorization: { header: 'Authorization', prefix: 'Bearer' },
    },
    { apiKey: 'dist-key', baseURL: server.baseURL, logLevel: 'off' },
  );
  return transport.call({ method: 'post', path: '/echo' }, { prompt: 'hi' });
}

describe('the built package', () => {
  it('exists (run `pnpm --filter @textgen/core build` or `pnpm run test:dist` first)', () => {
    expect(existsSync(cjsEntry), `${cjsEntry} is missing: build the package first`).toBe(true);
    expect(existsSync(esmEntry), `${esmEntry} is missing: build the package first`).toBe(true);
  });

  it('loads the public entry before the internal one in a fresh process without a require cycle', () => {
    // The two entries share a chunk; a chunk that required an entry back would leave the error classes undefined.
    const program = `const core = require(${JSON.stringify(cjsEntry)}); const internal = require(${JSON.stringify(cjsInternal)});
      const transport = internal.createTransport({ vendor: 'v', environmentPrefix: 'V', authorization: { header: 'x' } }, { apiKey: 'k', baseURL: 'http://x.invalid', logLevel: 'off' });
      const error = transport.createAPIError({ response: new Response(null, { status: 429 }), body: undefined });
      console.log(JSON.stringify({ instance: error instanceof core.RateLimitError, classes: typeof core.BadRequestError }));`;
    const output = execFileSync(
      process.execPath,
      ['--no-warnings=ExperimentalWarning', '--throw-deprecation', '-e', program],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(output)).toEqual({ instance: true, classes: 'function' });
  });

  it('works through require() of dist/index.js', async () => {
    const core = await load('cjs');
    const before = server.requests.length;
    expect(await callThrough(core)).toEqual({ text: `attempt ${before + 2}` });
    expect(server.requests.at(-1)?.authorization).toBe('Bearer dist-key');
    expect(
      core.RateLimitError.isInstance(
        core
          .createTransport(
            { vendor: 'v', environmentPrefix: 'V', authorization: { header: 'x' } },
            { apiKey: 'k', baseURL: 'http://x.invalid', logLevel: 'off' },
          )
          .createAPIError({ response: new Response(null, { status: 429 }), body: undefined }),
      ),
    ).toBe(true);
  });

  it('works through import() of dist/index.mjs', async () => {
    const core = await load('esm');
    const before = server.requests.length;
    expect(await callThrough(core)).toEqual({ text: `attempt ${before + 2}` });
    expect(typeof core.Stream).toBe('function');
  });

  it('shares error markers between the CJS and ESM copies', async () => {
    const cjs = await load('cjs');
    const esm = await load('esm');
    expect(cjs.APIError === esm.APIError).toBe(false);
    expect(
      esm.RateLimitError.isInstance(
        cjs
          .createTransport(
            { vendor: 'v', environmentPrefix: 'V', authorization: { header: 'x' } },
            { apiKey: 'k', baseURL: 'http://x.invalid', logLevel: 'off' },
          )
          .createAPIError({ response: new Response(null, { status: 429 }), body: undefined }),
      ),
    ).toBe(true);
  });
});
