/**
 * Every item of a stream, in order, once it ends: a client's `Stream`, any async iterable, or a web `ReadableStream`
 * (read through its reader, since TypeScript's DOM types do not declare it async-iterable). A stream that fails
 * rejects with its own error.
 */
export async function collectStream<Item>(stream: AsyncIterable<Item> | ReadableStream<Item>): Promise<Item[]> {
  const items: Item[] = [];
  if (stream instanceof ReadableStream) {
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return items;
        items.push(value);
      }
    } finally {
      reader.releaseLock();
    }
  }
  for await (const item of stream) items.push(item);
  return items;
}
