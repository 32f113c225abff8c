/**
 * Starts the built `textgen-mock` as its own process on a free loopback port (`--port 0`) and reads its URL from the
 * first line it prints, `textgen-mock listening on http://127.0.0.1:<port>`. A separate process, so that the runtimes
 * under test talk to it over real sockets exactly as to a vendor.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repositoryRoot } from './bundle-smoke-program';

export interface MockProcess {
  url: string;
  stop(): Promise<void>;
}

const listeningLine = /^textgen-mock listening on (http:\/\/\S+)$/;

export async function startMockProcess(): Promise<MockProcess> {
  const bin = join(repositoryRoot, 'packages', 'mocks', 'dist', 'bin', 'textgen-mock.mjs');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build first (pnpm test:runtimes does).`);
  const child = spawn(process.execPath, [bin, '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`textgen-mock printed no URL within 20 s. ${stderr.trim()}`)),
      20_000,
    );
    // Every later line (one per request) is read and dropped, so the pipe never fills and blocks the mock.
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = listeningLine.exec(line);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`textgen-mock exited with ${String(code)} before listening. ${stderr.trim()}`));
    });
  });

  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
