#!/usr/bin/env node
import { formatErrorLine } from '../cli/format-error-line';
import { runCli } from '../cli/run-cli';

// `textgen generate ... | head` closes stdout early: that is the reader's choice, not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  environment: process.env,
}).then(
  (exitCode) => {
    // exitCode, not exit(): stdout may still be flushing to a pipe.
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(formatErrorLine(error instanceof Error ? error.message : String(error)));
    process.exitCode = 1;
  },
);

// Marks this file as an ES module: without an export, rolldown treats it as CommonJS in this "type": "commonjs"
// package and wraps the whole module graph in lazy-init shims.
export {};
