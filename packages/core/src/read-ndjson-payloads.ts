import type { StreamFailures } from './stream-failures';

/**
 * Yields one parsed JSON value per line. Splits on `\n`, tolerates `\r\n` and a last line without `\n`, skips blank
 * lines. A last line that is not valid JSON means the body was cut, and throws. A line longer than `maxLineLength`
 * characters throws instead of growing without bound.
 */
export async function* readNDJSONPayloads(options: {
  text: AsyncIterable<string>;
  failures: StreamFailures;
  maxLineLength: number;
}): AsyncGenerator<unknown> {
  const { failures, maxLineLength } = options;
  // The pieces of a line that has not ended yet. Kept apart and joined once at its `\n`: appending to one string and
  // searching it again on every chunk would scan a long line over and over (quadratic in its length).
  let pending: string[] = [];
  let pendingLength = 0;
  for await (const chunk of options.text) {
    let lineStart = 0;
    for (let lineEnd = chunk.indexOf('\n'); lineEnd !== -1; lineEnd = chunk.indexOf('\n', lineStart)) {
      let line = chunk.slice(lineStart, lineEnd);
      if (pending.length > 0) {
        pending.push(line);
        line = pending.join('');
        pending = [];
      }
      if (line.length > maxLineLength) throw failures.tooLarge(maxLineLength);
      pendingLength = 0;
      lineStart = lineEnd + 1;
      line = line.trim();
      if (line !== '') yield failures.parse(line);
    }
    if (lineStart < chunk.length) {
      pending.push(lineStart === 0 ? chunk : chunk.slice(lineStart));
      pendingLength += chunk.length - lineStart;
      if (pendingLength > maxLineLength) throw failures.tooLarge(maxLineLength);
    }
  }
  const lastLine = pending.join('').trim();
  if (lastLine === '') return;
  let payload: unknown;
  try {
    payload = JSON.parse(lastLine);
  } catch {
    throw failures.truncated('in the middle of a line');
  }
  yield payload;
}
