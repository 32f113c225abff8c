import { createParser } from 'eventsource-parser';

/** The data payloads of a stream example: SSE `data:` fields (via eventsource-parser) or NDJSON lines. */
export function streamPayloads(options: { body: string; mediaType: string }): string[] {
  if (options.mediaType === 'text/event-stream') {
    const payloads: string[] = [];
    const parser = createParser({ onEvent: (event) => payloads.push(event.data) });
    parser.feed(options.body);
    return payloads;
  }
  return options.body.split('\n').filter((line) => line !== '');
}
