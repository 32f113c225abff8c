/**
 * A tiny static server for docs/site, bound to loopback only.
 * `pnpm --filter @textgen/docs serve [--port 4173]`; the browser test imports `startDocsServer` with port 0.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const defaultSiteFolder = fileURLToPath(new URL('./site/', import.meta.url));

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export interface DocsServer {
  server: Server;
  /** The origin, e.g. `http://127.0.0.1:4173`, without a trailing slash. */
  origin: string;
  close: () => Promise<void>;
}

/** Maps a URL path to a file inside the site folder, or undefined when the path would leave it. */
function resolveSitePath({ siteFolder, urlPath }: { siteFolder: string; urlPath: string }): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relativePath = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const root = resolve(siteFolder);
  const file = resolve(join(root, relativePath));
  return file === root || file.startsWith(`${root}${sep}`) ? file : undefined;
}

export async function startDocsServer({
  port = 4173,
  host = '127.0.0.1',
  siteFolder = defaultSiteFolder,
}: { port?: number; host?: string; siteFolder?: string } = {}): Promise<DocsServer> {
  const server = createServer((request, response) => {
    const urlPath = new URL(request.url ?? '/', 'http://placeholder').pathname;
    const file = resolveSitePath({ siteFolder, urlPath });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (file === undefined) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad path\n');
      return;
    }
    stat(file).then(
      (fileStats) => {
        if (!fileStats.isFile()) {
          response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
          return;
        }
        response.writeHead(200, {
          'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'content-length': fileStats.size,
          'cache-control': 'no-cache',
        });
        if (request.method === 'HEAD') {
          response.end();
          return;
        }
        createReadStream(file).pipe(response);
      },
      () => {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      },
    );
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    origin: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.closeAllConnections();
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
      }),
  };
}

const isMainModule = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMainModule) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '4173' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be a port number, got ${values.port}`);
  const docsServer = await startDocsServer({ port });
  console.log(`Serving docs/site on ${docsServer.origin}/ (Ctrl+C to stop)`);
}
