import { createParser } from 'eventsource-parser';

/** The SSE `data:` value OpenAI-style streams end with; it is a sentinel, not a payload. */
const doneSentinel = '[DONE]';

function parsePayload(text: string, mediaType: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`A ${mediaType} payload is not JSON: ${JSON.stringify(text.slice(0, 200))}.`);
  }
}

/**
 * The JSON payloads of a stream, in order: each SSE event's `data` (read with eventsource-parser, the parser the
 * clients use, so a test does not check the mock with the mock's own splitting) without the `[DONE]` sentinel, or
 * each NDJSON line. Pass a spec example (`listMockExamples()` items have `value` and `mediaType`) or a body read
 * off the wire as `{ value: text, mediaType: response.headers.get('content-type') }`.
 */
export function streamExamplePayloads(example: { value: unknown; mediaType: string | null }): unknown[] {
  const { value } = example;
  const mediaType = (example.mediaType ?? '').split(';')[0]!.trim().toLowerCase();
  if (typeof value !== 'string') {
    throw new TypeError(`streamExamplePayloads needs the stream's text as value, got ${typeof value}.`);
  }
  if (mediaType === 'text/event-stream') {
    const data: string[] = [];
    const parser = createParser({ onEvent: (event) => data.push(event.data) });
    parser.feed(value);
    return data.filter((text) => text !== doneSentinel).map((text) => parsePayload(text, mediaType));
  }
  if (mediaType === 'application/x-ndjson' || mediaType === 'application/jsonl') {
    return value
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => parsePayload(line, mediaType));
  }
  throw new TypeError(
    `streamExamplePayloads reads text/event-stream or application/x-ndjson, got mediaType "${example.mediaType}".`,
  );
}
