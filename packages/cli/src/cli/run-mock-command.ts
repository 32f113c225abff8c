import { MockServerUsageError, runMockServerCommand } from '@textgen/mocks';
import { CliUsageError } from './cli-usage-error';
import type { CliIO } from './cli-io';

/**
 * `textgen mock`: the same command as the `textgen-mock` bin (@textgen/mocks `runMockServerCommand`), with the same
 * flags, so the two cannot drift. Its flags reach it unparsed; a bad one becomes the CLI's usage error (exit code 2).
 */
export async function runMockCommand(argv: readonly string[], io: CliIO): Promise<void> {
  await runMockServerCommand(argv, { commandName: 'textgen mock', stdout: io.stdout }).catch((error: unknown) => {
    throw error instanceof MockServerUsageError ? new CliUsageError(error.message) : error;
  });
}
