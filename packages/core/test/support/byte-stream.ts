/** A body that arrives one byte at a time, so every line and event is split across chunks. */
export function byteStream(
  text: string,
  options: { onCancel?: () => void; endless?: boolean } = {},
): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < bytes.length) {
        controller.enqueue(bytes.slice(index, index + 1));
        index += 1;
      } else if (options.endless) {
        // Keep the stream open forever, like a server that keeps sending; only cancel ends it.
        index = 0;
      } else {
        controller.close();
      }
    },
    cancel() {
      options.onCancel?.();
    },
  });
}
