import { describe, expect, it } from 'vitest';
import { APIConnectionError, APIError, APIUserAbortError, TextgenError } from '../src/index';
import { byteStream } from './support/byte-stream';
import { createFakeTransport, streamEcho, type FakeChunk } from './support/fake-vendor';
import { requestFetch } from './support/request-fetch';

const sse = { framing: 'sse', terminator: '[DONE]' } as const;
const ndjson = { framing: 'ndjson' } as const;

/** A transport whose fetch answers with `text` one byte per chunk, under a deliberately wrong Content-Type. */
function streamingTransport(text: string, options: { status?: number; onCancel?: () => void; endless?: boolean } = {}) {
  const requests: Request[] = [];
  const transport = createFakeTransport({
    fetch: requestFetch(async (request) => {
      requests.push(request);
      return new Response(byteStream(text, options), {
        status: options.status ?? 200,
        headers: { 'content-type': 'application/octet-stream', 'x-request-id': 'req-stream-1' },
      });
    }),
  });
  return { transport, requests };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('SSE streams', () => {
  it('yields each data payload and stops at [DONE], ignoring what follows', async () => {
    const body =
      'data: {"text":"Hel"}\n\n: a comment\nid: 7\ndata: {"text":"lo"}\r\n\r\ndata: [DONE]\n\ndata: {"text":"after"}\n\n';
    const { transport } = streamingTransport(body);
    const { data: stream, requestId } = await streamEcho(transport, sse).withResponse();
    expect(requestId).toBe('req-stream-1');
    expect(await collect(stream)).toEqual([{ text: 'Hel' }, { text: 'lo' }]);
  });

  it('joins a multi-line data field', async () => {
    const { transport } = streamingTransport('data: {"text":\ndata: "two lines"}\n\ndata: [DONE]\n\n');
    expect(await collect(await streamEcho(transport, sse))).toEqual([{ text: 'two lines' }]);
  });

  it('accepts a terminator that misses only its final blank line', async () => {
    const { transport } = streamingTransport('data: {"text":"a"}\n\ndata: [DONE]\n');
    expect(await collect(await streamEcho(transport, sse))).toEqual([{ text: 'a' }]);
  });

  it('ends at the end of the body when no terminator is expected', async () => {
    const { transport } = streamingTransport('data: {"text":"a"}\n\ndata: {"text":"b"}\n\n');
    expect(await collect(await streamEcho(transport, { framing: 'sse' }))).toEqual([{ text: 'a' }, { text: 'b' }]);
  });

  it('throws an APIError for an event named error, after the items before it', async () => {
    const { transport } = streamingTransport(
      'data: {"text":"a"}\n\nevent: error\ndata: {"error":{"message":"model overloaded"}}\n\n',
    );
    const stream = await streamEcho(transport, sse);
    const seen: FakeChunk[] = [];
    const error = await failureOf(
      (async () => {
        for await (const chunk of stream) seen.push(chunk);
      })(),
    );
    expect(seen).toEqual([{ text: 'a' }]);
    expect(APIError.isInstance(error)).toBe(true);
    const apiError = error as APIError;
    expect(apiError.message).toContain('model overloaded');
    expect(apiError.body).toEqual({ error: { message: 'model overloaded' } });
    expect(apiError.requestId).toBe('req-stream-1');
    expect(apiError.vendor).toBe('fakevendor');
  });

  it('throws an APIError for a data payload with an error member', async () => {
    const { transport } = streamingTransport('data: {"error":{"message":"quota used up"}}\n\ndata: [DONE]\n\n');
    const error = await failureOf(collect(await streamEcho(transport, sse)));
    expect(APIError.isInstance(error)).toBe(true);
    expect((error as APIError).message).toContain('quota used up');
  });

  it('yields payloads whose error member is null', async () => {
    const { transport } = streamingTransport('data: {"text":"a","error":null}\n\ndata: [DONE]\n\n');
    expect(await collect(await streamEcho(transport, sse))).toEqual([{ text: 'a', error: null }]);
  });

  it('throws when the body ends before [DONE]', async () => {
    const { transport } = streamingTransport('data: {"text":"a"}\n\n');
    const stream = await streamEcho(transport, sse);
    const seen: unknown[] = [];
    const error = await failureOf(
      (async () => {
        for await (const chunk of stream) seen.push(chunk);
      })(),
    );
    expect(seen).toEqual([{ text: 'a' }]);
    expect(APIConnectionError.isInstance(error)).toBe(true);
    expect(String(error)).toContain('before the [DONE] terminator');
  });

  it.each([
    ['a data line without its blank line', 'data: {"text":"a"}\n\ndata: {"text":"b"}\n'],
    ['half a data line', 'data: {"text":"a"}\n\ndata: {"te'],
    ['half a field name', 'data: {"text":"a"}\n\nda'],
  ])('throws when the body ends mid-event (%s)', async (_name, body) => {
    const { transport } = streamingTransport(body);
    const error = await failureOf(collect(await streamEcho(transport, { framing: 'sse' })));
    expect(APIConnectionError.isInstance(error)).toBe(true);
    expect(String(error)).toContain('in the middle of an event');
  });

  it('throws an APIError for a payload that is not JSON', async () => {
    const { transport } = streamingTransport('data: not json\n\ndata: [DONE]\n\n');
    const error = await failureOf(collect(await streamEcho(transport, sse)));
    expect(APIError.isInstance(error)).toBe(true);
    expect(String(error)).toContain('not JSON');
  });
});

describe('NDJSON streams', () => {
  it('reads lines split across 1-byte chunks, with \\r\\n, blank lines and no final newline', async () => {
    const { transport } = streamingTransport('{"text":"a"}\n\n{"text":"b"}\r\n   \n{"text":"c"}');
    expect(await collect(await streamEcho(transport, ndjson))).toEqual([{ text: 'a' }, { text: 'b' }, { text: 'c' }]);
  });

  it('handles multi-byte UTF-8 split across chunks', async () => {
    const { transport } = streamingTransport('{"text":"héllo 🌍"}\n');
    expect(await collect(await streamEcho(transport, ndjson))).toEqual([{ text: 'héllo 🌍' }]);
  });

  it('throws when the last line is cut off', async () => {
    const { transport } = streamingTransport('{"text":"a"}\n{"text":"b');
    const error = await failureOf(collect(await streamEcho(transport, ndjson)));
    expect(APIConnectionError.isInstance(error)).toBe(true);
    expect(String(error)).toContain('in the middle of a line');
  });

  it('throws an APIError for a line with an error member', async () => {
    const { transport } = streamingTransport('{"text":"a"}\n{"error":{"message":"provider failed"}}\n');
    const error = await failureOf(collect(await streamEcho(transport, ndjson)));
    expect(APIError.isInstance(error)).toBe(true);
    expect(String(error)).toContain('provider failed');
  });
});

describe('Stream behaviour', () => {
  it('can be consumed only once', async () => {
    const { transport } = streamingTransport('{"text":"a"}\n');
    const stream = await streamEcho(transport, ndjson);
    expect(await collect(stream)).toEqual([{ text: 'a' }]);
    const error = await failureOf(collect(stream));
    expect(TextgenError.isInstance(error)).toBe(true);
    expect(String(error)).toContain('consumed only once');
  });

  it('tee() gives two streams that each see every item', async () => {
    const { transport } = streamingTransport('{"text":"a"}\n{"text":"b"}\n{"text":"c"}\n');
    const [left, right] = (await streamEcho(transport, ndjson)).tee();
    const leftIterator = left[Symbol.asyncIterator]();
    expect(await leftIterator.next()).toEqual({ done: false, value: { text: 'a' } });
    expect(await collect(right)).toEqual([{ text: 'a' }, { text: 'b' }, { text: 'c' }]);
    expect(await collect({ [Symbol.asyncIterator]: () => leftIterator })).toEqual([{ text: 'b' }, { text: 'c' }]);
  });

  it('tee() of a consumed stream throws', async () => {
    const { transport } = streamingTransport('{"text":"a"}\n');
    const stream = await streamEcho(transport, ndjson);
    await collect(stream);
    expect(() => stream.tee()).toThrow(/consumed only once/);
  });

  it('a failure read by one tee branch is not an unhandled rejection for the other', async () => {
    const { transport } = streamingTransport('{"text":"a"}\n{"text":');
    const [left] = (await streamEcho(transport, ndjson)).tee();
    expect(APIConnectionError.isInstance(await failureOf(collect(left)))).toBe(true);
  });

  it('toReadableStream() emits the items as NDJSON bytes', async () => {
    const { transport } = streamingTransport('data: {"text":"a"}\n\ndata: {"text":"b"}\n\ndata: [DONE]\n\n');
    const readable = (await streamEcho(transport, sse)).toReadableStream();
    expect(await new Response(readable).text()).toBe('{"text":"a"}\n{"text":"b"}\n');
  });

  it('toReadableStream() errors when the stream fails', async () => {
    const { transport } = streamingTransport('data: {"text":"a"}\n\n');
    const readable = (await streamEcho(transport, sse)).toReadableStream();
    expect(APIConnectionError.isInstance(await failureOf(new Response(readable).text()))).toBe(true);
  });

  it('break cancels the body and aborts the request', async () => {
    let cancelled = false;
    const { transport, requests } = streamingTransport('data: {"text":"tick"}\n\n', {
      endless: true,
      onCancel: () => {
        cancelled = true;
      },
    });
    const stream = await streamEcho(transport, sse);
    let count = 0;
    for await (const chunk of stream) {
      expect(chunk).toEqual({ text: 'tick' });
      count += 1;
      if (count === 3) break;
    }
    expect(count).toBe(3);
    expect(cancelled).toBe(true);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it('aborting the caller signal mid-stream throws APIUserAbortError', async () => {
    const { transport, requests } = streamingTransport('data: {"text":"tick"}\n\n', { endless: true });
    const controller = new AbortController();
    const stream = await streamEcho(transport, sse, { signal: controller.signal });
    const error = await failureOf(
      (async () => {
        let count = 0;
        for await (const _chunk of stream) {
          count += 1;
          if (count === 2) controller.abort();
          // The byte stream here ignores the signal, so end the test body after a bounded number of items.
          if (count > 10_000) return;
        }
      })(),
    );
    expect(requests[0]?.signal.aborted).toBe(true);
    expect(APIUserAbortError.isInstance(error)).toBe(true);
  });

  it('rejects with the mapped APIError when the stream request fails with a status', async () => {
    const { transport } = streamingTransport('{"error":{"message":"bad key"}}', { status: 401 });
    const error = await failureOf(streamEcho(transport, sse));
    expect(APIError.isInstance(error)).toBe(true);
    expect((error as APIError).status).toBe(401);
    expect(String(error)).toContain('bad key');
  });
});
