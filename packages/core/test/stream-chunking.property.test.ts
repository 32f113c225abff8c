/**
 * Property: however the network splits a body into chunks (even inside a multi-byte character), a stream yields
 * exactly the payloads that were sent, in order. One-byte chunks are covered in stream.test.ts; this walks random cuts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFakeTransport, streamEcho } from './support/fake-vendor';

/** Serves `bytes` cut at the given offsets, one chunk per piece. */
function chunkedTransport(bytes: Uint8Array, cuts: number[]) {
  const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((left, right) => left - right);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    if (offset > start) pieces.push(bytes.slice(start, offset));
    start = Math.max(start, offset);
  }
  return createFakeTransport({
    fetch: async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const piece of pieces) controller.enqueue(piece);
            controller.close();
          },
        }),
      ),
  });
}

// Payload text with quotes, backslashes, newlines inside strings, and characters of 2, 3 and 4 UTF-8 bytes.
const payloads = fc.array(
  fc.record({ text: fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', '\n', 'é', '€', '😀') }), index: fc.nat() }),
  { maxLength: 12 },
);
const cuts = fc.array(fc.nat(), { maxLength: 20 });

async function collect(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('stream chunk boundaries (property)', () => {
  it('SSE yields every payload whatever the chunking, CRLF or LF', async () => {
    await fc.assert(
      fc.asyncProperty(payloads, cuts, fc.constantFrom('\n', '\r\n'), async (sent, cutPoints, lineEnd) => {
        const body =
          sent.map((payload) => `data: ${JSON.stringify(payload)}${lineEnd}${lineEnd}`).join('') +
          `data: [DONE]${lineEnd}${lineEnd}`;
        const stream = await streamEcho(chunkedTransport(new TextEncoder().encode(body), cutPoints), {
          framing: 'sse',
          terminator: '[DONE]',
        });
        expect(await collect(stream)).toEqual(sent);
      }),
      { numRuns: 200 },
    );
  });

  it('NDJSON yields every line whatever the chunking, with or without a final line end', async () => {
    await fc.assert(
      fc.asyncProperty(payloads, cuts, fc.boolean(), async (sent, cutPoints, finalLineEnd) => {
        const body =
          sent.map((payload) => JSON.stringify(payload)).join('\n') + (finalLineEnd && sent.length > 0 ? '\n' : '');
        const stream = await streamEcho(chunkedTransport(new TextEncoder().encode(body), cutPoints), {
          framing: 'ndjson',
        });
        expect(await collect(stream)).toEqual(sent);
      }),
      { numRuns: 200 },
    );
  });
});
