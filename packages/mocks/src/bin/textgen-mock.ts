#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startMockHttpServer } from '../start-mock-http-server';
import { isMockVendor, mockVendorIds, type MockVendor } from '../vendor-specs';

const usage = `Usage: textgen-mock [options]

Serves the textgen vendor mocks (built from specs/*.yaml) over HTTP.

Options:
  --port <n>      Port to listen on (default 4010; 0 picks a free port)
  --host <host>   Interface to bind (default 127.0.0.1)
  --vendor <id>   Serve one vendor, the root standing for its host: ${mockVendorIds.join(', ')}
                  (default: every vendor, /<vendor> standing for its host, e.g. /aitre/v1/completions)
  --delay <ms>    Pause between stream chunks (default 5)
  --help          Show this help

Pick an example with "Prefer: example=<name>" or a status with "Prefer: code=<status>".`;

function fail(message: string): never {
  console.error(`textgen-mock: ${message}\n\n${usage}`);
  process.exit(2);
}

function parseNumberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) fail(`--${name} must be a whole number of 0 or more, got "${value}".`);
  return parsed;
}

async function main(): Promise<void> {
  // `pnpm mock -- --port 0` forwards the `--` itself, and parseArgs would read everything after it as positionals.
  const args = process.argv.slice(2);
  if (args[0] === '--') args.shift();
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
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) {
    console.log(usage);
    return;
  }
  let vendor: MockVendor | undefined;
  if (values.vendor !== undefined) {
    if (!isMockVendor(values.vendor)) fail(`unknown vendor "${values.vendor}".`);
    vendor = values.vendor;
  }

  const server = await startMockHttpServer({
    port: parseNumberOption('port', values.port, 4010),
    host: values.host ?? '127.0.0.1',
    vendor,
    streamChunkDelayMs: parseNumberOption('delay', values.delay, 5),
    log: (line) => console.log(line),
  });
  console.log(`textgen-mock listening on ${server.url}`);
  for (const [name, baseUrl] of Object.entries(server.baseUrls)) console.log(`  ${name.padEnd(10)} ${baseUrl}`);

  let closing = false;
  const shutDown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.log(`textgen-mock: ${signal}, shutting down`);
    server.close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        console.error(`textgen-mock: close failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', shutDown);
  process.once('SIGTERM', shutDown);
}

main().catch((error: unknown) => {
  // A busy port is the usual first-run failure; say which port and how to pick another instead of `listen EADDRINUSE`.
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') {
    const port = (error as { port?: unknown }).port;
    console.error(`textgen-mock: port ${String(port)} is already in use. Stop the server on it, or pick another port with --port <n> (--port 0 picks a free one).`);
  } else {
    console.error(`textgen-mock: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});

// Marks this file as an ES module: without an export, rolldown treats it as CommonJS in this "type": "commonjs"
// package and wraps the whole module graph in lazy-init shims.
export {};
