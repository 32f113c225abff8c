import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type HttpHandler } from 'msw';
import { createMockHandlers, createVendorHandlers } from './create-vendor-handlers';
import { getDefaultBaseUrl } from './spec-operations';
import { getVendorSpec, mockVendorIds, type MockVendor } from './vendor-specs';

export interface StartMockHttpServerOptions {
  /** Default 4010 (Prism's port); 0 picks a free one. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Serve only this vendor, with the server root standing for its host (`http://127.0.0.1:4010/v1/<path>`);
   * otherwise `/<vendor>` stands for each vendor's host (`http://127.0.0.1:4010/<vendor>/v1/<path>`).
   */
  vendor?: MockVendor;
  streamChunkDelayMs?: number;
  /** One line per request (method, path, status, ms). `true` writes to the console; never includes credentials. */
  log?: boolean | ((line: string) => void);
}

export interface MockHttpServer {
  /** The server origin, e.g. http://127.0.0.1:4010. */
  url: string;
  /**
   * The base URL to give each vendor's client: the vendor's host root plus the path of its spec server, e.g.
   * `{<vendor>: 'http://127.0.0.1:4010/<vendor>/v1'}` for a spec server `https://api.example.com/v1`.
   */
  baseUrls: Partial<Record<MockVendor, string>>;
  /**
   * What stands for each vendor's host, e.g. `{<vendor>: 'http://127.0.0.1:4010/<vendor>'}`: a client configured
   * the way the vendor's own docs say (host as base URL, `/v1/...` in the path) works with this in place of the host.
   */
  hostRoots: Partial<Record<MockVendor, string>>;
  close(): Promise<void>;
}

const allowedMethods = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

function corsHeaders(request: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': allowedMethods,
    'access-control-allow-headers':
      request.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, Prefer',
  };
}

async function readIncomingBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

function toFetchRequest(options: { incoming: IncomingMessage; origin: string; body: Buffer }): Request {
  const headers = new Headers();
  const raw = options.incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index]!, raw[index + 1]!);
  const method = options.incoming.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD' && options.body.length > 0;
  // The URL is rebuilt on the handlers' own origin, whatever Host the client used (localhost, a LAN name, a proxy),
  // so msw matches the same handlers in every case.
  return new Request(new URL(options.incoming.url ?? '/', options.origin), {
    method,
    headers,
    ...(hasBody ? { body: new Uint8Array(options.body) } : {}),
  });
}

function writeChunk(outgoing: ServerResponse, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    outgoing.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

async function sendResponse(options: {
  response: Response;
  incoming: IncomingMessage;
  outgoing: ServerResponse;
}): Promise<void> {
  const { response, incoming, outgoing } = options;
  const headers: Record<string, string> = { ...corsHeaders(incoming) };
  const exposed: string[] = [];
  response.headers.forEach((value, name) => {
    headers[name] = value;
    exposed.push(name);
  });
  if (exposed.length > 0) headers['access-control-expose-headers'] = exposed.join(', ');
  outgoing.writeHead(response.status, headers);
  if (response.body === null) {
    outgoing.end();
    return;
  }
  outgoing.flushHeaders();
  const reader = response.body.getReader();
  // Stop producing chunks when the client goes away mid-stream.
  const onClose = () => void reader.cancel().catch(() => undefined);
  outgoing.once('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // One write per chunk: node:http sends each as its own chunked-encoding frame, so streams arrive incrementally.
      if (!outgoing.destroyed) await writeChunk(outgoing, value);
    }
  } finally {
    outgoing.off('close', onClose);
    outgoing.end();
  }
}

function pathWithoutQuery(url: string | undefined): string {
  // The query is left out of the log: an apiKey-in-query scheme would otherwise print the key.
  return (url ?? '/').split('?')[0]!;
}

/**
 * The path part of the vendor's spec server (`/v1` for `https://api.example.com/v1`, `''` for a bare host),
 * so each operation is served at the vendor's real path below the host root that stands in for the vendor.
 */
function serverPathOf(vendor: MockVendor): string {
  return new URL(getDefaultBaseUrl(getVendorSpec(vendor))).pathname.replace(/\/+$/, '');
}

/**
 * A real localhost HTTP server answering with the same msw handlers as the in-process mocks: each request is turned
 * into a fetch `Request` and resolved with msw's own `getResponse`, so there is no second routing table.
 */
export async function startMockHttpServer(options: StartMockHttpServerOptions = {}): Promise<MockHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const log =
    options.log === true ? (line: string) => console.log(line) : options.log === false ? undefined : options.log;
  let handlers: HttpHandler[] = [];
  let origin = '';

  const server = createServer((incoming, outgoing) => {
    const started = performance.now();
    outgoing.once('close', () => {
      log?.(
        `${incoming.method ?? 'GET'} ${pathWithoutQuery(incoming.url)} ${outgoing.statusCode} ${Math.round(performance.now() - started)}ms`,
      );
    });
    void (async () => {
      try {
        if (incoming.method === 'OPTIONS') {
          outgoing.writeHead(204, { ...corsHeaders(incoming), 'access-control-max-age': '600' });
          outgoing.end();
          return;
        }
        const body = await readIncomingBody(incoming);
        const request = toFetchRequest({ incoming, origin, body });
        const response =
          (await getResponse(handlers, request)) ??
          Response.json(
            { textgenMockError: `No mock operation matches ${request.method} ${new URL(request.url).pathname}.` },
            { status: 404, headers: { 'x-textgen-mock-error': 'true' } },
          );
        await sendResponse({ response, incoming, outgoing });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!outgoing.headersSent) {
          outgoing.writeHead(500, {
            ...corsHeaders(incoming),
            'content-type': 'application/json',
            'x-textgen-mock-error': 'true',
          });
          outgoing.end(JSON.stringify({ textgenMockError: `The mock failed: ${message}` }));
        } else {
          outgoing.destroy(error instanceof Error ? error : undefined);
        }
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  // Clients cannot dial a wildcard address; advertise loopback for it.
  const advertisedHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  origin = `http://${advertisedHost.includes(':') ? `[${advertisedHost}]` : advertisedHost}:${address.port}`;

  const hostRoots: Partial<Record<MockVendor, string>> = {};
  const baseUrls: Partial<Record<MockVendor, string>> = {};
  const served = options.vendor === undefined ? mockVendorIds : [options.vendor];
  for (const vendor of served) {
    hostRoots[vendor] = options.vendor === undefined ? `${origin}/${vendor}` : origin;
    baseUrls[vendor] = `${hostRoots[vendor]}${serverPathOf(vendor)}`;
  }
  handlers =
    options.vendor === undefined
      ? createMockHandlers({ baseUrls, streamChunkDelayMs: options.streamChunkDelayMs })
      : createVendorHandlers({
          vendor: options.vendor,
          baseUrl: baseUrls[options.vendor],
          streamChunkDelayMs: options.streamChunkDelayMs,
        });

  return {
    url: origin,
    baseUrls,
    hostRoots,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
