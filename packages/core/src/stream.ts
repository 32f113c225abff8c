import { readNDJSONPayloads } from './read-ndjson-payloads';
import { readSSEPayloads } from './read-sse-payloads';
import type { StreamFailures } from './stream-failures';
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
    const iterate = (): AsyncIterator<Item> => {
      const generator = iterateBody<Item>(options);
      let started = false;
      return {
        next: () => {
          started = true;
          return generator.next();
        },
        // An async generator that never started skips its `finally` on return(), so release the request here.
        return: (value?: unknown) => {
          if (!started) {
            started = true;
            options.controller.abort();
            options.body.cancel().catch(() => undefined);
            options.onEnd?.();
          }
          return generator.return(value);
        },
      };
    };
    return new Stream<Item>({ iterate, controller: options.controller });
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
    type BranchState = { queue: Promise<IteratorResult<Item>>[]; open: boolean };
    const first: BranchState = { queue: [], open: true };
    const second: BranchState = { queue: [], open: true };
    const branches = [first, second];
    let sourceEnded = false;
    const branch = (state: BranchState) =>
      new Stream<Item>({
        controller: this.controller,
        iterate: () => ({
          next: () => {
            if (!state.open) return Promise.resolve({ done: true, value: undefined });
            if (state.queue.length === 0) {
              const result = source.next();
              // The rejection handler also keeps a branch nobody reads from causing an unhandled rejection.
              result.then(
                (value) => {
                  if (value.done === true) sourceEnded = true;
                },
                () => {
                  sourceEnded = true;
                },
              );
              for (const each of branches) if (each.open) each.queue.push(result);
            }
            return state.queue.shift() as Promise<IteratorResult<Item>>;
          },
          return: () => {
            state.open = false;
            state.queue.length = 0;
            // Aborted here, not only through source.return(): that waits behind a read in flight, which may never end.
            // A source that already ended is left alone, so its body can drain (see iterateBody).
            if (!branches.some((each) => each.open) && !sourceEnded) {
              this.controller.abort();
              source.return?.().catch(() => undefined);
            }
            return Promise.resolve({ done: true, value: undefined });
          },
        }),
      });
    return [branch(first), branch(second)];
  }

  /** The items as newline-delimited JSON bytes, e.g. to send on from a server route. */
  toReadableStream(): ReadableStream<Uint8Array> {
    const iterator = this[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const result = await iterator.next();
          if (result.done) controller.close();
          else controller.enqueue(encoder.encode(`${JSON.stringify(result.value)}\n`));
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    });
  }
}

/**
 * The longest SSE event or NDJSON line a stream accepts, in characters (16 Mi). A model's chunk is a few hundred bytes;
 * a line past this is a broken or hostile server, and buffering it would grow memory without bound.
 */
export const maxEventLength = 16 * 1024 * 1024;

async function* iterateBody<Item>(options: StreamFromBodyOptions): AsyncGenerator<Item> {
  const { failures } = options;
  const reader = options.body.getReader();
  async function* text(): AsyncGenerator<string> {
    const decoder = new TextDecoder();
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        // Checked here too: a custom fetch may ignore the signal and keep its body flowing after an abort.
        options.controller.signal.throwIfAborted();
        result = await reader.read();
      } catch (error) {
        throw failures.readFailed(error);
      }
      if (result.done) break;
      yield decoder.decode(result.value, { stream: true });
    }
    const tail = decoder.decode();
    if (tail !== '') yield tail;
  }
  const framing = options.framing;
  let payloads: AsyncGenerator<unknown>;
  switch (framing) {
    case 'sse':
      payloads = readSSEPayloads({ text: text(), terminator: options.terminator, failures, maxEventLength });
      break;
    case 'ndjson':
      payloads = readNDJSONPayloads({ text: text(), failures, maxLineLength: maxEventLength });
      break;
    default: {
      const unknownFraming: never = framing;
      throw new TextgenError(`Unknown stream framing ${String(unknownFraming)}`);
    }
  }
  let completed = false;
  try {
    for await (const payload of payloads) {
      // Every vendor's chunk is a JSON object; a bare `null` or number would reach the caller as if it were one.
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
        throw failures.notAnObject(payload);
      if (hasErrorMember(payload)) throw failures.errorPayload(payload);
      yield payload as Item;
    }
    completed = true;
  } finally {
    options.onEnd?.();
    if (completed) {
      // The stream ended by itself, possibly at its terminator a moment before the server closed the response.
      // Aborting now would show a finished request as cancelled (Chromium logs net::ERR_ABORTED), so read on to the
      // end of the body in the background, and abort only if the server keeps it open.
      void drainBody(reader, options.controller);
    } else {
      // An error or a `break`: abort the fetch so the socket closes, and release the body. The cancel is not
      // awaited: msw 2 keeps an unread tee of every mocked body, so its cancel never settles (mswjs/interceptors#712),
      // and a `break` must return at once either way.
      options.controller.abort();
      reader.cancel().catch(() => undefined);
    }
  }
}

const drainTimeoutMs = 1_000;

async function drainBody(reader: ReadableStreamDefaultReader<Uint8Array>, controller: AbortController): Promise<void> {
  const timer = setTimeout(() => {
    controller.abort();
    reader.cancel().catch(() => undefined);
  }, drainTimeoutMs);
  // The timer alone must not keep Node running; the open socket still does until the server closes it or the timer
  // aborts it, so a server that lingers after its terminator can delay a script's exit by up to drainTimeoutMs.
  (timer as { unref?: () => void }).unref?.();
  try {
    while (!(await reader.read()).done) {
      // Bytes after the terminator carry nothing for the caller.
    }
  } catch {
    // The timer above cancelled the read, or the connection dropped after the stream was complete: nothing to report.
  } finally {
    clearTimeout(timer);
  }
}

function hasErrorMember(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return false;
  const error = payload.error;
  return error !== null && error !== undefined && error !== false;
}

async function* mapItems<Item, Mapped>(
  source: AsyncIterable<Item>,
  map: (item: Item) => Mapped,
): AsyncGenerator<Mapped> {
  for await (const item of source) yield map(item);
}
