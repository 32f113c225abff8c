import { isMockVendor, mockVendorIds, startMockHttpServer, type MockVendor } from '@textgen/mocks';
import { CliUsageError } from './cli-usage-error';
import type { CliIO } from './cli-io';

export interface MockCommandOptions {
  port: number;
  vendor: string | undefined;
}

/** `textgen mock`: serves the spec-built mocks over HTTP until SIGINT or SIGTERM. */
export async function runMockCommand(options: MockCommandOptions, io: CliIO): Promise<void> {
  let vendor: MockVendor | undefined;
  if (options.vendor !== undefined) {
    if (!isMockVendor(options.vendor)) throw new CliUsageError(`Unknown --vendor "${options.vendor}"; use one of ${mockVendorIds.join(', ')}.`);
    vendor = options.vendor;
  }
  const server = await startMockHttpServer({ port: options.port, vendor });
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
  io.stdout.write('textgen mock stopped\n');
}
