import { readStreamBody, type StreamFailures } from './read-stream-body';
import type { IdleTimeout } from './timed-read';
import { TextgenError } from './textgen-error';

export type StreamFraming = 'sse' | 'ndjson';

export interface StreamFromBodyOptions {
  body: ReadableStream<Uint8Array>;
  framing: StreamFraming;
  /** SSE data that ends the stream, e.g. `[DONE]`. When set, a body that ends without it throws. */
  terminator?: string | undefined;
  /** Aborted when the consumer stops early, which cancels the underlying fetch. */
  controller: AbortController;
  failures: StreamFailures;
  /** Bounds each read of the body: a read that waits longer fails the stream with `idle.fail()`. */
  idle?: IdleTimeout | undefined;
  /** Called once when the iteration ends in any way (completed, failed, `break`), to release what the request holds. */
  onEnd?: () => void;
}

/**
 * The items of a streamed response as an `AsyncIterable`. It can be iterated only once; `break` (or `return()`)
 * cancels the response body and aborts the HTTP request.
 */
export class Stream<Item> implements AsyncIterable<Item> {
  #consumed = false;
  readonly #iterate: () => AsyncIterator<Item>;
  /** Aborting it cancels the request. */
  readonly controller: AbortController;

  constructor(options: { iterate: () => AsyncIterator<Item>; controller: AbortController }) {
    this.#iterate = options.iterate;
    this.controller = options.controller;
  }

  static fromBody<Item>(options: StreamFromBodyOptions): Stream<Item> {
    return new Stream<Item>({ iterate: () => readStreamBody<Item>(options), controller: options.controller });
  }

  /**
   * A stream of `map(item)` over this one, sharing its controller: what `map` throws ends the stream with that error,
   * and `for await` then calls this stream's return(), which cancels the body and aborts the request.
   */
  map<Mapped>(map: (item: Item) => Mapped): Stream<Mapped> {
    return new Stream<Mapped>({ controller: this.controller, iterate: () => mapItems(this, map) });
  }

  [Symbol.asyncIterator](): AsyncIterator<Item> {
    if (this.#consumed) {
      throw new TextgenError(
        'This stream was already iterated; a Stream can be consumed only once. Call stream.tee() first to read it twice.',
      );
    }
    this.#consumed = true;
    return this.#iterate();
  }

  /**
   * Two independent Streams over the same items; each buffers what the other has read ahead. Once both have stopped
   * early (`break`, `return()`, a cancelled toReadableStream()), the request is aborted.
   */
  tee(): [Stream<Item>, Stream<Item>] {
    const source = this[Symbol.asyncIterator]();
    // Per branch, the reads it has not taken yet; undefined once it has stopped.
    const queues: (Promise<IteratorResult<Item>>[] | undefined)[] = [[], []];
    let sourceEnded = false;
    const branch = (index: number) =>
      new Stream<Item>({
        controller: this.controller,
        iterate: () => ({
          next: () => {
            const queue = queues[index];
            if (!queue) return finished<Item>();
            if (queue.length === 0) {
              const result = source.next();
              // The rejection handler also keeps a branch nobody reads from causing an unhandled rejection.
              result.then(
                (read) => {
                  if (read.done) sourceEnded = true;
                },
                () => {
                  sourceEnded = true;
                },
              );
              for (const each of queues) each?.push(result);
            }
            return queue.shift() as Promise<IteratorResult<Item>>;
          },
          return: () => {
            queues[index] = undefined;
            // Aborted here, not only through source.return(): that waits behind a read in flight, which may never end.
            // A source that already ended is left alone, so its body can drain (see readStreamBody).
            if (!queues[0] && !queues[1] && !sourceEnded) {
              this.controller.abort();
              source.return?.().catch(() => undefined);
            }
            return finished<Item>();
          },
        }),
      });
    return [branch(0), branch(1)];
  }

  /** The items as newline-delimited JSON bytes, e.g. to send on from a server route. */
  toReadableStream(): ReadableStream<Uint8Array> {
    const iterator = this[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      // A pull that rejects errors the ReadableStream with that error.
      async pull(controller) {
        const result = await iterator.next();
        if (result.done) controller.close();
        else controller.enqueue(encoder.encode(`${JSON.stringify(result.value)}\n`));
      },
      async cancel() {
        await iterator.return?.();
      },
    });
  }
}

function finished<Item>(): Promise<IteratorResult<Item>> {
  return Promise.resolve({ done: true, value: undefined });
}

async function* mapItems<Item, Mapped>(
  source: AsyncIterable<Item>,
  map: (item: Item) => Mapped,
): AsyncGenerator<Mapped> {
  for await (const item of source) yield map(item);
}
