import { createParser } from 'eventsource-parser';
import type { Redactor } from './redact-secret';
import { parseOrText } from './retrying-fetch';
import type { StreamFromBodyOptions } from './stream';
import { createTimedRead } from './timed-read';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, type APIError } from './textgen-error';

/**
 * The longest SSE event or NDJSON line a stream accepts, in characters (16 Mi). A model's chunk is a few hundred bytes;
 * a line past this is a broken or hostile server, and buffering it would grow memory without bound.
 */
export const maxEventLength = 16 * 1024 * 1024;

/** How the stream reader reports failures; the transport builds these with the vendor, response and key redaction. */
export interface StreamFailures {
  /** A payload that is not a chunk (not JSON, not an object, too long): `detail` says what was wrong with it. */
  badPayload(payload: unknown, detail: string): Error;
  /** The stream carried an error (an SSE `error` event, or a payload with an `error` member). */
  errorPayload(payload: unknown): Error;
  /** The body ended early, e.g. `in the middle of an event`. */
  truncated(detail: string): Error;
  /** Reading the body failed: the connection dropped, no data came within the timeout, or it was aborted. */
  readFailed(cause: unknown): Error;
}

/** The failures of one streamed response, with the vendor, status and key redaction filled in. */
export function createStreamFailures(context: {
  vendor: string;
  response: Response;
  signal: AbortSignal;
  redactor: Redactor;
  errorFromBody: (input: { response: Response; body: unknown; detail?: string }) => APIError;
  describe: (body: unknown) => string;
}): StreamFailures {
  const { vendor, response, redactor } = context;
  const target = `the ${response.status} response from ${response.url || 'the server'}`;
  const connectionError = (message: string, cause?: unknown) =>
    new APIConnectionError({
      vendor,
      message: redactor.text(`[${vendor}] ${message}. Retry the request.`),
      cause: redactor.safeCause(cause),
    });
  const badPayload = (body: unknown, detail: string) => context.errorFromBody({ response, body, detail });
  return {
    badPayload,
    errorPayload: (body) => badPayload(body, `The stream reported an error: ${context.describe(body)}`),
    truncated: (detail) => connectionError(`The stream of ${target} ended ${detail}; the connection was probably cut`),
    readFailed: (cause) =>
      // The idle timeout of retrying-fetch already built the right error, naming the request.
      APIConnectionTimeoutError.isInstance(cause)
        ? cause
        : context.signal.aborted
          ? new APIUserAbortError({
              vendor,
              message: `[${vendor}] The stream was aborted by the caller.`,
              cause: redactor.safeCause(cause),
            })
          : connectionError(`Reading the stream of ${target} failed: ${String(cause)}`, cause),
  };
}

/**
 * One flat async iterator over the parsed payloads of a streamed body. Each read of the body is decoded and framed at
 * once (SSE by eventsource-parser, NDJSON by line), and its payloads wait in `queue`; next() serves them from there
 * and reads again only when the queue is empty, so a payload costs no more than one resolved promise.
 *
 * A failure found while framing waits behind the payloads before it, so the caller sees exactly what came before.
 * Stops at the terminator; fails when the body ends mid-event or mid-line, or before an expected terminator.
 */
