import { describe, expect, it } from 'vitest';
import { listMockExamples } from '@textgen/mocks';
import { collectStream, expectAPIError, streamExamplePayloads } from '@textgen/mocks/testing';

class StatusError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

class RateLimited extends StatusError {}

/** A class checked by `isInstance`, as @textgen/core's errors are: a mark on the error, not its prototype chain. */
class MarkedError extends Error {
  static isInstance(value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { marked?: unknown }).marked === true;
  }
}

describe('collectStream', () => {
  it('collects an async iterable and a ReadableStream in order', async () => {
    async function* numbers() {
      yield 1;
      yield 2;
      yield 3;
    }
    expect(await collectStream(numbers())).toEqual([1, 2, 3]);
    const readable = new ReadableStream<string>({
      start(controller) {
        for (const piece of ['a', 'b']) controller.enqueue(piece);
        controller.close();
      },
    });
    expect(await collectStream(readable)).toEqual(['a', 'b']);
  });

  it('rejects with the error the stream fails with', async () => {
    const failure = new Error('cut off');
    async function* failing() {
      yield 1;
      throw failure;
    }
    await expect(collectStream(failing())).rejects.toBe(failure);
  });
});

describe('streamExamplePayloads', () => {
  it('reads SSE data fields without [DONE], across multi-line data and CRLF, and NDJSON lines', () => {
    const sse = 'data: {"a":1}\r\n\r\nevent: x\ndata: {"b":\ndata: 2}\n\ndata: [DONE]\n\n';
    expect(streamExamplePayloads({ value: sse, mediaType: 'text/event-stream; charset=utf-8' })).toEqual([
      { a: 1 },
      { b: 2 },
    ]);
    expect(streamExamplePayloads({ value: '{"a":1}\n\n{"b":2}\n', mediaType: 'application/x-ndjson' })).toEqual([
      { a: 1 },
      { b: 2 },
    ]);
  });

  it('splits every stream example of the specs into as many payloads as it has events or lines', () => {
    const streams = listMockExamples().filter((example) => example.streams);
    expect(streams.length).toBeGreaterThan(3);
    for (const example of streams) {
      const text = example.value as string;
      // Counted independently of any parser: SSE events are blank-line separated, NDJSON payloads one per line.
      const expected =
        example.mediaType === 'text/event-stream'
          ? text.split('\n\n').filter((event) => event.trim() !== '' && event.trim() !== 'data: [DONE]').length
          : text.split('\n').filter((line) => line.trim() !== '').length;
      const payloads = streamExamplePayloads(example);
      expect(payloads, `${example.vendor} ${example.name}`).toHaveLength(expected);
      for (const payload of payloads) expect(typeof payload, `${example.vendor} ${example.name}`).toBe('object');
    }
  });

  it('says what is wrong with a body it cannot read', () => {
    expect(() => streamExamplePayloads({ value: { a: 1 }, mediaType: 'text/event-stream' })).toThrow(
      /needs the stream's text as value, got object/,
    );
    expect(() => streamExamplePayloads({ value: 'x', mediaType: 'application/json' })).toThrow(
      /got mediaType "application\/json"/,
    );
    expect(() => streamExamplePayloads({ value: 'data: nope\n\n', mediaType: 'text/event-stream' })).toThrow(
      /payload is not JSON: "nope"/,
    );
  });
});

describe('expectAPIError', () => {
  it('returns the error when the class, status and message match', async () => {
    const error = await expectAPIError(Promise.reject(new RateLimited('Slow down, please', 429)), StatusError, {
      status: 429,
      message: /slow down/i,
    });
    expect(error).toBeInstanceOf(RateLimited);
    expect(error.status).toBe(429);
  });

  it('uses the class isInstance where it has one', async () => {
    const marked = Object.assign(new Error('from another copy'), { marked: true });
    await expect(expectAPIError(Promise.reject(marked), MarkedError)).resolves.toBe(marked);
    await expect(expectAPIError(Promise.reject(new MarkedError('unmarked')), MarkedError)).rejects.toThrow(
      /Expected a MarkedError/,
    );
  });

  it.each([
    // Promises are made inside the test, so a rejection is never left unhandled while the table is built.
    [
      'a resolved promise',
      () => Promise.resolve('fine'),
      {},
      /Expected a StatusError, but the promise resolved with "fine"/,
    ],
    ['another class', () => Promise.reject(new TypeError('bad')), {}, /but the promise rejected with TypeError: bad/],
    [
      'another status',
      () => Promise.reject(new StatusError('no', 500)),
      { status: 429 },
      /with status 429, got status 500/,
    ],
    [
      'another message',
      () => Promise.reject(new StatusError('no', 500)),
      { message: 'quota' },
      /message matches quota, got "no"/,
    ],
  ])('fails on %s, saying what it got', async (_label, makePromise, expected, message) => {
    await expect(expectAPIError(makePromise(), StatusError, expected)).rejects.toThrow(message);
  });
});
