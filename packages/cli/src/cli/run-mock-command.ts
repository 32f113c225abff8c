import { isMockVendor, mockVendorIds, startMockHttpServer, type MockVendor } from '@textgen/mocks';
import { CliUsageError } from './cli-usage-error';
import type { CliIO } from './cli-io';

export interface MockCommandOptions {
  port: number;
  vendor: string | undefined;
}

/** Node's `listen EADDRINUSE: address already in use 127.0.0.1:4010`, said as what to do about it. */
function describeListenError(options: { error: unknown; port: number }): unknown {
  const { error, port } = options;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new Error(
      `Port ${port} is already in use (another textgen mock, or another server, is listening on it). ` +
        `Stop that server, or pick another port with --port, e.g. --port ${port === 65_535 ? port - 1 : port + 1}, or --port 0 for any free port.`,
    );
  }
  if (code === 'EACCES') {
    return new Error(`Port ${port} needs privileges this user does not have. Pick a port above 1023 with --port, or --port 0 for any free port.`);
  }
  return error;
}

/** `textgen mock`: serves the spec-built mocks over HTTP until SIGINT or SIGTERM. */
export async function runMockCommand(options: MockCommandOptions, io: CliIO): Promise<void> {
  let vendor: MockVendor | undefined;
  if (options.vendor !== undefined) {
    if (!isMockVendor(options.vendor)) throw new CliUsageError(`Unknown --vendor "${options.vendor}"; use one of ${mockVendorIds.join(', ')}.`);
    vendor = options.vendor;
  }
  const server = await startMockHttpServer({ port: options.port, vendor }).catch((error: unknown) => {
    throw describeListenError({ error, port: options.port });
  });
  io.stdout.write(`textgen mock listening on ${server.url}\n`);
  for (const [name, baseURL] of Object.entries(server.baseUrls)) {
    io.stdout.write(`  ${name.padEnd(11)} ${baseURL}   (${name.toUpperCase()}_BASE_URL=${baseURL})\n`);
  }
  io.stdout.write('Press Ctrl+C to stop.\n');
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  io.stdout.write('textgen mock stopped.\n');
}
