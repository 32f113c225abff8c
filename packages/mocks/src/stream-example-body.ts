/**
 * Splits a stream example into the pieces a real server would flush one by one: SSE events (each ending with its
 * blank line) or NDJSON lines (each ending with `\n`). Joining the pieces gives back the example byte for byte.
 */
export function splitStreamExample(options: { body: string; mediaType: string }): string[] {
  const separator = options.mediaType.toLowerCase() === 'text/event-stream' ? /(?<=\r?\n\r?\n)/ : /(?<=\n)/;
  return options.body.split(separator).filter((piece) => piece !== '');
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/**
 * A pull-based byte stream: each piece becomes its own chunk, with `delayMs` between chunks, so clients see a real
 * incremental body. msw's `sse()` only serves GET/EventSource, and LLM streams are POST responses
 * (docs/architecture.md, toolchain pitfalls).
 */
export function createChunkStream(options: { chunks: string[]; delayMs: number }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index >= options.chunks.length) {
        controller.close();
        return;
      }
      if (index > 0 && options.delayMs > 0) await sleep(options.delayMs);
      controller.enqueue(encoder.encode(options.chunks[index]));
      index += 1;
    },
  });
}
