import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  getDefaultBaseUrl,
  MockServerUsageError,
  mockVendorIds,
  runMockServerCommand,
  vendorRegistry,
} from '@textgen/mocks';

/** Collects what the command prints, and resolves `listening` with the origin from its first line. */
function captureOutput(): { text: () => string; listening: Promise<string>; stdout: { write(text: string): boolean } } {
  let output = '';
  let announce: (origin: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => (announce = resolve));
  return {
    text: () => output,
    listening,
    stdout: {
      write(text: string) {
        output += text;
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match !== null) announce(match[1]!);
        return true;
      },
    },
  };
}

describe('runMockServerCommand (the textgen-mock bin and textgen mock)', () => {
  it('--help prints every flag under the command name the caller gives, and serves nothing', async () => {
    const output = captureOutput();
    await runMockServerCommand(['--help'], { commandName: 'textgen mock', stdout: output.stdout });
    expect(output.text()).toMatch(/^Usage: textgen mock \[options\]/);
    for (const flag of ['--port <n>', '--host <host>', '--vendor <id>', '--delay <ms>', '--help'])
      expect(output.text()).toContain(flag);
    for (const vendor of mockVendorIds) expect(output.text()).toContain(vendor);
  });

  it.each([
    [['--vendor', 'nobody'], /^Unknown --vendor "nobody"; use one of /],
    [['--port', '65536'], /^--port must be a whole number from 0 to 65535, got "65536"\.$/],
    [['--port', 'http'], /^--port must be a whole number from 0 to 65535, got "http"\.$/],
    [['--delay=-1'], /^--delay must be a whole number of 0 or more, got "-1"\.$/],
    [['--delay', '1.5'], /^--delay must be a whole number of 0 or more, got "1\.5"\.$/],
    [['--colour'], /'--colour'.*\(see textgen-mock --help\)\.$/],
  ])('%j is a usage error naming the flag', async (argv, message) => {
    const error: unknown = await runMockServerCommand(argv, { stdout: captureOutput().stdout }).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(MockServerUsageError);
    expect((error as Error).message).toMatch(message);
  });

  it('serves one vendor at the root, prints its base URL and environment variable, logs requests, and stops on abort', async () => {
    const output = captureOutput();
    const stop = new AbortController();
    const running = runMockServerCommand(['--', '--port', '0', '--vendor', 'aitre', '--delay', '0'], {
      stdout: output.stdout,
      signal: stop.signal,
    });
    const origin = await output.listening;
    const entry = vendorRegistry.find((candidate) => candidate.id === 'aitre')!;
    const serverPath = new URL(getDefaultBaseUrl(entry.spec)).pathname.replace(/\/$/, '');
    const response = await fetch(`${origin}${serverPath}/completions?api-key=never-logged`, {
      method: 'POST',
      headers: { authorization: 'Bearer command-secret', 'content-type': 'application/json' },
      body: JSON.stringify({ model: entry.defaultModel, prompt: 'Say this is a test' }),
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    stop.abort();
    await running;

    const lines = output.text().split('\n');
    expect(lines[0]).toBe(`textgen-mock listening on ${origin}`);
    expect(lines).toContain(`  ${'aitre'.padEnd(10)} ${origin}${serverPath}`);
    expect(lines).toContain(`  ${entry.environmentPrefix}_BASE_URL=${origin}${serverPath}`);
    expect(lines.some((line) => new RegExp(`^POST ${serverPath}/completions 200 \\d+ms$`).test(line))).toBe(true);
    expect(lines.slice(-3)).toEqual(['textgen-mock: abort, shutting down', 'textgen-mock stopped.', '']);
    expect(output.text()).not.toContain('command-secret');
    expect(output.text()).not.toContain('never-logged');
  });

  it('on a busy port, rejects with an error naming the port and how to pick another', async () => {
    const occupier = createServer();
    await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
    const busyPort = (occupier.address() as AddressInfo).port;
    try {
      const error: unknown = await runMockServerCommand(['--port', String(busyPort)], {
        stdout: captureOutput().stdout,
      }).then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(MockServerUsageError);
      expect((error as Error).message).toMatch(
        new RegExp(`^Port ${busyPort} is already in use .*--port 0 for any free port\\.$`),
      );
      expect((error as Error).message).not.toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => occupier.close(resolve));
    }
  });
});
