/** Where the CLI reads and writes; the process streams in `bin/textgen.ts`. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  environment: NodeJS.ProcessEnv;
}
