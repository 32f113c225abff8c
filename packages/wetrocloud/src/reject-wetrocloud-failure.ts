import { Stream, createAPIPromise, type APIPromise, type Transport } from '@textgen/core';
import type { paths } from './generated/schema';
import type { WetrocloudTextGenerationChunk } from './wetrocloud-stream-chunk';

type WetrocloudTransport = Pick<Transport<paths>, 'createAPIError'>;

/** Wetrocloud can answer HTTP 200 with `success: false`; the reply is then not usable (vendors.md, "Response 200"). */
function failureDetail(body: { success?: boolean | undefined; response?: unknown }): string {
  // Not cut here: core redacts the key from the detail first and only then shortens it. The vendor's text goes last,
  // so the shortening never takes the advice.
  const said = typeof body.response === 'string' && body.response.trim() !== '' ? ` It said: ${body.response}` : '';
  return `Wetrocloud reported failure (success: false) in a 200 response, so there is no usable reply. Retry the request, or check the model and messages.${said}`;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `null`, `an array`, `a string`...: what came instead of an object, for the error message. */
function describeNonObject(value: unknown): string {
  if (value === undefined) return 'empty';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * Rejects with a typed APIError (status 200, the body attached) when the JSON body says `success: false`, or is not
 * an object at all (then it cannot say anything, and reading `success` off it would be a TypeError).
 */
export function rejectUnsuccessfulResponse<Data extends { success: boolean }>(options: {
  promise: APIPromise<Data>;
  transport: WetrocloudTransport;
}): APIPromise<Data> {
  const { promise, transport } = options;
  return createAPIPromise(
    promise.withResponse().then((result) => {
      const body: unknown = result.data;
      if (!isJsonObject(body)) {
        throw transport.createAPIError({
          response: result.response,
          body,
          detail: `The 200 response body is ${describeNonObject(body)}, not a JSON object { success, response, tokens }; there is no reply in it. Retry, or check that the base URL points at the Wetrocloud API.`,
        });
      }
      if (result.data.success === false) {
        throw transport.createAPIError({ response: result.response, body: result.data, detail: failureDetail(result.data) });
      }
      return result;
    }),
  );
}

/** The same check on each NDJSON line: a line with `success: false` ends the stream with a typed APIError. */
export function rejectUnsuccessfulChunks(options: {
  promise: APIPromise<Stream<WetrocloudTextGenerationChunk>>;
  transport: WetrocloudTransport;
}): APIPromise<Stream<WetrocloudTextGenerationChunk>> {
  const { promise, transport } = options;
  return createAPIPromise(
    promise.withResponse().then((result) => {
      const source = result.data;
      async function* checkedChunks(): AsyncGenerator<WetrocloudTextGenerationChunk> {
        // for-await calls the source's return() on an early exit, which cancels the body and aborts the request.
        for await (const chunk of source) {
          const line: unknown = chunk;
          if (!isJsonObject(line)) {
            throw transport.createAPIError({
              response: result.response,
              body: line,
              detail: `A stream chunk (NDJSON line) is ${describeNonObject(line)}, not a JSON object { response, success }; the stream cannot be read past it.`,
            });
          }
          if (chunk.success === false) {
            throw transport.createAPIError({ response: result.response, body: chunk, detail: failureDetail(chunk) });
          }
          yield chunk;
        }
      }
      const checked = new Stream<WetrocloudTextGenerationChunk>({ iterate: checkedChunks, controller: source.controller });
      return { ...result, data: checked };
    }),
  );
}
