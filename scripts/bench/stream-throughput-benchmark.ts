import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import { Stream as OpenAIStream } from 'openai/streaming';
import { summarizeThroughput, type ThroughputResult } from './bench-results';
import { benchmarkVendor, clientMethod } from './benchmark-vendor';
import { createOurClient, type BuiltPackages } from './load-built-packages';
import { measureInterleaved } from './measure-interleaved';
import { oursName, openaiName } from './non-stream-callers';
import type { RoundSettings } from './request-benchmarks';
import type { CannedResponseServer } from './start-canned-response-server';

type StreamFailures = Parameters<BuiltPackages['core']['Stream']['fromBody']>[0]['failures'];
type CompletionChunkShape = { choices?: ReadonlyArray<{ text?: unknown }> | null };

export const bareEventsourceParserName = 'bare eventsource-parser loop';
export const iteratedEventsourceParserName = 'the same loop behind an async iterator';
export const bareNDJSONLoopName = 'bare NDJSON line loop';
export const coreNDJSONName = '@textgen/core Stream (ndjson)';

const benchmarkApiKey = 'bench-local-key';

/** A chunk counts only if it parsed into the expected shape, so a reader that drops or mangles payloads is caught. */
function hasCompletionText(chunk: CompletionChunkShape): boolean {
  return typeof chunk.choices?.[0]?.text === 'string';
}

