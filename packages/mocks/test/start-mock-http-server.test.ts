import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMockOperations, mockVendorIds, startMockHttpServer, type MockHttpServer } from '@textgen/mocks';
import { exampleRequestInit, operationUrl, readChunks } from './support/example-request';
import { findOperation } from './support/operation-schemas';

let server: MockHttpServer;

beforeAll(async () => {
  server = await startMockHttpServer({ port: 0, log: false });
});
afterAll(async () => {
  await server.close();
});

describe('the real HTTP mock server', () => {
  it('listens on an ephemeral port and advertises one base URL per vendor', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toBe('http://127.0.0.1:0');
    // `/<vendor>` stands for the vendor's host; the base URL adds the path of the spec's server (specs/vendor-facts.md
    // item 5).
    expect(server.hostRoots).toEqual(
      Object.fromEntries(mockVendorIds.map((vendor) => [vendor, `${server.url}/${vendor}`])),
    );
    expect(server.baseUrls).toEqual({
      wetrocloud: `${server.url}/wetrocloud/v1`,
      edenai: `${server.url}/edenai/v2`,
      worqhat: `${server.url}/worqhat`,
      aitre: `${server.url}/aitre/v1`,
    });
  });

  it.each(mockVendorIds)('serves the first %s operation’s default example to plain fetch', async (vendor) => {
    const operation = listMockOperations({ vendor })[0]!;
    const requestExample = operation.requestExamples.find((example) => example.mediaType === 'application/json')!;
    const response = await fetch(
      operationUrl({ operation, baseUrl: server.baseUrls[vendor] }),
      exampleRequestInit({ operation, example: requestExample }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const expected = operation.responseExamples.find(
      (example) => example.status === 200 && example.streams === requestExample.streams,
    )!;
    if (expected.streams) {
      expect(await response.text()).toBe(expected.value);
    } else {
      expect(await response.json()).toEqual(expected.value);
    }
  });

  it('streams chunk by chunk over the socket', async () => {
    const operation = findOperation('createCompletion');
    const requestExample = operation.requestExamples.find((example) => example.streams)!;
    const expected = operation.responseExamples.find((example) => example.streams)!;
    const response = await fetch(
      operationUrl({ operation, baseUrl: server.baseUrls.aitre }),
      exampleRequestInit({ operation, example: requestExample }),
    );
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const chunks = await readChunks(response);
    expect(chunks.join('')).toBe(expected.value);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('answers a CORS preflight and exposes the response headers', async () => {
    const preflight = await fetch(`${server.baseUrls.aitre}/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type');

    const response = await fetch(`${server.baseUrls.aitre}/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-key-123', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-3.5-turbo-instruct', prompt: 'hi' }),
    });
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('uses the same validation: a bad request gets the vendor 400', async () => {
    const response = await fetch(`${server.baseUrls.aitre}/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-3.5-turbo-instruct', prompt: 'hi', logprobs: 9 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { param: 'logprobs', type: 'invalid_request_error' } });
  });

  it('answers an unknown path with a mock 404', async () => {
    const response = await fetch(`${server.url}/nowhere`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { textgenMockError: string }).textgenMockError).toContain('POST /nowhere');
  });

  it('logs one line per request without credentials or the query string', async () => {
    // Its own server and log, so the result does not depend on which other tests ran before it.
    const lines: string[] = [];
    const logged = await startMockHttpServer({ port: 0, log: (line) => lines.push(line) });
    try {
      const response = await fetch(`${logged.baseUrls.aitre}/completions?secret-query=hidden`, {
        method: 'POST',
        headers: { authorization: 'Bearer secret-key-123', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-3.5-turbo-instruct', prompt: 'hi' }),
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      const preflight = await fetch(`${logged.baseUrls.aitre}/completions`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
    } finally {
      await logged.close();
    }
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^POST \/aitre\/v1\/completions 200 \d+ms$/);
    expect(lines[1]).toMatch(/^OPTIONS \/aitre\/v1\/completions 204 \d+ms$/);
    expect(lines.join('\n')).not.toContain('secret-key-123');
    expect(lines.join('\n')).not.toContain('hidden');
  });
});

describe('one vendor at the root', () => {
  it('serves AITRE with the root as its host: /v1/completions', async () => {
    const single = await startMockHttpServer({ port: 0, vendor: 'aitre', streamChunkDelayMs: 0 });
    try {
      expect(single.hostRoots).toEqual({ aitre: single.url });
      expect(single.baseUrls).toEqual({ aitre: `${single.url}/v1` });
      const ok = await fetch(`${single.url}/v1/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-3.5-turbo-instruct', prompt: 'hi' }),
      });
      expect(ok.status).toBe(200);
      expect((await fetch(`${single.url}/completions`, { method: 'POST' })).status).toBe(404);
    } finally {
      await single.close();
    }
  });

  it('serves only that vendor without a prefix', async () => {
    const single = await startMockHttpServer({ port: 0, vendor: 'worqhat', streamChunkDelayMs: 0 });
    try {
      expect(single.baseUrls).toEqual({ worqhat: single.url });
      const ok = await fetch(`${single.url}/api/ai/content/v4`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'hi', model: 'aicon-v4-nano-160824' }),
      });
      expect(ok.status).toBe(200);
      expect((await fetch(`${single.url}/completions`, { method: 'POST' })).status).toBe(404);
    } finally {
      await single.close();
    }
  });
});
