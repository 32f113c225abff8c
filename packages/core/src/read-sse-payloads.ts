import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { StreamFailures } from './stream-failures';

/**
 * Yields the parsed JSON `data` of each server-sent event, parsed by eventsource-parser. Stops at the terminator,
 * throws on an `error` event, and throws when the body ends mid-event or (when a terminator is expected) before it.
 */
export async function* readSSEPayloads(options: {
  text: AsyncIterable<string>;
  terminator?: string | undefined;
  failures: StreamFailures;
  /** eventsource-parser's `maxBufferSize`: an event that grows past it fails the stream. */
  maxEventLength: number;
}): AsyncGenerator<unknown> {
  const { failures, terminator, maxEventLength } = options;
  const events: EventSourceMessage[] = [];
  let flushing = false;
  let unfinished = false;
  let oversized = false;
  const parser = createParser({
    onEvent: (event) => events.push(event),
    maxBufferSize: maxEventLength,
    // Unknown fields are ignored mid-stream, as the SSE spec says; during the final flush they mean a cut-off line.
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') oversized = true;
      else if (flushing) unfinished = true;
    },
  });
  const handle = (event: EventSourceMessage): { done: boolean; payload?: unknown } => {
    if (terminator !== undefined && event.data === terminator) return { done: true };
    if (event.event === 'error') throw failures.errorPayload(parseOrText(event.data));
    return { done: false, payload: failures.parse(event.data) };
  };
  for await (const chunk of options.text) {
    parser.feed(chunk);
    if (oversized) throw failures.tooLarge(maxEventLength);
    for (const event of events.splice(0)) {
      const result = handle(event);
      if (result.done) return;
      yield result.payload;
    }
  }
  // Two line ends dispatch whatever the body left half-sent; any event that appears now was never finished.
  flushing = true;
  parser.feed('\n\n');
  const leftover = events.splice(0);
  // A terminator missing only its blank line is complete enough: nothing after it is lost.
  if (leftover.length === 1 && leftover[0]?.data === terminator && terminator !== undefined) return;
  if (leftover.length > 0 || unfinished) throw failures.truncated('in the middle of an event');
  if (terminator !== undefined) throw failures.truncated(`before the ${terminator} terminator`);
}

function parseOrText(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
