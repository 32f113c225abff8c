/**
 * The benchmark's HTTP server, run in its own process (forked by start-canned-response-server.ts) so its CPU time is
 * not taken from the clients being measured. It answers from bodies built once at start-up:
 *   /json/...    the spec's 200 completion example, with content-length (every non-stream call)
 *   /sse/...     a synthetic SSE completion stream, chunked, in a few large writes
 *   /ndjson/...  the same chunks as NDJSON
 * It reads nothing from the request except its URL, and it tells the parent over IPC how much CPU it used, so the
 * benchmark can print the server's cost per request next to the clients'.
 */
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readCannedCompletion, syntheticNDJSONBody, syntheticSSEBody } from './canned-bodies';

export interface CannedServerStats {
  type: 'stats';
  requests: number;
  /** This process's user + system CPU time since it started, in µs. */
  cpuMicros: number;
}

export type CannedServerMessage = { type: 'listening'; port: number } | CannedServerStats;

const streamChunks = Number(process.env['TEXTGEN_BENCH_STREAM_CHUNKS'] ?? '20000');
const streamWrites = 4;

const completionBody = Buffer.from(readCannedCompletion().responseText);
const completionHeaders: OutgoingHttpHeaders = {
  'content-type': 'application/json',
  'content-length': String(completionBody.byteLength),
  'x-request-id': 'req_bench_0001',
};
const sseBody = syntheticSSEBody(streamChunks).bytes;
const ndjsonBody = syntheticNDJSONBody(streamChunks).bytes;

function writeInSlices(response: import('node:http').ServerResponse, body: Uint8Array): void {
  // Fixed byte offsets land mid-event, as real network reads do.
  const sliceLength = Math.ceil(body.byteLength / streamWrites);
  for (let start = 0; start < body.byteLength; start += sliceLength)
    response.write(body.subarray(start, start + sliceLength));
  response.end();
}

let requests = 0;
const server = createServer((request, response) => {
  requests += 1;
  // Let the request body flow and be discarded; node keeps the keep-alive socket usable once it has been read.
  request.resume();
  response.sendDate = false;
  const url = request.url ?? '';
  if (url.startsWith('/json/')) {
    response.writeHead(200, completionHeaders);
    response.end(completionBody);
  } else if (url.startsWith('/sse/')) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    writeInSlices(response, sseBody);
  } else if (url.startsWith('/ndjson/')) {
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    writeInSlices(response, ndjsonBody);
  } else {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end(`No canned body for ${url}: use a path under /json/, /sse/ or /ndjson/.`);
  }
});
// Long enough that no keep-alive socket is closed between two phases of the benchmark.
server.keepAliveTimeout = 120_000;

function send(message: CannedServerMessage): void {
  process.send?.(message);
}

process.on('message', (message: { type?: string }) => {
  if (message.type === 'stats') {
    const cpu = process.cpuUsage();
    send({ type: 'stats', requests, cpuMicros: cpu.user + cpu.system });
  }
});
// The parent closing the IPC channel (normal end or a crash) ends this process, so no server outlives the benchmark.
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => send({ type: 'listening', port: (server.address() as AddressInfo).port }));
