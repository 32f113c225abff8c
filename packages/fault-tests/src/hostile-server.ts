/**
 * Loopback servers that misbehave on purpose. Each listens on 127.0.0.1 port 0 and counts the requests it receives
 * (the "attempts" column of the table).
 *
 * - `startHostileServer`: `node:http`, answering each request with the current script. The request body is read
 *   before the script runs, so a script decides only how the response goes wrong.
 * - `startRawServer`: plain `net`, for what `node:http` cannot be made to do: accept and never answer, or reset the
 *   connection before a status line.
 * - `findClosedPort`: a port nothing listens on (connection refused).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface Exchange {
  /** 1 for the first request this server got, 2 for the second, ... */
  attempt: number;
  request: IncomingMessage;
  response: ServerResponse;
  body: Buffer;
}

export type Script = (exchange: Exchange) => void | Promise<void>;

export interface HostileServer {
  readonly origin: string;
  readonly requests: readonly RecordedRequest[];
  /** How many responses were closed (ended or cut by the client), for the `break` check. */
  readonly closedConnections: () => number;
  setScript(script: Script): void;
  /** Forgets the requests and closed connections seen so far, for a server reused across cases. */
  reset(): void;
  close(): Promise<void>;
}

function listen(server: Server | ReturnType<typeof createNetServer>): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

export async function startHostileServer(script: Script): Promise<HostileServer> {
  let current = script;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let closed = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      response.on('close', () => closed++);
      // A script that throws is a bug in this suite, not a fault under test: make it loud.
      const script = current;
      Promise.resolve(script({ attempt: requests.length, request, response, body })).catch((error: unknown) => {
        console.error('fault suite: a server script failed', error);
        request.socket.destroy();
      });
    });
  });
  // Node closes an idle keep-alive socket after 5 s; a request the client writes into it at that moment fails with
  // ECONNRESET, a fault no case scripted. The client's own idle timeout (4 s in undici) then always closes first.
  server.keepAliveTimeout = 60_000;
  // Keep-alive sockets would keep close() waiting; they are destroyed at close.
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const origin = await listen(server);
  return {
    origin,
    requests,
    closedConnections: () => closed,
    setScript: (next) => {
      current = next;
    },
    reset: () => {
      requests.splice(0);
      closed = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export type RawBehaviour = 'never-answer' | 'reset-before-headers' | 'not-http';

export interface RawServer {
  readonly origin: string;
  /** Connections that sent a request head. */
  readonly requestCount: () => number;
  close(): Promise<void>;
}

export async function startRawServer(behaviour: RawBehaviour): Promise<RawServer> {
  let requestCount = 0;
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let received = '';
    let counted = false;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (counted || !received.includes('\r\n\r\n')) return;
      counted = true;
      requestCount++;
      switch (behaviour) {
        case 'never-answer':
          // Accepts, reads, and never writes a byte: only the client's timeout or abort can end this.
          break;
        case 'reset-before-headers':
          socket.resetAndDestroy();
          break;
        case 'not-http':
          socket.end('SSH-2.0-OpenSSH_9.6\r\n');
          break;
        default: {
          const unknown: never = behaviour;
          throw new Error(`Unknown raw behaviour ${String(unknown)}`);
        }
      }
    });
  });
  const origin = await listen(server);
  return {
    origin,
    requestCount: () => requestCount,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port that was free a moment ago and has nothing listening: connecting to it is refused. */
export async function findClosedPort(): Promise<string> {
  const server = createNetServer();
  const origin = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return origin;
}
