import type { StreamFailures } from './stream-failures';

/**
 * Yields one parsed JSON value per line. Splits on `\n`, tolerates `\r\n` and a last line without `\n`, skips blank
 * lines. A last line that is not valid JSON means the body was cut, and throws.
 */
export async function* readNDJSONPayloads(options: { text: AsyncIterable<string>; failures: StreamFailures }): AsyncGenerator<unknown> {
  let buffer = '';
  for await (const chunk of options.text) {
    buffer += chunk;
    // Walk the lines by index and cut the buffer once per chunk: re-slicing it after every line copies the rest of a
    // large chunk again for each line in it.
    let lineStart = 0;
    for (let lineEnd = buffer.indexOf('\n'); lineEnd !== -1; lineEnd = buffer.indexOf('\n', lineStart)) {
      const line = buffer.slice(lineStart, lineEnd).trim();
      lineStart = lineEnd + 1;
      if (line !== '') yield options.failures.parse(line);
    }
    buffer = buffer.slice(lineStart);
  }
  const lastLine = buffer.trim();
  if (lastLine === '') return;
  let payload: unknown;
  try {
    payload = JSON.parse(lastLine);
  } catch {
    throw options.failures.truncated('in the middle of a line');
  }
  yield payload;
}
