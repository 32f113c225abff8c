import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runServer } from 'verdaccio';

export interface LocalRegistry {
  /** With a trailing slash, as npm writes registry URLs: http://127.0.0.1:<port>/ */
  url: string;
  /** A token of the throw-away user, good for publishing to this registry only. */
  token: string;
  close: () => Promise<void>;
}

/**
 * Starts Verdaccio in this process on an ephemeral loopback port, with its storage and password file in `folder` (a
 * temporary folder the caller removes). `@textgen/*` is served only from what gets published here, never from the
 * uplink, so an install cannot pass on a package that a release would not have published. Everything else is proxied
 * to `upstreamRegistry`, so third-party dependencies (openapi-fetch, msw, ...) resolve as they would for a user.
 */
export async function startLocalRegistry(options: { folder: string; upstreamRegistry: string }): Promise<LocalRegistry> {
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

  const server = (await runServer(configPath)) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });

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