export function readStreamBody<Item>(options: StreamFromBodyOptions): AsyncIterator<Item> {
  const { failures, controller, terminator } = options;
  const reader = options.body.getReader();
  const decoder = new TextDecoder();
  let queue: unknown[] = [];
  let head = 0;
  /** The body holds nothing more for the caller: it ended, reached its terminator, or failed with `failure`. */
  let ended = false;
  let failure: Error | undefined;
  /** The iteration is over and the request released (onEnd called); next() only answers done. */
  let closed = false;
  let reading: Promise<void> | undefined;

  /** Set when the body has ended: the framing flushes what is left, and a payload cut short means a cut stream. */
  let flushing = false;
  const tooLarge = () =>
    failures.badPayload(
      undefined,
      `The stream sent an event or line longer than ${maxEventLength} characters; reading stopped to bound memory.`,
    );
  /** Parses one payload's JSON text and queues it. */
  const accept = (raw: string) => {
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      throw flushing
        ? failures.truncated('in the middle of a line')
        : failures.badPayload(raw, `The stream sent a payload that is not JSON: ${raw}`);
    }
    // Every vendor's chunk is a JSON object; a bare `null` or number would reach the caller as if it were one.
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw failures.badPayload(
        payload,
        `The stream sent ${JSON.stringify(payload)} where a JSON object (one chunk) was expected.`,
      );
    }
    const error = (payload as { error?: unknown }).error;
    if (error !== null && error !== undefined && error !== false) throw failures.errorPayload(payload);
    queue.push(payload);
  };

  // SSE: eventsource-parser calls onEvent inside feed(), so what onEvent throws ends the feed.
  let unfinished = false;
  const parser = createParser({
    maxBufferSize: maxEventLength,
    onEvent: ({ event, data }) => {
      if (ended) return;
      // A terminator missing only its blank line (dispatched by the final flush) is complete enough.
      if (data === terminator) ended = true;
      // Any other event that only the final flush dispatches was never finished.
      else if (flushing) unfinished = true;
      else if (event === 'error') throw failures.errorPayload(parseOrText(data));
      else accept(data);
    },
    // Unknown fields are ignored mid-stream, as the SSE spec says; during the final flush they mean a cut-off line.
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') throw tooLarge();
      if (flushing) unfinished = true;
    },
  });

  // NDJSON: the pieces of a line that has not ended yet. Kept apart and joined once at its `\n`: appending to one
  // string and searching it again on every chunk would scan a long line over and over (quadratic in its length).
  let pending: string[] = [];
  let pendingLength = 0;
  const feedNDJSON = (text: string) => {
    const lines = text.split('\n');
    const unfinishedLine = lines.pop() as string;
    if (lines.length > 0) {
      pending.push(lines[0] as string);
      lines[0] = pending.join('');
      pending = [];
      pendingLength = 0;
    }
    for (const line of lines) {
      if (line.length > maxEventLength) throw tooLarge();
      // Tolerates `\r\n`; skips blank lines.
      const trimmed = line.trim();
      if (trimmed !== '') accept(trimmed);
    }
    pending.push(unfinishedLine);
    pendingLength += unfinishedLine.length;
    if (pendingLength > maxEventLength) throw tooLarge();
  };

  const sse = options.framing === 'sse';
  const feed = sse ? (text: string) => parser.feed(text) : feedNDJSON;

  const timedRead = createTimedRead(reader, options.idle);

  /** One read of the body into the queue. Never rejects: a failure is kept until the queue before it is served. */
  const read = async () => {
    queue = [];
    head = 0;
    try {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        // Checked here too: a custom fetch may ignore the signal and keep its body flowing after an abort.
        controller.signal.throwIfAborted();
        result = await timedRead.read();
      } catch (error) {
        throw failures.readFailed(error);
      }
      if (result.done) {
        // Two line ends dispatch whatever the body left half-sent: an SSE event, or an NDJSON last line without `\n`.
        flushing = true;
        feed(`${decoder.decode()}\n\n`);
        if (sse && !ended && (unfinished || terminator !== undefined)) {
          throw failures.truncated(unfinished ? 'in the middle of an event' : `before the ${terminator} terminator`);
        }
        ended = true;
      } else {
        feed(decoder.decode(result.value, { stream: true }));
      }
    } catch (error) {
      ended = true;
      failure = error as Error;
    }
    reading = undefined;
  };

  const cancel = () => {
    controller.abort();
    reader.cancel().catch(() => undefined);
  };
  const close = (completed: boolean) => {
    if (closed) return;
    closed = true;
    timedRead.stop();
    queue = [];
    head = 0;
    options.onEnd?.();
    // An error or a `break`: abort the fetch so the socket closes, and release the body. The cancel is not awaited:
    // msw 2 keeps an unread tee of every mocked body, so its cancel never settles (mswjs/interceptors#712), and a
    // `break` must return at once either way.
    if (!completed) return cancel();
    // The stream ended by itself, possibly at its terminator a moment before the server closed the response.
    // Aborting now would show a finished request as cancelled (Chromium logs net::ERR_ABORTED), so read on to the
    // end of the body in the background, and abort only if the server keeps it open past drainTimeoutMs.
    const timer = setTimeout(cancel, drainTimeoutMs);
    // The timer alone must not keep Node running; the open socket still does until the server closes it or the timer
    // aborts it, so a server that lingers after its terminator can delay a script's exit by up to drainTimeoutMs.
    (timer as { unref?: () => void }).unref?.();
    // Bytes after the end carry nothing for the caller; a failed read (the timer's cancel, a connection dropped after
    // the stream was complete) ends the drain with nothing to report.
    const drain = (): Promise<unknown> =>
      reader.read().then(
        (read) => read.done || drain(),
        () => undefined,
      );
    void drain().then(() => clearTimeout(timer));
  };

  const nextAfterRead = async (): Promise<IteratorResult<Item>> => {
    while (head === queue.length) {
      if (closed) return { done: true, value: undefined };
      if (ended) {
        close(!failure);
        if (failure) throw failure;
      } else {
        // Calls that overlap (a tee) wait for the same read, as they would queue on an async generator.
        await (reading ??= read());
      }
    }
    return { done: false, value: queue[head++] as Item };
  };

  return {
    // A queued item is served without an async function's frame: `for await` pays one resolved promise per item,
    // about a twentieth of a stream's throughput less than an async next().
    next: () =>
      head < queue.length ? Promise.resolve({ done: false, value: queue[head++] as Item }) : nextAfterRead(),
    // Like an async generator's return(), it waits for the next() calls before it, which a read in flight serves, and
    // releases the request at once between items (a `break`) or before the first next().
    async return(value?: unknown) {
      while (reading) await reading;
      close(false);
      return { done: true, value };
    },
  };
}

const drainTimeoutMs = 1_000;
