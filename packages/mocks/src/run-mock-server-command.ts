import { parseArgs } from 'node:util';
import { vendorRegistry } from './generated/vendor-registry';
import { startMockHttpServer } from './start-mock-http-server';
import { isMockVendor, mockVendorIds, type MockVendor } from './vendor-specs';

/** The port the mock server listens on unless `--port` says otherwise. */
export const defaultMockServerPort = 4010;

/** Bad flags: the caller exits with code 2 (the bin) or its own usage-error code (`textgen mock`). */
export class MockServerUsageError extends Error {
  override readonly name = 'MockServerUsageError';
}

export interface MockServerCommandOptions {
  /** The command as users type it, for the usage text and the lines it prints. Default `textgen-mock`. */
  commandName?: string;
  /** Where the listening address, the base URLs and one line per request go. Default `process.stdout`. */
  stdout?: { write(text: string): unknown };
  /** Stops the server as SIGINT and SIGTERM do, for a caller that runs the command inside a process it keeps. */
  signal?: AbortSignal;
}

function usageOf(commandName: string): string {
  return `Usage: ${commandName} [options]

Serves the textgen vendor mocks (built from specs/*.yaml) over HTTP until Ctrl+C or SIGTERM.

Options:
  --port <n>      Port to listen on (default ${defaultMockServerPort}; 0 picks a free port)
  --host <host>   Interface to bind (default 127.0.0.1)
  --vendor <id>   Serve one vendor, the root standing for its host: ${mockVendorIds.join(', ')}
                  (default: every vendor, /<vendor> standing for each vendor's host)
  --delay <ms>    Pause between stream chunks (default 5)
  -h, --help      Show this help

Pick an example with "Prefer: example=<name>" or a status with "Prefer: code=<status>".
`;
}

function parseWholeNumber(options: {
  name: string;
  value: string | undefined;
  fallback: number;
  max?: number;
}): number {
  const { name, value, fallback, max } = options;
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || (max !== undefined && parsed > max)) {
    const range = max === undefined ? 'a whole number of 0 or more' : `a whole number from 0 to ${max}`;
    throw new MockServerUsageError(`--${name} must be ${range}, got "${value}".`);
  }
  return parsed;
}

interface MockServerFlags {
  help: boolean;
  port: number;
  host: string;
  vendor: MockVendor | undefined;
  delayMs: number;
}

/** The flags, checked; a bad one is a MockServerUsageError that names it and says what it takes. */
function parseFlags(argv: readonly string[], commandName: string): MockServerFlags {
  // `pnpm mock -- --port 0` forwards the `--` itself, and parseArgs would read everything after it as positionals.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let values: { port?: string; host?: string; vendor?: string; delay?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        vendor: { type: 'string' },
        delay: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new MockServerUsageError(`${message.replace(/\.$/, '')} (see ${commandName} --help).`);
  }
  const { vendor } = values;
  if (vendor !== undefined && !isMockVendor(vendor)) {
    throw new MockServerUsageError(`Unknown --vendor "${vendor}"; use one of ${mockVendorIds.join(', ')}.`);
  }
  return {
    help: values.help === true,
    port: parseWholeNumber({ name: 'port', value: values.port, fallback: defaultMockServerPort, max: 65_535 }),
    host: values.host ?? '127.0.0.1',
    vendor,
    delayMs: parseWholeNumber({ name: 'delay', value: values.delay, fallback: 5 }),
  };
}

/** Node's `listen EADDRINUSE: address already in use 127.0.0.1:4010`, said as what to do about it. */
function describeListenError(error: unknown, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    const neighbour = port === 65_535 ? port - 1 : port + 1;
    return new Error(
      `Port ${port} is already in use (another textgen mock, or another server, is listening on it). ` +
        `Stop that server, or pick another port with --port, e.g. --port ${neighbour}, or --port 0 for any free port.`,
    );
  }
  if (code === 'EACCES') {
    return new Error(
      `Port ${port} needs privileges this user does not have. ` +
        'Pick a port above 1023 with --port, or --port 0 for any free port.',
    );
  }
  return error;
}

/** Resolves with the name of the signal (or `abort`) that asked the server to stop. */
function waitForStop(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    const stop = (reason: string) => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
      signal?.removeEventListener('abort', onAbort);
      resolve(reason);
    };
    const onInterrupt = () => stop('SIGINT');
    const onTerminate = () => stop('SIGTERM');
    const onAbort = () => stop('abort');
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onTerminate);
    if (signal?.aborted === true) stop('abort');
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The mock server's command line, shared by the `textgen-mock` bin and `textgen mock`: reads the flags, serves the
 * mocks until SIGINT, SIGTERM or `signal`, then closes the server and resolves. Bad flags reject with a
 * MockServerUsageError; a port that cannot be used rejects with an Error that says which port and what to do.
 */
export async function runMockServerCommand(
  argv: readonly string[],
  options: MockServerCommandOptions = {},
): Promise<void> {
  const commandName = options.commandName ?? 'textgen-mock';
  const stdout = options.stdout ?? process.stdout;
  const flags = parseFlags(argv, commandName);
  if (flags.help) {
    stdout.write(usageOf(commandName));
    return;
  }
  const server = await startMockHttpServer({
    port: flags.port,
    host: flags.host,
    vendor: flags.vendor,
    streamChunkDelayMs: flags.delayMs,
    // The request log: method, path without the query, status and time; never a header, so never a key.
    log: (line) => stdout.write(`${line}\n`),
  }).catch((error: unknown) => {
    throw describeListenError(error, flags.port);
  });
  const served = Object.entries(server.baseUrls);
  // One `  <vendor> <base URL>` line each: scripts read the base URLs from these lines (scripts/release-check).
  const lines = [`${commandName} listening on ${server.url}`];
  for (const [vendor, baseUrl] of served) lines.push(`  ${vendor.padEnd(10)} ${baseUrl}`);
  lines.push('The clients read their base URL from the environment:');
  for (const [vendor, baseUrl] of served) {
    const prefix = vendorRegistry.find((entry) => entry.id === vendor)?.environmentPrefix;
    if (prefix !== undefined) lines.push(`  ${prefix}_BASE_URL=${baseUrl}`);
  }
  lines.push('Press Ctrl+C to stop.');
  stdout.write(`${lines.join('\n')}\n`);

  const reason = await waitForStop(options.signal);
  stdout.write(`${commandName}: ${reason}, shutting down\n`);
  await server.close();
  stdout.write(`${commandName} stopped.\n`);
}
