import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CannedServerMessage, CannedServerStats } from './canned-response-server';

export interface CannedResponseServer {
  /** e.g. http://127.0.0.1:43210 */
  origin: string;
  /** Requests served and CPU used by the server process so far. */
  stats(): Promise<CannedServerStats>;
  close(): Promise<void>;
}

/**
 * Forks canned-response-server.ts with this process's node flags (the tsx loader) and waits until it listens on an
 * ephemeral loopback port.
 */
export async function startCannedResponseServer(options: { streamChunks: number }): Promise<CannedResponseServer> {
  const child = fork(fileURLToPath(new URL('./canned-response-server.ts', import.meta.url)), [], {
    env: { ...process.env, TEXTGEN_BENCH_STREAM_CHUNKS: String(options.streamChunks) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const onMessage = (message: CannedServerMessage) => {
      if (message.type !== 'listening') return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve(message.port);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`The canned-response server exited (code ${code}) before listening.`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    stats: () =>
      new Promise<CannedServerStats>((resolve, reject) => {
        const onMessage = (message: CannedServerMessage) => {
          if (message.type !== 'stats') return;
          child.off('message', onMessage);
          resolve(message);
        };
        child.on('message', onMessage);
        child.send({ type: 'stats' }, (error) => {
          if (error) {
            child.off('message', onMessage);
            reject(error);
          }
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
