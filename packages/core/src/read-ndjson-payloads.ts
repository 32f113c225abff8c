import type { StreamFailures } from './stream-failures';

/**
 * Yields one parsed JSON value per line. Splits on `\n`, tolerates `\r\n` and a last line without `\n`, skips blank
 * lines. A last line that is not valid JSON means the body was cut, and throws.
 */
export async function* readNDJSONPayloads(options: { text: AsyncIterable<string>; failures: StreamFailures }): AsyncGenerator<unknown> {
  let buffer = '';
  for await (const chunk of options.text) {
    buffer += chunk;
    let lineEnd = buffer.indexOf('\n');
    while (lineEnd !== -1) {
      const line = buffer.slice(0, lineEnd).trim();
      buffer = buffer.slice(lineEnd + 1);
      if (line !== '') yield options.failures.parse(line);
      lineEnd = buffer.indexOf('\n');
    }
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
