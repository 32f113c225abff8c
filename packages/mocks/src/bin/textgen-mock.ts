#!/usr/bin/env node
import { MockServerUsageError, runMockServerCommand } from '../run-mock-server-command';

// The `textgen-mock` bin: the command itself is run-mock-server-command.ts, which `textgen mock` runs too. This file
// only turns its outcome into an exit code and one `textgen-mock: ...` line on stderr.
runMockServerCommand(process.argv.slice(2)).then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    console.error(`textgen-mock: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof MockServerUsageError ? 2 : 1;
  },
);

// Marks this file as an ES module: without an export, rolldown treats it as CommonJS in this "type": "commonjs"
// package and wraps the whole module graph in lazy-init shims.
export {};
