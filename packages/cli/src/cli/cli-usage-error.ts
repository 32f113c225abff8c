/** Bad flags or bad input: the CLI exits with code 2 and says what to change. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
