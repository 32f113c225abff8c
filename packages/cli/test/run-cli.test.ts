import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatErrorLine } from '../src/cli/format-error-line';
import { exitCodes, runCli, type CliIO } from '../src/index';

function collect(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { stream, text: () => text };
}

async function run(argv: string[], environment: NodeJS.ProcessEnv = {}): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const stdout = collect();
  const stderr = collect();
  const io: CliIO = { stdout: stdout.stream, stderr: stderr.stream, stdin: Readable.from([]), environment };
  const exitCode = await runCli(argv, io);
  return { exitCode, stdout: stdout.text(), stderr: stderr.text() };
}

describe('formatErrorLine', () => {
  it('makes one textgen: line, without doubling the prefix of facade messages', () => {
    expect(formatErrorLine('textgen: temperature is 3; it must be a number from 0 to 2.')).toBe('textgen: temperature is 3; it must be a number from 0 to 2.\n');
    expect(formatErrorLine('[aitre] 500 Internal Server Error\n  The server had an error.\n')).toBe('textgen: [aitre] 500 Internal Server Error The server had an error.\n');
  });
});

describe('runCli in-process', () => {
  const aitre = ['generate', '--provider', 'aitre', '--model', 'gpt-3.5-turbo-instruct'];

  it('the key is read from the io environment; without it the message names the variable once', async () => {
    const result = await run([...aitre, 'Hi'], {});
    expect(result.exitCode).toBe(exitCodes.usageError);
    expect(result.stderr).toBe('textgen: No aitre API key: set the AITRE_API_KEY environment variable to your key and run the command again.\n');
  });

  it('AITRE without --base-url or AITRE_BASE_URL is one usage-error line naming both, and nothing is sent', async () => {
    let requests = 0;
    const originalFetch = globalThis.fetch;
    globalThis.fetch = (...parameters) => {
      requests += 1;
      return originalFetch(...parameters);
    };
    try {
      const result = await run([...aitre, 'Hi'], { AITRE_API_KEY: 'k' });
      expect(result.exitCode).toBe(exitCodes.usageError);
      expect(result.stderr.split('\n')).toEqual([expect.stringMatching(/^textgen: .*baseURL.*AITRE_BASE_URL/), '']);
      expect(result.stdout).toBe('');
    } finally {
      globalThis.fetch = originalFetch;
    }
    expect(requests).toBe(0);
  });

  it('an AITRE_BASE_URL that is not a URL is a usage error naming the variable', async () => {
    const result = await run([...aitre, 'Hi'], { AITRE_API_KEY: 'k', AITRE_BASE_URL: 'aitre.local' });
    expect(result.exitCode).toBe(exitCodes.usageError);
    expect(result.stderr).toBe('textgen: AITRE_BASE_URL is "aitre.local"; it must be an absolute http:// or https:// URL.\n');
  });

  it('a TEXTGEN_LOG that is not a level is a usage error', async () => {
    const result = await run([...aitre, 'Hi'], { AITRE_API_KEY: 'k', TEXTGEN_LOG: 'loud' });
    expect(result.exitCode).toBe(exitCodes.usageError);
    expect(result.stderr).toMatch(/^textgen: TEXTGEN_LOG is "loud"; set it to one of off, error, warn, info, debug/);
  });

  for (const [flag, value] of [
    ['--temperature', '1e0'],
    ['--temperature', 'Infinity'],
    ['--temperature', '2.01'],
    ['--max-output-tokens', '-3'],
    ['--max-output-tokens', '0x10'],
    ['--base-url', 'ftp://example.com'],
  ] as const) {
    it(`${flag} ${value} is refused, naming the flag, before any key is looked up`, async () => {
      const result = await run([...aitre, flag, value, 'Hi'], {});
      expect(result.exitCode).toBe(exitCodes.usageError);
      expect(result.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
      expect(result.stderr).toContain(`option '${flag} <`);
      expect(result.stdout).toBe('');
    });
  }

  it('accepts the edges of the ranges (the call then fails only for the missing key)', async () => {
    const result = await run([...aitre, '--temperature', '2', '--max-output-tokens', '1', '--base-url', 'http://127.0.0.1:9/v1', 'Hi'], {});
    expect(result.stderr).toMatch(/No aitre API key/);
  });
});
