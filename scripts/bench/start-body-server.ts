import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BodyServer {
  /** e.g. http://127.0.0.1:43210, any path answers with the body. */
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback server that answers every request with one fixed body, sent in `writes` large writes. The body is built
 * once up front, so the server's own cost per request is a few memcpy-sized writes and the timing is the client's.
 * Splitting at fixed byte offsets lands mid-event, as real network reads do.
 */
export async function startBodyServer(options: { body: Uint8Array; contentType: string; writes: number }): Promise<BodyServer> {
  const { body, contentType, writes } = options;
  const sliceLength = Math.ceil(body.length / writes);
  const server = createServer((request, response) => {
    // Drain the request body (the clients POST JSON) before answering, as a real server would.
    request.resume();
    request.once('end', () => {
      response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
      for (let start = 0; start < body.length; start += sliceLength) response.write(body.subarray(start, start + sliceLength));
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from the clients would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
