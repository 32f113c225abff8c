import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockHttpServer, type MockHttpServer } from '@textgen/mocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, cleanEnvironment, runBuiltCli } from './support/run-built-cli';

const models = { wetrocloud: 'llama-3.3-70b', edenai: 'openai/gpt-4o', worqhat: 'aicon-v4-nano-160824', aitre: 'gpt-3.5-turbo-instruct' } as const;
const vendors = Object.keys(models) as (keyof typeof models)[];
const secretKey = 'sk-cli-test-secret-0123456789';

let mock: MockHttpServer;
let helper: Server;
let helperURL: string;

beforeAll(async () => {
  mock = await startMockHttpServer({ port: 0, streamChunkDelayMs: 0 });
  // An AITRE stand-in: /echo/completions answers with the prompt it got, /broken/completions with OpenAI's 500 body.
  helper = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (request.url?.startsWith('/broken/')) {
        response.writeHead(500, { 'content-type': 'application/json', 'x-request-id': 'req_broken' });
        response.end(JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } }));
        return;
      }
      const { prompt, model } = JSON.parse(body) as { prompt: string; model: string };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'c', object: 'text_completion', created: 1, model, choices: [{ text: `echo: ${prompt}`, index: 0, logprobs: null, finish_reason: 'stop' }] }));
    });
  });
  await new Promise<void>((resolve) => helper.listen(0, '127.0.0.1', resolve));
  helperURL = `http://127.0.0.1:${(helper.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await mock.close();
  helper.closeAllConnections();
  await new Promise((resolve) => helper.close(resolve));
});

const keyFor = (vendor: string) => ({ [`${vendor.toUpperCase()}_API_KEY`]: secretKey });
const generateArgs = (vendor: keyof typeof models) => ['generate', '--provider', vendor, '--model', models[vendor], '--base-url', mock.baseUrls[vendor]!];

describe('textgen generate (built CLI)', () => {
  for (const vendor of vendors) {
    it(`${vendor}: --json prints the result and exits 0`, async () => {
      const run = await runBuiltCli([...generateArgs(vendor), '--json', 'What is a large language model?'], { environment: cleanEnvironment(keyFor(vendor)) });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      const result = JSON.parse(run.stdout) as { text: string; provider: string; usage: object; finishReason: { unified: string } };
      expect(result.provider).toBe(vendor);
      expect(result.text.trim().length).toBeGreaterThan(0);
      expect(result.finishReason.unified).toMatch(/^(stop|length|unknown)$/);
    });

    it(`${vendor}: --stream prints the deltas, and --stream --json one part per line then a finish line`, async () => {
      const environment = cleanEnvironment(keyFor(vendor));
      const plain = await runBuiltCli([...generateArgs(vendor), '--stream', 'What is a large language model?'], { environment });
      expect(plain.exitCode).toBe(0);
      const json = await runBuiltCli([...generateArgs(vendor), '--stream', '--json', 'What is a large language model?'], { environment });
      expect(json.exitCode).toBe(0);
      const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; text: string });
      const finish = lines.at(-1)!;
      expect(finish.type).toBe('finish');
      const deltas = lines.slice(0, -1);
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.every((part) => part.type === 'text-delta')).toBe(true);
      expect(deltas.map((part) => part.text).join('')).toBe(finish.text);
      expect(plain.stdout).toBe(`${finish.text}\n`);
    });
  }

  it('reads the prompt from stdin with -', async () => {
    const run = await runBuiltCli(['generate', '--provider', 'aitre', '--model', 'gpt-3.5-turbo-instruct', '--base-url', `${helperURL}/echo`, '-'], {
      environment: cleanEnvironment(keyFor('aitre')),
      input: 'Prompt from a pipe',
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('echo: Prompt from a pipe\n');
  });

  it('an API error exits 1 with one readable line on stderr and never the key', async () => {
    const run = await runBuiltCli(['generate', '--provider', 'aitre', '--model', 'm', '--base-url', `${helperURL}/broken`, 'Hi'], {
      environment: cleanEnvironment({ ...keyFor('aitre'), TEXTGEN_LOG: 'debug' }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    const errorLines = run.stderr.split('\n').filter((line) => line.startsWith('textgen:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/500/);
    expect(errorLines[0]).toMatch(/The server had an error/);
    expect(run.stderr).not.toContain(secretKey);
    // TEXTGEN_LOG=debug lines went to stderr, with the Authorization header redacted.
    expect(run.stderr).toContain('[redacted]');
  });

  it('no key in the environment exits 2 and names the variable', async () => {
    const run = await runBuiltCli([...generateArgs('worqhat'), 'Hi']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/WORQHAT_API_KEY/);
  });

  const usageErrors: { name: string; args: string[]; stderr: RegExp }[] = [
    { name: 'an unknown provider', args: ['generate', '--provider', 'openai', '--model', 'm', 'Hi'], stderr: /openai.*(wetrocloud|choices)/ },
    { name: 'a missing --model', args: ['generate', '--provider', 'aitre', 'Hi'], stderr: /--model/ },
    { name: 'a temperature that is not a number', args: ['generate', '--provider', 'aitre', '--model', 'm', '--temperature', 'hot', 'Hi'], stderr: /"hot" is not a number/ },
    { name: 'a temperature out of range', args: ['generate', '--provider', 'aitre', '--model', 'm', '--temperature', '3', 'Hi'], stderr: /temperature is 3; it must be a number from 0 to 2/ },
    { name: 'no prompt', args: ['generate', '--provider', 'aitre', '--model', 'm'], stderr: /Give a prompt argument, or -/ },
    { name: 'an unknown flag', args: ['generate', '--provider', 'aitre', '--model', 'm', '--colour', 'Hi'], stderr: /unknown option '--colour'/ },
    { name: 'an unknown command', args: ['summon'], stderr: /unknown command 'summon'/ },
  ];
  for (const { name, args, stderr } of usageErrors) {
    it(`a usage error exits 2: ${name}`, async () => {
      const run = await runBuiltCli(args, { environment: cleanEnvironment(keyFor('aitre')) });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(stderr);
      expect(run.stdout).toBe('');
    });
  }

  for (const command of [[], ['generate'], ['mock'], ['demo']]) {
    it(`${['textgen', ...command].join(' ')} --help exits 0 and describes the command`, async () => {
      const run = await runBuiltCli([...command, '--help']);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/^Usage: textgen/);
    });
  }
});

describe('textgen mock (built CLI)', () => {
  it('prints the base URLs, serves requests, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [builtCli, 'mock', '--port', '0'], { env: cleanEnvironment(), stdio: 'pipe' });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const aitreURL = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const match = /aitre\s+(http:\/\/127\.0\.0\.1:\d+\/aitre)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on('close', () => reject(new Error(`mock exited early: ${stdout}`)));
    });
    const response = await fetch(`${aitreURL}/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say this is a test' }),
    });
    expect(response.status).toBe(200);
    for (const vendor of vendors) expect(stdout).toContain(`/${vendor}`);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
