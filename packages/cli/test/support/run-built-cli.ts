import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const builtCli = fileURLToPath(new URL('../../dist/bin/textgen.mjs', import.meta.url));
/** What package.json "bin" points at: a committed file that imports the built CLI. */
export const committedBinShim = fileURLToPath(new URL('../../bin/textgen.mjs', import.meta.url));

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without any vendor key or base URL of the developer's shell, and without colours. */
export function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/_(API_KEY|BASE_URL)$/.test(name)),
  );
  return { ...environment, NO_COLOR: '1', ...extra };
}

/** Runs `node dist/bin/textgen.mjs <args>` (or another entry) as a child process and collects its output. */
export function runBuiltCli(
  args: string[],
  options: { environment?: NodeJS.ProcessEnv; input?: string; entry?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.entry ?? builtCli, ...args], {
      env: options.environment ?? cleanEnvironment(),
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
