import OpenAI from 'openai';
import { throughputRow, type ComparisonRow } from './comparison-row';
import type { BuiltPackages } from './load-built-packages';
import { measureInterleaved } from './measure-interleaved';
import { startBodyServer } from './start-body-server';
import { syntheticNDJSONBody, syntheticSSEBody } from './synthetic-stream-bodies';

export interface StreamThroughputSettings {
  chunks: number;
  /** How many `write()` calls the server splits the body into. */
  serverWrites: number;
  warmupRounds: number;
  rounds: number;
}

type StreamFailures = Parameters<BuiltPackages['core']['Stream']['fromBody']>[0]['failures'];

const benchmarkApiKey = 'bench-local-key';

/** A chunk counts only if it parsed into the expected shape, so a reader that drops or mangles payloads is caught. */
function hasCompletionText(chunk: { choices?: ReadonlyArray<{ text?: unknown }> | null }): boolean {
  return typeof chunk.choices?.[0]?.text === 'string';
}

/**
 * Time to read every chunk of one large SSE completion (`stream: true`), from request to the last chunk, through our
 * built client and through the openai SDK, served by the same loopback server.
 */
export async function runSSEThroughputBenchmark(options: {
  packages: BuiltPackages;
  settings: StreamThroughputSettings;
}): Promise<ComparisonRow> {
  const { packages, settings } = options;
  const body = syntheticSSEBody(settings.chunks);
  const server = await startBodyServer({ body: body.bytes, contentType: 'text/event-stream', writes: settings.serverWrites });
  try {
    const baseURL = `${server.url}/v1`;
    const ours = packages.aitre.createAitre({ baseURL, apiKey: benchmarkApiKey, maxRetries: 0 });
    const peer = new OpenAI({ baseURL, apiKey: benchmarkApiKey, maxRetries: 0 });
    const request = { model: 'gpt-3.5-turbo-instruct', prompt: 'Count upwards', stream: true } as const;

    // tsx with the root tsconfig would load @textgen/core from src inside aitre's dist; then this Stream would be a
    // different class from core's dist one. The check makes sure we time the build.
    const probe = await ours.completions.create(request);
    if (!(probe instanceof packages.core.Stream)) {
      throw new Error('@textgen/aitre returned a Stream that is not @textgen/core dist Stream: the benchmark is not running on dist output.');
    }
    probe.controller.abort();

    const result = await measureInterleaved({
      warmupRounds: settings.warmupRounds,
      rounds: settings.rounds,
      expectedUnits: body.items,
      contenders: [
        {
          name: '@textgen/aitre',
          run: async () => {
            let chunks = 0;
            for await (const chunk of await ours.completions.create(request)) if (hasCompletionText(chunk)) chunks += 1;
            return chunks;
          },
        },
        {
          name: 'openai SDK',
          run: async () => {
            let chunks = 0;
            for await (const chunk of await peer.completions.create(request)) if (hasCompletionText(chunk)) chunks += 1;
            return chunks;
          },
        },
      ],
    });
    const [oursSamples, peerSamples] = result.contenders;
    return throughputRow({ benchmark: `SSE stream, ${settings.chunks} chunks`, unit: 'chunks/s', ours: oursSamples!, peer: peerSamples! });
  } finally {
    await server.close();
  }
}

/**
 * Our NDJSON reader (core's public `Stream.fromBody` with `framing: 'ndjson'`, what @textgen/wetrocloud streams
 * through) against the naive reader people write by hand: `await response.text()`, `split('\n')`, `JSON.parse` per
 * line. Both fetch the same bytes from the same loopback server; the naive one buffers the whole body, ours parses
 * as bytes arrive and checks each line for an `error` member.
 */
export async function runNDJSONThroughputBenchmark(options: {
  packages: BuiltPackages;
  settings: StreamThroughputSettings;
}): Promise<ComparisonRow> {
  const { packages, settings } = options;
  const body = syntheticNDJSONBody(settings.chunks);
  const server = await startBodyServer({ body: body.bytes, contentType: 'application/x-ndjson', writes: settings.serverWrites });
  // The transport builds these per response with the vendor name and key redaction; here there is no vendor or key.
  // `parse` does what the transport's does on the happy path: one JSON.parse inside a try.
  const failures: StreamFailures = {
    parse: (raw) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        throw new Error(`The NDJSON body had a line that is not JSON: ${raw.slice(0, 80)}`);
      }
    },
    truncated: (detail) => new Error(`The NDJSON body ended ${detail}.`),
    errorPayload: () => new Error('The NDJSON body carried an error payload.'),
    readFailed: (cause) => new Error('Reading the NDJSON body failed.', { cause }),
  };
  try {
    const fetchBody = async () => {
      const response = await fetch(server.url);
      if (!response.ok || response.body === null) throw new Error(`The NDJSON server answered HTTP ${response.status}.`);
      return response;
    };
    const result = await measureInterleaved({
      warmupRounds: settings.warmupRounds,
      rounds: settings.rounds,
      expectedUnits: body.items,
      contenders: [
        {
          name: '@textgen/core Stream (ndjson)',
          run: async () => {
            const response = await fetchBody();
            const stream = packages.core.Stream.fromBody<{ choices?: Array<{ text?: unknown }> }>({
              body: response.body!,
              framing: 'ndjson',
              controller: new AbortController(),
              failures,
            });
            let lines = 0;
            for await (const chunk of stream) if (hasCompletionText(chunk)) lines += 1;
            return lines;
          },
        },
        {
          name: "naive text().split('\\n') + JSON.parse",
          run: async () => {
            const response = await fetchBody();
            let lines = 0;
            for (const line of (await response.text()).split('\n')) {
              if (line === '') continue;
              if (hasCompletionText(JSON.parse(line) as { choices?: Array<{ text?: unknown }> })) lines += 1;
            }
            return lines;
          },
        },
      ],
    });
    const [oursSamples, peerSamples] = result.contenders;
    return throughputRow({ benchmark: `NDJSON stream, ${settings.chunks} lines`, unit: 'lines/s', ours: oursSamples!, peer: peerSamples! });
  } finally {
    await server.close();
  }
}
