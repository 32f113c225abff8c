/**
 * `pnpm bench`: our built packages against their peers, side by side in one process, printed as ratios. Nothing here
 * asserts a speed or a size; the numbers depend on the machine, and the ratios are what to compare between runs.
 * Run with `tsx --tsconfig scripts/bench/tsconfig.json` (see that file for why) after building the packages.
 */
import { readFileSync } from 'node:fs';
import { cpus, platform, arch } from 'node:os';
import { join } from 'node:path';
import { runBundleSizeBenchmark } from './bundle-size-benchmark';
import type { ComparisonRow } from './comparison-row';
import { formatResultsTable } from './format-results-table';
import { loadBuiltPackages, repositoryRoot } from './load-built-packages';
import { runRequestOverheadBenchmark, type RequestOverheadSettings } from './request-overhead-benchmark';
import { runNDJSONThroughputBenchmark, runSSEThroughputBenchmark, type StreamThroughputSettings } from './stream-throughput-benchmark';

// `--quick` is a smoke run (fewer, shorter samples) for checking the script itself; its numbers are noisier.
const quick = process.argv.includes('--quick');

const requestSettings: RequestOverheadSettings = quick
  ? { callsPerSample: 10, warmupRounds: 1, rounds: 5 }
  : { callsPerSample: 50, warmupRounds: 3, rounds: 21 };
const streamSettings: StreamThroughputSettings = quick
  ? { chunks: 5_000, serverWrites: 4, warmupRounds: 1, rounds: 5 }
  : { chunks: 20_000, serverWrites: 4, warmupRounds: 3, rounds: 21 };

function packageVersion(folder: string): string {
  return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const packages = await loadBuiltPackages();
  const log = (line: string) => process.stderr.write(`${line}\n`);

  log('Running: request overhead (mock server over HTTP)...');
  const requestRows = await runRequestOverheadBenchmark({ packages, settings: requestSettings });
  log(`Running: SSE stream parsing (${streamSettings.chunks} chunks)...`);
  const sseRow = await runSSEThroughputBenchmark({ packages, settings: streamSettings });
  log(`Running: NDJSON stream parsing (${streamSettings.chunks} lines)...`);
  const ndjsonRow = await runNDJSONThroughputBenchmark({ packages, settings: streamSettings });
  log('Running: browser bundle sizes (esbuild)...');
  const bundles = await runBundleSizeBenchmark();

  const rows: ComparisonRow[] = [...requestRows, sseRow, ndjsonRow, ...bundles.rows];
  const cpuList = cpus();
  const lines = [
    '',
    `textgen benchmarks${quick ? ' (--quick: smoke run, noisier)' : ''}`,
    `Node ${process.version} on ${platform()}/${arch()}, ${cpuList.length} x ${cpuList[0]?.model.trim() ?? 'unknown CPU'}`,
    `Ours: built dist of @textgen/aitre ${packageVersion(join(repositoryRoot, 'packages', 'aitre'))} and @textgen/core ${packageVersion(join(repositoryRoot, 'packages', 'core'))}. ` +
      `Peers: openai ${packageVersion(join(repositoryRoot, 'node_modules', 'openai'))}, plain fetch, openapi-fetch ${packageVersion(join(repositoryRoot, 'packages', 'core', 'node_modules', 'openapi-fetch'))}.`,
    '',
    formatResultsTable(rows),
    '',
    'Method:',
    `- Timings: every contender runs once per round in one process, rotating who goes first (A,B,C / B,C,A / ...); ` +
      'warm-up rounds are discarded. Cells show the median over the measured rounds with (min–max); Ours/Peer is the ' +
      'ratio of medians, "Paired ratio" the spread of ours/peer within each round.',
    `- Request overhead: ${requestSettings.warmupRounds} warm-up + ${requestSettings.rounds} measured rounds of ` +
      `${requestSettings.callsPerSample} sequential non-stream POST /completions each, against @textgen/mocks' HTTP server ` +
      '(vendor aitre, streamChunkDelayMs 0, request validation on) on 127.0.0.1; maxRetries 0 for both clients. ' +
      'Value = ms per call. The floor is fetch + response.json().',
    `- Streams: ${streamSettings.warmupRounds} warm-up + ${streamSettings.rounds} measured rounds; each sample reads one ` +
      `${streamSettings.chunks}-item body (SSE ending in data: [DONE], ` +
      `NDJSON one object per line) served by a local node:http server in ${streamSettings.serverWrites} large writes, ` +
      'timed from request to the last item. Every sample must yield every item with its text, or the run stops.',
    '- NDJSON ours = @textgen/core Stream.fromBody({ framing: "ndjson" }) over the fetch body (parses as bytes arrive); ' +
      "peer = await response.text(), split('\\n'), JSON.parse per line (buffers the whole body).",
    `- Sizes: esbuild ${bundles.esbuildVersion} (from tsx's dependencies), bundle + minify, platform browser, format esm, ` +
      'target es2022, of a one-line app re-exporting createAitre / OpenAI / createClient; gzip = node:zlib level 9. ' +
      `Modules bundled: ${bundles.measurements.map((measurement) => `${measurement.name} ${measurement.inputs.length}`).join(', ')}.`,
    '- Ratios below 1 mean ours is smaller/faster for ms and bytes; above 1 means faster for chunks/s and lines/s (see Verdict).',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
