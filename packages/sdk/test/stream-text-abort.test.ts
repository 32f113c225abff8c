import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { APIUserAbortError, createTextgen } from '../src/index';

// No msw here: these tests need a real socket to see the request being aborted.

function completionChunk(text: string): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'text_completion', created: 1, model: 'm', choices: [{ text, index: 0, logprobs: null, finish_reason: null }] })}\n\n`;
}

/** A loopback AITRE that sends one chunk and then keeps the response open until the client goes away. */
async function startHangingServer(): Promise<{ server: Server; baseURL: string; closedByClient: Promise<void> }> {
  let markClosed!: () => void;
  const closedByClient = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const server = createServer((request: IncomingMessage, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(completionChunk('first'));
    response.once('close', markClosed);
    request.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseURL: `http://127.0.0.1:${port}/v1`, closedByClient };
}

let hanging: Server | undefined;
afterEach(async () => {
  hanging?.closeAllConnections();
  await new Promise((resolve) => hanging?.close(resolve) ?? resolve(undefined));
  hanging = undefined;
});

describe('streamText abort', () => {
  it('break aborts the HTTP request and rejects the pending promises with APIUserAbortError', async () => {
    const { server, baseURL, closedByClient } = await startHangingServer();
    hanging = server;
    const textgen = createTextgen({ aitre: { apiKey: 'test-key', baseURL, maxRetries: 0, logLevel: 'off' } });
    const stream = textgen.streamText({ provider: 'aitre', model: 'm', prompt: 'x' });
    for await (const part of stream) {
      expect(part).toEqual({ type: 'text-delta', text: 'first' });
      break;
    }
    await closedByClient;
    await expect(stream.text).rejects.toSatisfy((error) => APIUserAbortError.isInstance(error));
  });

  it("the caller's signal aborts the stream", async () => {
    const { server, baseURL, closedByClient } = await startHangingServer();
    hanging = server;
    const controller = new AbortController();
    const textgen = createTextgen({ aitre: { apiKey: 'test-key', baseURL, maxRetries: 0, logLevel: 'off' } });
    const stream = textgen.streamText({ provider: 'aitre', model: 'm', prompt: 'x', signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: { type: 'text-delta', text: 'first' } });
    controller.abort();
    await closedByClient;
    await expect(iterator.next()).rejects.toSatisfy((error) => APIUserAbortError.isInstance(error));
  });
});
