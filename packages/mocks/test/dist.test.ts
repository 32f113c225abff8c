import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as Mocks from '../src/index';
import type * as Testing from '../src/testing/index';

const distDirectory = fileURLToPath(new URL('../dist/', import.meta.url));
const cjsEntry = `${distDirectory}index.js`;
const esmEntry = `${distDirectory}index.mjs`;
const binEntry = `${distDirectory}bin/textgen-mock.mjs`;

// AITRE's documented request: the mock's answer to it is the spec's `basic` example (7 tokens, max_tokens 7, "length").
const completionRequest = {
  model: 'gpt-3.5-turbo-instruct',
  prompt: 'Say this is a test',
  max_tokens: 7,
  temperature: 0,
};

async function serveOneRequest(mocks: typeof Mocks): Promise<void> {
  const server = await mocks.startMockHttpServer({ port: 0, vendor: 'aitre' });
  try {
    const response = await fetch(`${server.url}/v1/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer dist-key', 'content-type': 'application/json' },
      body: JSON.stringify(completionRequest),
    });
    expect(response.status).toBe(200);
    const expected = mocks
      .listMockExamples({ vendor: 'aitre' })
      .find((example) => example.status === 200 && !example.streams)!;
    expect(await response.json()).toEqual(expected.value);
  } finally {
    await server.close();
  }
}

describe('the built package', () => {
  it('exists (run `pnpm --filter @textgen/mocks build` or `pnpm run test:dist` first)', () => {
    for (const entry of [cjsEntry, esmEntry, binEntry, `${distDirectory}testing.js`, `${distDirectory}testing.mjs`])
      expect(existsSync(entry), `${entry} is missing: build the package first`).toBe(true);
  });

  it('works through require() of dist/index.js', async () => {
    const mocks = createRequire(import.meta.url)(cjsEntry) as typeof Mocks;
    expect(mocks.listMockExamples().length).toBeGreaterThan(10);
    await serveOneRequest(mocks);
  });

  it('works through import() of dist/index.mjs, including the msw test server', async () => {
    const mocks = (await import(pathToFileURL(esmEntry).href)) as typeof Mocks;
    await serveOneRequest(mocks);
    const server = mocks.createMockServer();
    server.listen();
    try {
      const response = await fetch('https://aitre-host.invalid/v1/completions', {
        method: 'POST',
        headers: { authorization: 'Bearer dist-key', 'content-type': 'application/json' },
        body: JSON.stringify(completionRequest),
      });
      expect(response.status).toBe(200);
      expect(server.lastCall?.body).toEqual(completionRequest);
    } finally {
      server.close();
    }
  });
});

describe('the built @textgen/mocks/testing entry', () => {
  const sse = 'data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n';

  it.each([
    ['require()', () => createRequire(import.meta.url)(`${distDirectory}testing.js`) as typeof Testing],
    ['import()', async () => (await import(pathToFileURL(`${distDirectory}testing.mjs`).href)) as typeof Testing],
  ])('works through %s, eventsource-parser included', async (_how, load) => {
    const testing = await load();
    expect(testing.streamExamplePayloads({ value: sse, mediaType: 'text/event-stream' })).toEqual([{ n: 1 }, { n: 2 }]);
    const chunks = await testing.collectStream(new Response('abc').body!.pipeThrough(new TextDecoderStream()));
    expect(chunks.join('')).toBe('abc');
    const error = await testing.expectAPIError(Promise.reject(new RangeError('out')), RangeError, { message: 'out' });
    expect(error).toBeInstanceOf(RangeError);
  });
});

/** Starts the built bin and waits for the URL it prints; `stop` sends a signal and resolves with the exit code. */
async function startBin(
  args: string[],
): Promise<{ url: string; lines: string[]; stop: (signal: NodeJS.Signals) => Promise<number | null> }> {
  const child = spawn(process.execPath, [binEntry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout });
  const outputClosed = new Promise<void>((resolve) => reader.once('close', resolve));
  const stop = async (signal: NodeJS.Signals) => {
    child.kill(signal);
    const code = await exited;
    await outputClosed;
    return code;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed; output: ${lines.join('\n')}`)), 10_000);
      reader.on('line', (line) => {
        lines.push(line);
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    return { url, lines, stop };
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
}

describe('the textgen-mock bin', () => {
  it('prints --help and exits 0, also behind the `--` that `pnpm mock -- --help` forwards', async () => {
    const child = spawn(process.execPath, [binEntry, '--', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('--port');
  });

  it('rejects an unknown vendor with exit code 2 and one line naming the flag', async () => {
    const child = spawn(process.execPath, [binEntry, '--vendor', 'nobody'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^textgen-mock: Unknown --vendor "nobody"; use one of [a-z, -]+\.\n$/);
  });

  it('on a busy port, exits 1 with one line naming the port and how to pick another', async () => {
    const occupier = createServer();
    await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
    const busyPort = (occupier.address() as AddressInfo).port;
    try {
      const child = spawn(process.execPath, [binEntry, '--port', String(busyPort)], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      expect(code).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^textgen-mock: Port ${busyPort} is already in use .*--port 0 for any free port\\.$`),
      );
    } finally {
      await new Promise((resolve) => occupier.close(resolve));
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves every vendor on --port 0, logs requests, and exits 0 on %s',
    async (signal) => {
      const mocks = (await import(pathToFileURL(esmEntry).href)) as typeof Mocks;
      const bin = await startBin(['--port', '0', '--delay', '0']);
      // The log line of each request: "<METHOD> <path> <status> <n>ms".
      const expectedLogPrefixes: string[] = [];
      let exitCode: number | null;
      try {
        for (const vendor of mocks.mockVendorIds) {
          const operation = mocks.listMockOperations({ vendor })[0]!;
          const requestExample = operation.requestExamples.find(
            (example) => example.mediaType === 'application/json' && !example.streams,
          )!;
          const expected = operation.responseExamples.find((example) => example.status === 200 && !example.streams)!;
          // `/<vendor>` stands for the vendor's host, so the path is the vendor's real one: server path plus operation
          // path.
          const serverPath = new URL(mocks.getDefaultBaseUrl(mocks.getVendorSpec(vendor))).pathname.replace(/\/$/, '');
          const operationPath = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) =>
            encodeURIComponent(operation.pathParameterExamples[name]!),
          );
          const path = `${serverPath}${operationPath}`;
          const response = await fetch(`${bin.url}/${vendor}${path}`, {
            method: operation.method.toUpperCase(),
            headers: {
              authorization: `${vendor === 'wetrocloud' ? 'Token' : 'Bearer'} bin-secret-key`,
              'content-type': 'application/json',
            },
            body: JSON.stringify(requestExample.value),
          });
          expect(response.status, `${vendor} ${operation.operationId}`).toBe(200);
          expect(await response.json()).toEqual(expected.value);
          expectedLogPrefixes.push(`${operation.method.toUpperCase()} /${vendor}${path} 200 `);
        }
      } finally {
        exitCode = await bin.stop(signal);
      }
      expect(exitCode).toBe(0);
      expect(bin.lines).toContain(`textgen-mock: ${signal}, shutting down`);
      expect(expectedLogPrefixes).toHaveLength(mocks.mockVendorIds.length);
      for (const prefix of expectedLogPrefixes) {
        expect(
          bin.lines.some((line) => line.startsWith(prefix) && /^\d+ms$/.test(line.slice(prefix.length))),
          prefix,
        ).toBe(true);
      }
      expect(bin.lines.join('\n')).not.toContain('bin-secret-key');
    },
  );
});
