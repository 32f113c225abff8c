import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as Mocks from '../src/index';

const distDirectory = fileURLToPath(new URL('../dist/', import.meta.url));
const cjsEntry = `${distDirectory}index.js`;
const esmEntry = `${distDirectory}index.mjs`;
const binEntry = `${distDirectory}bin/textgen-mock.mjs`;

const completionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'Say this is a test' };

async function serveOneRequest(mocks: typeof Mocks): Promise<void> {
  const server = await mocks.startMockHttpServer({ port: 0, vendor: 'aitre' });
  try {
    const response = await fetch(`${server.url}/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer dist-key', 'content-type': 'application/json' },
      body: JSON.stringify(completionRequest),
    });
    expect(response.status).toBe(200);
    const expected = mocks.listMockExamples({ vendor: 'aitre' }).find((example) => example.status === 200 && !example.streams)!;
    expect(await response.json()).toEqual(expected.value);
  } finally {
    await server.close();
  }
}

describe('the built package', () => {
  it('exists (run `pnpm --filter @textgen/mocks build` or `pnpm run test:dist` first)', () => {
    for (const entry of [cjsEntry, esmEntry, binEntry]) expect(existsSync(entry), `${entry} is missing: build the package first`).toBe(true);
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
      const response = await fetch('https://api.openai.com/v1/completions', {
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

describe('the textgen-mock bin', () => {
  it('prints --help and exits 0, also behind the `--` that `pnpm mock -- --help` forwards', async () => {
    const child = spawn(process.execPath, [binEntry, '--', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('--port');
  });

  it('rejects an unknown vendor with exit code 2', async () => {
    const child = spawn(process.execPath, [binEntry, '--vendor', 'nobody'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
  });

  it('serves on --port 0, logs requests, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [binEntry, '--port', '0', '--delay', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout });
    const outputClosed = new Promise<void>((resolve) => reader.once('close', resolve));
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
      const response = await fetch(`${url}/aitre/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer bin-secret-key', 'content-type': 'application/json' },
        body: JSON.stringify(completionRequest),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ object: 'text_completion' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    await outputClosed;
    expect(lines.some((line) => /^POST \/aitre\/completions 200 \d+ms$/.test(line))).toBe(true);
    expect(lines.join('\n')).not.toContain('bin-secret-key');
  });
});
