import { writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface LocalRegistry {
  /** With a trailing slash, as npm writes registry URLs: http://127.0.0.1:<port>/ */
  url: string;
  /** A token of the throw-away user, good for publishing to this registry only. */
  token: string;
  close: () => Promise<void>;
}

/**
 * Starts Verdaccio in a child process on an ephemeral loopback port, with its storage and password file in `folder` (a
 * temporary folder the caller removes). `@textgen/*` is served only from what gets published here, never from the
 * uplink, so an install cannot pass on a package that a release would not have published. Everything else is proxied
 * to `upstreamRegistry`, so third-party dependencies (openapi-fetch, msw, ...) resolve as they would for a user.
 */
export async function startLocalRegistry(options: {
  folder: string;
  upstreamRegistry: string;
}): Promise<LocalRegistry> {
  const configPath = join(options.folder, 'verdaccio.yaml');
  // JSON is YAML, so the configuration is written without a YAML library.
  const configuration = {
    storage: join(options.folder, 'storage'),
    auth: { htpasswd: { file: join(options.folder, 'htpasswd'), max_users: 1 } },
    uplinks: { upstream: { url: options.upstreamRegistry, timeout: '60s' } },
    packages: {
      '@textgen/*': { access: '$all', publish: '$authenticated' },
      '**': { access: '$all', publish: '$authenticated', proxy: 'upstream' },
    },
    server: { keepAliveTimeout: 5 },
    web: { enable: false },
    log: { type: 'stdout', format: 'pretty', level: 'error' },
  };
  writeFileSync(configPath, JSON.stringify(configuration, null, 2));

  // `node --import tsx` runs the TypeScript runner the way scripts/check-generated.ts runs generate.ts.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'serve-local-registry.ts'), configPath],
    {
      // `--import tsx` is resolved from the working directory: the repository's node_modules.
      cwd: import.meta.dirname,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`Verdaccio did not start in 60 s:\n${output}`)), 60_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Verdaccio exited (code ${String(code)}) before it listened:\n${output}`));
      });
      child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        output += text;
        const match = /listening on (\d+)/.exec(output);
        if (match !== null) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
    });
  } catch (error) {
    await close();
    throw error;
  }
  const url = `http://127.0.0.1:${port}/`;

  try {
    const token = await createThrowAwayUser(url);
    return { url, token, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `npm adduser` against a registry is this one request; Verdaccio answers with a token for the new user. */
async function createThrowAwayUser(registryUrl: string): Promise<string> {
  const name = 'release-check';
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, registryUrl), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: `throw-away-${Date.now()}`, type: 'user', roles: [] }),
  });
  const body = (await response.json()) as { token?: unknown };
  if (!response.ok || typeof body.token !== 'string') {
    throw new Error(`The local registry refused to create the publishing user (HTTP ${response.status}).`);
  }
  return body.token;
}
