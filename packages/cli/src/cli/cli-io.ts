/** Where the CLI reads and writes; the process streams in `bin/textgen.ts`. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** `isTTY` and `columns` (set by Node on a terminal) decide whether, and how wide, the progress notice is drawn. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream;
  environment: NodeJS.ProcessEnv;
}
