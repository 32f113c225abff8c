import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatErrorLine } from '../src/cli/format-error-line';
import { exitCodes, runCli, type CliIO } from '../src/index';

function collect(options: { isTTY?: boolean; columns?: number } = {}): {
  stream: Writable & { isTTY?: boolean };
  text: () => string;
} {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  // Node sets isTTY on a terminal's stream only; a pipe has none.
  const terminal = {
    ...(options.isTTY === undefined ? {} : { isTTY: options.isTTY }),
    ...(options.columns === undefined ? {} : { columns: options.columns }),
  };
  return { stream: Object.assign(stream, terminal), text: () => text };
}

async function run(
  argv: string[],
  environment: NodeJS.ProcessEnv = {},
  options: { stderrIsTTY?: boolean; stderrColumns?: number } = {},
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const stdout = collect();
  const stderr = collect({ isTTY: options.stderrIsTTY, columns: options.stderrColumns });
  const io: CliIO = { stdout: stdout.stream, stderr: stderr.stream, stdin: Readable.from([]), environment };
  const exitCode = await runCli(argv, io);
  return { exitCode, stdout: stdout.text(), stderr: stderr.text() };
}

describe('formatErrorLine', () => {
  it('ends every line in a full stop, adding one only where the message has none', () => {
    expect(formatErrorLine("unknown option '--colour' (see textgen generate --help)")).toBe(
      "textgen: unknown option '--colour' (see textgen generate --help).\n",
    );
    expect(formatErrorLine('Port 4010 is busy.')).toBe('textgen: Port 4010 is busy.\n');
  });

  it('makes one textgen: line, without doubling the prefix of facade messages', () => {
    expect(formatErrorLine('textgen: temperature is 3; it must be a number from 0 to 2.')).toBe(
      'textgen: temperature is 3; it must be a number from 0 to 2.\n',
    );
    expect(formatErrorLine('[aitre] 500 Internal Server Error\n  The server had an error.\n')).toBe(
      'textgen: [aitre] 500 Internal Server Error The server had an error.\n',
    );
  });
});

describe('runCli in-process', () => {
  const aitre = ['generate', '--provider', 'aitre', '--model', 'gpt-3.5-turbo-instruct'];

  it('the key is read from the io environment; without it the message names the variable once', async () => {
    const result = await run([...aitre, 'Hi'], {});
    expect(result.exitCode).toBe(exitCodes.usageError);
    expect(result.stderr).toBe(
      'textgen: No aitre API key: set the AITRE_API_KEY environment variable to your key and run the command again.\n',
    );
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
    expect(result.stderr).toBe(
      'textgen: AITRE_BASE_URL is "aitre.local"; it must be an absolute http:// or https:// URL.\n',
    );
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
    ['--timeout', '0'],
    ['--timeout', '30s'],
    ['--timeout', '1.5'],
    ['--timeout', '-5'],
    ['--max-retries', '-1'],
    ['--max-retries', 'two'],
    ['--max-retries', '1.5'],
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
    const result = await run(
      [...aitre, '--temperature', '2', '--max-output-tokens', '1', '--base-url', 'http://127.0.0.1:9/v1', 'Hi'],
      {},
    );
    expect(result.stderr).toMatch(/No aitre API key/);
  });
});

describe('runCli waiting on a server that accepts and never answers', () => {
  const aitre = ['generate', '--provider', 'aitre', '--model', 'gpt-3.5-turbo-instruct'];
  let silent: Server;
  let silentURL: string;
  let requestsReceived = 0;

  beforeAll(async () => {
    silent = createServer(() => {
      requestsReceived += 1;
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentURL = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
  });

  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  const waitForRequests = async (count: number) => {
    await vi.waitFor(() => expect(requestsReceived).toBeGreaterThanOrEqual(count), { timeout: 5_000 });
  };

  it('gives up after the CLI default of 60 s per attempt, not the library default of 10 minutes', async () => {
    // Only the timers are faked: the request still goes over loopback to the silent server.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      requestsReceived = 0;
      const pending = run([...aitre, '--base-url', silentURL, '--max-retries', '0', 'Hi'], { AITRE_API_KEY: 'k' });
      await waitForRequests(1);
      let settled = false;
      void pending.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(59_000);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1_000);
      const result = await pending;
      expect(result.exitCode).toBe(exitCodes.apiError);
      expect(result.stderr).toMatch(/timed out after 60000 ms \(attempt 1\)/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('on a terminal, a status line says the call is waiting and retrying, then gives way to the one error line', async () => {
    requestsReceived = 0;
    const result = await run(
      [...aitre, '--base-url', silentURL, '--timeout', '1500', '--max-retries', '1', 'Hi'],
      { AITRE_API_KEY: 'k' },
      {
        stderrIsTTY: true,
        // A terminal that reports no size (as under `script`): the notice assumes 80 columns instead of cutting it
        // short.
        stderrColumns: 0,
      },
    );
    expect(requestsReceived).toBe(2);
    expect(result.exitCode).toBe(exitCodes.apiError);
    // Each redraw starts with a carriage return and an erase-line sequence, so the notice stays on one terminal line.
    const redraws = result.stderr.split('\r\u001b[2K');
    expect(redraws.some((text) => /^textgen: waiting for aitre… 1 s \(attempt 1 of 2\)$/.test(text))).toBe(true);
    expect(
      redraws.some((text) => /^textgen: waiting for aitre… \d+ s \(attempt 2 of 2; attempt 1 timed out\)$/.test(text)),
    ).toBe(true);
    // The last thing written is the error line, on a cleared line, and it is the only full line.
    expect(redraws.at(-1)).toMatch(/^textgen: \[aitre\] .*timed out after 1500 ms \(attempt 2\)\..*\n$/);
    expect(result.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
  });

  it('piped (not a terminal), stderr gets only the error line, no status line', async () => {
    requestsReceived = 0;
    const result = await run(
      [...aitre, '--base-url', silentURL, '--timeout', '1500', '--max-retries', '0', 'Hi'],
      { AITRE_API_KEY: 'k' },
      { stderrIsTTY: false },
    );
    expect(requestsReceived).toBe(1);
    expect(result.exitCode).toBe(exitCodes.apiError);
    expect(result.stderr).not.toContain('waiting for');
    expect(result.stderr).not.toContain('\r');
    expect(result.stderr).toMatch(/^textgen: \[aitre\] .*timed out after 1500 ms \(attempt 1\)\.[^\n]*\n$/);
  });
});
