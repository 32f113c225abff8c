import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  baseURL: string;
  /** Requests received so far, in order. */
  requests: { method: string; url: string; authorization: string | undefined; at: number }[];
  close(): Promise<void>;
}

/** A real node:http server on 127.0.0.1 and a free port; `handle` gets the 1-based attempt number. */
export async function startLoopbackServer(
  handle: (request: IncomingMessage, response: ServerResponse, attempt: number) => void,
): Promise<LoopbackServer> {
  const requests: LoopbackServer['requests'] = [];
  const server = createServer((request, response) => {
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      at: Date.now(),
    });
    // Drain the request body before answering, as a real server does.
    request.resume();
    request.on('end', () => handle(request, response, requests.length));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
