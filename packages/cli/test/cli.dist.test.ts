import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockHttpServer, type MockHttpServer } from '@textgen/mocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, cleanEnvironment, committedBinShim, runBuiltCli } from './support/run-built-cli';
import { specAnswerText, specStreamDeltas } from './support/spec-answers';

const cliPackageVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const models = {
  wetrocloud: 'llama-3.3-70b',
  edenai: 'openai/gpt-4o',
  worqhat: 'aicon-v4-nano-160824',
  aitre: 'gpt-3.5-turbo-instruct',
} as const;
const vendors = Object.keys(models) as (keyof typeof models)[];
const secretKey = 'sk-cli-test-secret-0123456789';
const renamedModel = 'gpt-3.5-turbo-instruct-0914';

let mock: MockHttpServer;
let helper: Server;
let helperURL: string;
let closedPortURL: string;
let silent: Server;
let silentURL: string;
let silentRequests = 0;

function completionChunk(options: { text: string; finishReason: string | null }): string {
  const chunk = {
    id: 'c',
    object: 'text_completion',
    created: 1,
    model: renamedModel,
    choices: [{ text: options.text, index: 0, logprobs: null, finish_reason: options.finishReason }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** Every stderr line, so a test sees everything the user would, not only the `textgen:` lines. */
function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '');
}

beforeAll(async () => {
  mock = await startMockHttpServer({ port: 0, streamChunkDelayMs: 0 });
  // An AITRE stand-in: /echo/completions answers with the prompt it got, /broken/completions with OpenAI's 500 body,
  // /renamed/completions streams chunks naming another model than the one asked for (as OpenAI does with snapshots),
  // /slow/completions streams 40 chunks 10 ms apart.
  helper = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (request.url?.startsWith('/renamed/')) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(
          `${completionChunk({ text: 'Hello', finishReason: null })}${completionChunk({ text: ' there', finishReason: 'stop' })}data: [DONE]\n\n`,
        );
        return;
      }
      if (request.url?.startsWith('/slow/')) {
        // Keeps streaming for a while, so the CLI is still writing when its reader goes away.
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        let sent = 0;
        const ticker = setInterval(() => {
          if (sent++ < 40) response.write(completionChunk({ text: `word${sent} `, finishReason: null }));
          else {
            clearInterval(ticker);
            response.end('data: [DONE]\n\n');
          }
        }, 10);
        response.on('close', () => clearInterval(ticker));
        return;
      }
      if (request.url?.startsWith('/broken/')) {
        response.writeHead(500, { 'content-type': 'application/json', 'x-request-id': 'req_broken' });
        response.end(
          JSON.stringify({
            error: {
              message: 'The server had an error while processing your request.',
              type: 'server_error',
              param: null,
              code: null,
            },
          }),
        );
        return;
      }
      const { prompt, model } = JSON.parse(body) as { prompt: string; model: string };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'c',
          object: 'text_completion',
          created: 1,
          model,
          choices: [{ text: `echo: ${prompt}`, index: 0, logprobs: null, finish_reason: 'stop' }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => helper.listen(0, '127.0.0.1', resolve));
  helperURL = `http://127.0.0.1:${(helper.address() as AddressInfo).port}`;
  // A port that was free a moment ago and has nobody listening: connections to it are refused.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPortURL = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/v1`;
  await new Promise((resolve) => closed.close(resolve));
  // Accepts every request and never answers: only the CLI's timeout can end the call.
  silent = createServer(() => {
    silentRequests += 1;
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentURL = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  await mock.close();
  helper.closeAllConnections();
  await new Promise((resolve) => helper.close(resolve));
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

const keyFor = (vendor: string) => ({ [`${vendor.toUpperCase()}_API_KEY`]: secretKey });
const generateArgs = (vendor: keyof typeof models) => [
  'generate',
  '--provider',
  vendor,
  '--model',
  models[vendor],
  '--base-url',
  mock.baseUrls[vendor]!,
];

describe('textgen generate (built CLI)', () => {
  for (const vendor of vendors) {
    it(`${vendor}: --json prints the result and exits 0`, async () => {
      const run = await runBuiltCli([...generateArgs(vendor), '--json', 'What is a large language model?'], {
        environment: cleanEnvironment(keyFor(vendor)),
      });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      const result = JSON.parse(run.stdout) as {
        text: string;
        provider: string;
        usage: object;
        finishReason: { unified: string };
      };
      expect(result.provider).toBe(vendor);
      // The mock answers with the spec's default example, so the text is the one written there.
      expect(result.text).toBe(specAnswerText(vendor));
      expect(result.finishReason.unified).toMatch(/^(stop|length|unknown)$/);
    });

    it(`${vendor}: --stream prints the deltas, and --stream --json one part per line then a finish line`, async () => {
      const environment = cleanEnvironment(keyFor(vendor));
      const plain = await runBuiltCli([...generateArgs(vendor), '--stream', 'What is a large language model?'], {
        environment,
      });
      expect(plain.exitCode).toBe(0);
      const json = await runBuiltCli(
        [...generateArgs(vendor), '--stream', '--json', 'What is a large language model?'],
        { environment },
      );
      expect(json.exitCode).toBe(0);
      const lines = json.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; text: string });
      const finish = lines.at(-1)!;
      expect(finish.type).toBe('finish');
      const deltas = lines.slice(0, -1);
      expect(deltas.every((part) => part.type === 'text-delta')).toBe(true);
      // One delta per text piece of the spec's default stream example, in order.
      const expectedDeltas = specStreamDeltas(vendor);
      expect(expectedDeltas.length).toBeGreaterThan(1);
      expect(deltas.map((part) => part.text)).toEqual(expectedDeltas);
      expect(finish.text).toBe(expectedDeltas.join(''));
      expect(plain.stdout).toBe(`${expectedDeltas.join('')}\n`);
    });
  }

  it('aitre: --stream --json reports the usage the mock streams for stream_options.include_usage', async () => {
    const run = await runBuiltCli([...generateArgs('aitre'), '--stream', '--json', 'Say this is a test'], {
      environment: cleanEnvironment(keyFor('aitre')),
    });
    expect(run.exitCode).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; usage?: Record<string, number | null> });
    const usage = lines.at(-1)!.usage!;
    // One delta per streamed token, so the output count is the number of deltas; nothing is null any more.
    expect(usage.outputTokens).toBe(lines.filter((line) => line.type === 'text-delta').length);
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.totalTokens).toBe(usage.inputTokens! + usage.outputTokens!);
  });

  it('a reader that closes stdout early (| head) ends the CLI quietly with 0, not an EPIPE stack trace', async () => {
    const child = spawn(
      process.execPath,
      [
        builtCli,
        'generate',
        '--provider',
        'aitre',
        '--model',
        'm',
        '--base-url',
        `${helperURL}/slow`,
        '--stream',
        'hi',
      ],
      {
        env: cleanEnvironment(keyFor('aitre')),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Close our end of the pipe at the first byte, as `head -c 1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
  });

  it('--version prints the package version and exits 0', async () => {
    const run = await runBuiltCli(['--version']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`${cliPackageVersion}\n`);
  });

  it('reads the prompt from stdin with -', async () => {
    const run = await runBuiltCli(
      ['generate', '--provider', 'aitre', '--model', 'gpt-3.5-turbo-instruct', '--base-url', `${helperURL}/echo`, '-'],
      {
        environment: cleanEnvironment(keyFor('aitre')),
        input: 'Prompt from a pipe',
      },
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('echo: Prompt from a pipe\n');
  });

  it('an API error exits 1 with exactly one readable line on stderr and never the key', async () => {
    const run = await runBuiltCli(
      ['generate', '--provider', 'aitre', '--model', 'm', '--base-url', `${helperURL}/broken`, 'Hi'],
      {
        environment: cleanEnvironment(keyFor('aitre')),
      },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    const lines = stderrLines(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^textgen: \[aitre\] .*500/);
    expect(lines[0]).toMatch(/The server had an error/);
    expect(run.stderr).not.toContain(secretKey);
  });

  it('a connection error exits 1 with exactly one line on stderr', async () => {
    const run = await runBuiltCli(
      ['generate', '--provider', 'aitre', '--model', 'm', '--base-url', closedPortURL, 'Hi'],
      {
        environment: cleanEnvironment(keyFor('aitre')),
      },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    const lines = stderrLines(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^textgen: \[aitre\] Connection error/);
    expect(run.stderr).not.toContain(secretKey);
  });

  it('--timeout and --max-retries reach the client: a silent server gets 1 + retries attempts, then one line', async () => {
    silentRequests = 0;
    const run = await runBuiltCli(
      [
        'generate',
        '--provider',
        'aitre',
        '--model',
        'm',
        '--base-url',
        silentURL,
        '--timeout',
        '300',
        '--max-retries',
        '1',
        'Hi',
      ],
      {
        environment: cleanEnvironment(keyFor('aitre')),
      },
    );
    expect(run.exitCode).toBe(1);
    expect(silentRequests).toBe(2);
    const lines = stderrLines(run.stderr);
    // stderr is a pipe here: no progress notice, only the error line.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^textgen: \[aitre\] POST .* timed out after 300 ms \(attempt 2\)\./);
  });

  it('a port fetch refuses outright (9, a "bad port") fails fast after one attempt, with one line saying what to change', async () => {
    const run = await runBuiltCli(
      ['generate', '--provider', 'aitre', '--model', 'm', '--base-url', 'http://127.0.0.1:9/v1', 'Hi'],
      {
        environment: cleanEnvironment({ ...keyFor('aitre'), TEXTGEN_LOG: 'debug' }),
      },
    );
    expect(run.exitCode).toBe(2);
    const lines = stderrLines(run.stderr);
    // The client's debug log writes one line per attempt: exactly one attempt was made, no retry was waited for.
    expect(lines.filter((line) => /attempt \d+\/\d+ headers/.test(line))).toHaveLength(1);
    const errorLines = lines.filter((line) => line.startsWith('textgen: '));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^textgen: fetch refuses to connect to port 9 \(http:\/\/127\.0\.0\.1:9\)/);
    expect(errorLines[0]).toMatch(/pass its URL with --base-url or AITRE_BASE_URL\.$/);
    expect(run.stderr).not.toContain(secretKey);
  });

  it('TEXTGEN_LOG=debug adds the client log lines on stderr, with the key redacted', async () => {
    const run = await runBuiltCli(
      ['generate', '--provider', 'aitre', '--model', 'm', '--base-url', `${helperURL}/broken`, 'Hi'],
      {
        environment: cleanEnvironment({ ...keyFor('aitre'), TEXTGEN_LOG: 'debug' }),
      },
    );
    expect(run.exitCode).toBe(1);
    const lines = stderrLines(run.stderr);
    expect(lines.filter((line) => line.startsWith('textgen: '))).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(1);
    expect(run.stderr).toContain('[redacted]');
    expect(run.stderr).not.toContain(secretKey);
  });

  it('no key in the environment exits 2 with one line naming the variable once and how to set it', async () => {
    const run = await runBuiltCli([...generateArgs('worqhat'), 'Hi']);
    expect(run.exitCode).toBe(2);
    const lines = stderrLines(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^textgen: No worqhat API key: set the WORQHAT_API_KEY environment variable/);
    expect(lines[0]!.split('WORQHAT_API_KEY')).toHaveLength(2);
    expect(run.stderr).not.toMatch(/createTextgen|apiKey option/);
  });

  it('--json prints every field, null where the vendor reported nothing', async () => {
    const run = await runBuiltCli([...generateArgs('wetrocloud'), '--json', 'Hi'], {
      environment: cleanEnvironment(keyFor('wetrocloud')),
    });
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual([
      'text',
      'provider',
      'model',
      'usage',
      'finishReason',
      'requestId',
      'warnings',
      'raw',
    ]);
    expect(result.usage).toEqual({ inputTokens: null, outputTokens: null, totalTokens: expect.any(Number) as number });
    expect(result.finishReason).toEqual({ unified: 'unknown', raw: null });
    expect(result.requestId).toBeNull();

    const streamed = await runBuiltCli([...generateArgs('wetrocloud'), '--stream', '--json', 'Hi'], {
      environment: cleanEnvironment(keyFor('wetrocloud')),
    });
    const finish = JSON.parse(streamed.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(Object.keys(finish)).toEqual([
      'type',
      'text',
      'provider',
      'model',
      'usage',
      'finishReason',
      'requestId',
      'warnings',
    ]);
    expect(finish.finishReason).toEqual({ unified: 'unknown', raw: null });
    expect(finish.requestId).toBeNull();
  });

  it('the --stream --json finish line names the model the vendor reported', async () => {
    const run = await runBuiltCli(
      [
        'generate',
        '--provider',
        'aitre',
        '--model',
        'gpt-3.5-turbo-instruct',
        '--base-url',
        `${helperURL}/renamed`,
        '--stream',
        '--json',
        'Hi',
      ],
      {
        environment: cleanEnvironment(keyFor('aitre')),
      },
    );
    expect(run.exitCode).toBe(0);
    const finish = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      type: string;
      model: string;
      text: string;
      finishReason: unknown;
    };
    expect(finish).toMatchObject({
      type: 'finish',
      model: renamedModel,
      text: 'Hello there',
      finishReason: { unified: 'stop', raw: 'stop' },
    });
  });

  it('the committed bin shim runs the built CLI', async () => {
    const run = await runBuiltCli(['--help'], { entry: committedBinShim });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Usage: textgen/);
  });

  const usageErrors: { name: string; args: string[]; stderr: RegExp }[] = [
    {
      name: 'an unknown provider',
      args: ['generate', '--provider', 'openai', '--model', 'm', 'Hi'],
      stderr: /openai.*(wetrocloud|choices)/,
    },
    { name: 'a missing --model', args: ['generate', '--provider', 'aitre', 'Hi'], stderr: /--model/ },
    {
      name: 'a temperature that is not a number',
      args: ['generate', '--provider', 'aitre', '--model', 'm', '--temperature', 'hot', 'Hi'],
      stderr: /'--temperature <number>' argument 'hot' is invalid\. It must be a plain decimal number from 0 to 2/,
    },
    {
      name: 'a temperature out of range',
      args: ['generate', '--provider', 'aitre', '--model', 'm', '--temperature', '3', 'Hi'],
      stderr: /'--temperature <number>' argument '3' is invalid\. It must be a plain decimal number from 0 to 2/,
    },
    {
      name: 'a hexadecimal temperature',
      args: ['generate', '--provider', 'aitre', '--model', 'm', '--temperature', '0x1', 'Hi'],
      stderr: /'--temperature <number>' argument '0x1' is invalid/,
    },
    {
      name: 'a zero --max-output-tokens',
      args: ['generate', '--provider', 'aitre', '--model', 'm', '--max-output-tokens', '0', 'Hi'],
      stderr: /'--max-output-tokens <number>' argument '0' is invalid\. It must be a whole number of at least 1/,
    },
    {
      name: 'a fractional --max-output-tokens',
      args: ['generate', '--provider', 'aitre', '--model', 'm', '--max-output-tokens', '1.5', 'Hi'],
      stderr: /'--max-output-tokens <number>' argument '1\.5' is invalid/,
    },
    {
      name: 'a --base-url that is not a URL',
      args: ['generate', '--provider', 'aitre', '--model', 'm', '--base-url', 'not a url', 'Hi'],
      stderr: /'--base-url <url>' argument 'not a url' is invalid\. It must be an absolute http:\/\/ or https:\/\/ URL/,
    },
    {
      name: 'a --base-url without a scheme',
      args: ['generate', '--provider', 'aitre', '--model', 'm', '--base-url', 'localhost:4010', 'Hi'],
      stderr: /'--base-url <url>' argument 'localhost:4010' is invalid/,
    },
    {
      name: 'a --timeout with a unit',
      args: ['generate', '--provider', 'aitre', '--model', 'm', '--timeout', '30s', 'Hi'],
      stderr:
        /'--timeout <ms>' argument '30s' is invalid\. It must be a whole number of milliseconds of at least 1, e\.g\. 30000 for 30 s\. \(see textgen generate --help\)\.$/,
    },
    {
      name: 'a negative --max-retries',
      args: ['generate', '--provider', 'aitre', '--model', 'm', '--max-retries', '-1', 'Hi'],
      stderr: /'--max-retries <number>' argument '-1' is invalid\. It must be a whole number of retries, 0 or more/,
    },
    {
      name: 'a --base-url with a port out of range',
      args: ['generate', '--provider', 'aitre', '--model', 'm', '--base-url', 'http://127.0.0.1:99999', 'Hi'],
      stderr: /'--base-url <url>' argument 'http:\/\/127\.0\.0\.1:99999' is invalid/,
    },
    {
      name: 'an empty --model',
      args: ['generate', '--provider', 'aitre', '--model', ' ', 'Hi'],
      stderr: /--model is empty/,
    },
    {
      name: 'no prompt',
      args: ['generate', '--provider', 'aitre', '--model', 'm'],
      stderr: /Give a prompt argument, or -/,
    },
    {
      name: 'an unknown flag',
      args: ['generate', '--provider', 'aitre', '--model', 'm', '--colour', 'Hi'],
      stderr: /unknown option '--colour'/,
    },
    { name: 'an unknown command', args: ['summon'], stderr: /unknown command 'summon'/ },
  ];
  for (const { name, args, stderr } of usageErrors) {
    it(`a usage error exits 2: ${name}`, async () => {
      const run = await runBuiltCli(args, { environment: cleanEnvironment(keyFor('aitre')) });
      expect(run.exitCode).toBe(2);
      const lines = stderrLines(run.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^textgen: /);
      expect(lines[0]).not.toMatch(/^textgen: textgen:/);
      expect(lines[0]).toMatch(stderr);
      expect(lines[0]).toMatch(/\.$/);
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
    const child = spawn(process.execPath, [builtCli, 'mock', '--port', '0'], {
      env: cleanEnvironment(),
      stdio: 'pipe',
    });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const aitreURL = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const match = /aitre\s+(http:\/\/127\.0\.0\.1:\d+\/aitre\/v1)/.exec(stdout);
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

  it('on a busy port, exits 1 with one line naming the port and how to pick another', async () => {
    const occupier = createServer();
    await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
    const busyPort = (occupier.address() as AddressInfo).port;
    try {
      const run = await runBuiltCli(['mock', '--port', String(busyPort)]);
      expect(run.exitCode).toBe(1);
      const lines = stderrLines(run.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^textgen: Port ${busyPort} is already in use`));
      expect(lines[0]).toContain('--port 0 for any free port.');
      expect(run.stderr).not.toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => occupier.close(resolve));
    }
  });
});
