import type { OpenApiResponse } from './openapi-document';
import { isRecord, stableDigest, type AnswerContext, type RequestAnswer } from './request-answer';
import { isStreamMediaType } from './spec-operations';
import { createValidationErrorBody } from './validation-error-body';
import type { VendorRegistryEntry } from './vendor-registry-entry';

/**
 * The JSON payloads of a stream example in order: SSE `data:` payloads (the `[DONE]` terminator left out) or NDJSON
 * lines. A payload that is not JSON is kept as its text. This reads only the spec's own examples, whose framing
 * CONVENTIONS.md fixes and test/spec-examples.test.ts checks (blank-line-separated events, `data:` fields), never
 * bytes from a network; clients and tests parse real streams with eventsource-parser.
 */
export function readStreamPayloads(options: { body: string; mediaType: string }): unknown[] {
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };
  if (options.mediaType.toLowerCase() === 'text/event-stream') {
    return options.body
      .split(/\r?\n\r?\n/)
      .map((event) =>
        event
          .split(/\r?\n/)
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice('data:'.length).replace(/^ /, ''))
          .join('\n'),
      )
      .filter((data) => data !== '' && data !== '[DONE]')
      .map(parse);
  }
  return options.body
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map(parse);
}

/** Frames payloads the way the stream example does: SSE events, plus `data: [DONE]` where the example ends with it. */
export function frameStreamPayloads(options: { payloads: unknown[]; mediaType: string; example: string }): string[] {
  const lines = options.payloads.map((payload) => (typeof payload === 'string' ? payload : JSON.stringify(payload)));
  if (options.mediaType.toLowerCase() !== 'text/event-stream') return lines.map((line) => `${line}\n`);
  const events = lines.map((line) => `data: ${line}\n\n`);
  return /(^|\n)data: \[DONE\]\s*$/.test(options.example) ? [...events, 'data: [DONE]\n\n'] : events;
}

/**
 * The mock's answer built from the request (see README "Answers follow the request"), or undefined to serve the
 * example unchanged. The rules are the vendor's own (`packages/<vendor>/mock/<vendor>-mock-answers.ts`, reached through
 * the generated registry); a vendor without that file has none, and its examples are served as they are.
 */
export function answerRequest(options: {
  entry: VendorRegistryEntry;
  operationId: string;
  body: unknown;
  response: OpenApiResponse;
  mediaType: string;
  wantsStream: boolean;
}): RequestAnswer | undefined {
  const { entry, mediaType } = options;
  if (entry.mock.answerRequest === undefined || !isRecord(options.body)) return undefined;
  const examples = Object.values(options.response.content?.[mediaType]?.examples ?? {}).map((example) => example.value);
  if (examples.length === 0) return undefined;
  const context: AnswerContext = {
    operationId: options.operationId,
    body: options.body,
    example: examples[0],
    examples,
    wantsStream: options.wantsStream && isStreamMediaType(mediaType),
    streamPayloadsOf: (example) =>
      typeof example === 'string' ? readStreamPayloads({ body: example, mediaType }) : [],
    stableDigest,
    validationErrorBody: (issues) => createValidationErrorBody({ shape: entry.mock.validationErrorBody, issues }),
  };
  return entry.mock.answerRequest(context);
}