async function postForBody(url: string): Promise<ReadableStream<Uint8Array>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${benchmarkApiKey}`, 'content-type': 'application/json' },
    body: '{"stream":true}',
  });
  if (!response.ok || response.body === null)
    throw new Error(`The canned-response server answered HTTP ${response.status}.`);
  return response.body;
}

/**
 * The floor a stream reader cannot beat by much: fetch, a TextDecoder and eventsource-parser's callback parser fed
 * straight from the body's reader, JSON.parse per event, stop at `[DONE]`. No async iterator, no event objects.
 */
async function readWithBareEventsourceParser(url: string): Promise<number> {
  const reader = (await postForBody(url)).getReader();
  const decoder = new TextDecoder();
  let chunks = 0;
  let done = false;
  const parser = createParser({
    onEvent: (event) => {
      if (event.data === '[DONE]') done = true;
      else if (hasCompletionText(JSON.parse(event.data) as CompletionChunkShape)) chunks += 1;
    },
  });
  while (!done) {
    const read = await reader.read();
    if (read.done) break;
    parser.feed(decoder.decode(read.value, { stream: true }));
  }
  await reader.cancel();
  return chunks;
}

/**
 * The bare loop's parsing, handed out one chunk per `for await` step: the floor of any client that returns an
 * AsyncIterable, as ours and the openai SDK do. Each step costs a resolved promise and a result object that the bare
 * loop, which counts inside eventsource-parser's callback, never pays; this contender shows how much of the gap to
 * the bare loop is that protocol rather than the client. Its next() serves parsed chunks from a queue without an
 * async frame, the cheapest way to implement it.
 */
async function readWithIteratedEventsourceParser(url: string): Promise<number> {
  const reader = (await postForBody(url)).getReader();
  const decoder = new TextDecoder();
  let queue: unknown[] = [];
  let head = 0;
  let done = false;
  const parser = createParser({
    onEvent: (event) => {
      if (event.data === '[DONE]') done = true;
      else queue.push(JSON.parse(event.data));
    },
  });
  const readMore = async (): Promise<IteratorResult<unknown>> => {
    while (head === queue.length) {
      if (done) return { done: true, value: undefined };
      queue = [];
      head = 0;
      const read = await reader.read();
      if (read.done) done = true;
      else parser.feed(decoder.decode(read.value, { stream: true }));
    }
    return { done: false, value: queue[head++] };
  };
  const chunks: AsyncIterable<unknown> = {
    [Symbol.asyncIterator]: () => ({
      next: () => (head < queue.length ? Promise.resolve({ done: false, value: queue[head++] }) : readMore()),
    }),
  };
  let count = 0;
  for await (const chunk of chunks) if (hasCompletionText(chunk as CompletionChunkShape)) count += 1;
  await reader.cancel();
  return count;
}

/** The NDJSON floor: a TextDecoder, split on newlines as bytes arrive, JSON.parse per line. */
async function readWithBareLineLoop(url: string): Promise<number> {
  const reader = (await postForBody(url)).getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let chunks = 0;
  for (;;) {
    const read = await reader.read();
    if (read.done) break;
    pending += decoder.decode(read.value, { stream: true });
    let newline = pending.indexOf('\n');
    let start = 0;
    while (newline !== -1) {
      const line = pending.slice(start, newline);
      if (line !== '' && hasCompletionText(JSON.parse(line) as CompletionChunkShape)) chunks += 1;
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
  }
  return chunks;
}

/**
 * Time to read every chunk of one large SSE completion (`stream: true`), from request to the last chunk: our built
 * client, the openai SDK's `Stream`, and a bare eventsource-parser loop, all against the same server body.
 */
export async function runSSEThroughputBenchmark(options: {
  packages: BuiltPackages;
  server: CannedResponseServer;
  chunks: number;
  settings: RoundSettings;
}): Promise<ThroughputResult> {
  const { packages, server, chunks, settings } = options;
  const baseURL = `${server.origin}/sse/v1`;
  const createCompletion = clientMethod(
    createOurClient(packages, { baseURL, apiKey: benchmarkApiKey }),
    benchmarkVendor.stream,
  );
  const streamCompletion = async () => (await createCompletion(request)) as AsyncIterable<CompletionChunkShape>;
  const peer = new OpenAI({ baseURL, apiKey: benchmarkApiKey });
  const request = { model: benchmarkVendor.model, prompt: 'Count upwards', stream: true } as const;

  // tsx with the root tsconfig would load @textgen/core from src inside the vendor's dist; then this Stream would be
  // a different class from core's dist one. The check makes sure we time the build.
  const probe = await createCompletion(request);
  if (!(probe instanceof packages.core.Stream)) {
    throw new Error(
      `${oursName} returned a Stream that is not @textgen/core dist Stream: the benchmark is not running on dist output.`,
    );
  }
  probe.controller.abort();

  const samples = await measureInterleaved({
    ...settings,
    expectedUnits: chunks,
    contenders: [
      { name: bareEventsourceParserName, run: () => readWithBareEventsourceParser(`${baseURL}/completions`) },
      {
        name: iteratedEventsourceParserName,
        run: () => readWithIteratedEventsourceParser(`${baseURL}/completions`),
      },
      {
        name: openaiName,
        run: async () => {
          let count = 0;
          for await (const chunk of await peer.completions.create(request)) if (hasCompletionText(chunk)) count += 1;
          return count;
        },
      },
      {
        name: oursName,
        run: async () => {
          let count = 0;
          for await (const chunk of await streamCompletion()) if (hasCompletionText(chunk)) count += 1;
          return count;
        },
      },
    ],
  });
  return summarizeThroughput({
    id: 'sse',
    title: `SSE stream, ${chunks.toLocaleString('en-US')} chunks per sample`,
    unit: 'chunks',
    method:
      `one ${chunks}-chunk SSE completion per sample (data: [DONE] at the end), served chunked in 4 large writes; ` +
      'timed from request to the last chunk; every chunk must parse and carry its text.',
    settings: { ...settings, unitsPerSample: chunks },
    ours: oursName,
    samples,
  });
}

/**
 * Our NDJSON reader (core's public `Stream.fromBody` with `framing: 'ndjson'`, what the NDJSON vendors stream
 * through), the openai SDK's NDJSON reader (`Stream.fromReadableStream`) and a bare line loop, over the same body.
 */
export async function runNDJSONThroughputBenchmark(options: {
  packages: BuiltPackages;
  server: CannedResponseServer;
  chunks: number;
  settings: RoundSettings;
}): Promise<ThroughputResult> {
  const { packages, server, chunks, settings } = options;
  const url = `${server.origin}/ndjson/v1/stream`;
  // The transport builds these per response with the vendor name and key redaction; here there is no vendor or key.
  const failures: StreamFailures = {
    badPayload: (_payload, detail) => new Error(`The NDJSON body had a bad line: ${detail.slice(0, 120)}`),
    errorPayload: () => new Error('The NDJSON body carried an error payload.'),
    truncated: (detail) => new Error(`The NDJSON body ended ${detail}.`),
    readFailed: (cause) => new Error('Reading the NDJSON body failed.', { cause }),
  };
  const samples = await measureInterleaved({
    ...settings,
    expectedUnits: chunks,
    contenders: [
      { name: bareNDJSONLoopName, run: () => readWithBareLineLoop(url) },
      {
        name: openaiName,
        run: async () => {
          const stream = OpenAIStream.fromReadableStream<CompletionChunkShape>(
            await postForBody(url),
            new AbortController(),
          );
          let count = 0;
          for await (const chunk of stream) if (hasCompletionText(chunk)) count += 1;
          return count;
        },
      },
      {
        name: coreNDJSONName,
        run: async () => {
          const stream = packages.core.Stream.fromBody<CompletionChunkShape>({
            body: await postForBody(url),
            framing: 'ndjson',
            controller: new AbortController(),
            failures,
          });
          let count = 0;
          for await (const chunk of stream) if (hasCompletionText(chunk)) count += 1;
          return count;
        },
      },
    ],
  });
  return summarizeThroughput({
    id: 'ndjson',
    title: `NDJSON stream, ${chunks.toLocaleString('en-US')} lines per sample`,
    unit: 'chunks',
    method:
      `one ${chunks}-line NDJSON body per sample, served chunked in 4 large writes, fetched with global fetch and read by ` +
      'each reader as bytes arrive; every line must parse and carry its text.',
    settings: { ...settings, unitsPerSample: chunks },
    ours: coreNDJSONName,
    samples,
  });
}
