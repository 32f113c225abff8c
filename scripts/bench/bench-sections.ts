import type { HeapGrowthReport, ThroughputResult } from './bench-results';
import { readCannedCompletion } from './canned-bodies';
import { runHeapGrowthBenchmark, type HeapGrowthSettings } from './heap-growth-benchmark';
import { loadBuiltPackages } from './load-built-packages';
import { runLoopbackBenchmark, runStubbedFetchBenchmark, type RoundSettings } from './request-benchmarks';
import { startCannedResponseServer } from './start-canned-response-server';
import { runNDJSONThroughputBenchmark, runSSEThroughputBenchmark } from './stream-throughput-benchmark';

export interface BenchSettings {
  stubbed: RoundSettings;
  loopbackSequential: RoundSettings;
  loopbackConcurrent: RoundSettings;
  inFlight: number;
  streamChunks: number;
  streams: Omit<RoundSettings, 'unitsPerSample'>;
  heap: HeapGrowthSettings;
}

/** The parts of `pnpm bench`, in the order they run; each runs in a fresh process (see run-benchmarks.ts). */
export const sectionNames = ['stubbed', 'loopback-sequential', 'loopback-concurrent', 'sse', 'ndjson', 'heap'] as const;
export type SectionName = (typeof sectionNames)[number];

export type SectionResult =
  { kind: 'throughput'; result: ThroughputResult } | { kind: 'heap'; report: HeapGrowthReport };

async function withServer<Result>(
  settings: BenchSettings,
  run: (server: Awaited<ReturnType<typeof startCannedResponseServer>>) => Promise<Result>,
): Promise<Result> {
  const server = await startCannedResponseServer({ streamChunks: settings.streamChunks });
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

export async function runSection(section: SectionName, settings: BenchSettings): Promise<SectionResult> {
  const packages = await loadBuiltPackages();
  const completion = readCannedCompletion();
  const streamRounds: RoundSettings = { ...settings.streams, unitsPerSample: settings.streamChunks };
  const throughput = (result: ThroughputResult): SectionResult => ({ kind: 'throughput', result });
  switch (section) {
    case 'stubbed':
      return throughput(await runStubbedFetchBenchmark({ packages, completion, settings: settings.stubbed }));
    case 'loopback-sequential':
      return throughput(
        await withServer(settings, (server) =>
          runLoopbackBenchmark({ packages, completion, server, settings: settings.loopbackSequential, inFlight: 1 }),
        ),
      );
    case 'loopback-concurrent':
      return throughput(
        await withServer(settings, (server) =>
          runLoopbackBenchmark({
            packages,
            completion,
            server,
            settings: settings.loopbackConcurrent,
            inFlight: settings.inFlight,
          }),
        ),
      );
    case 'sse':
      return throughput(
        await withServer(settings, (server) =>
          runSSEThroughputBenchmark({ packages, server, chunks: settings.streamChunks, settings: streamRounds }),
        ),
      );
    case 'ndjson':
      return throughput(
        await withServer(settings, (server) =>
          runNDJSONThroughputBenchmark({ packages, server, chunks: settings.streamChunks, settings: streamRounds }),
        ),
      );
    case 'heap':
      return { kind: 'heap', report: await runHeapGrowthBenchmark({ packages, completion, settings: settings.heap }) };
    default: {
      const unknownSection: never = section;
      throw new Error(`Unknown benchmark section ${String(unknownSection)}`);
    }
  }
}
