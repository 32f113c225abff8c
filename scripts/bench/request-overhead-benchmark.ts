import OpenAI from 'openai';
import { latencyRow, type ComparisonRow } from './comparison-row';
import type { BuiltPackages } from './load-built-packages';
import { measureInterleaved } from './measure-interleaved';

export interface RequestOverheadSettings {
  callsPerSample: number;
  warmupRounds: number;
  rounds: number;
}

/** Not a real key: the mock only checks that `Authorization: Bearer <something>` is present. */
const benchmarkApiKey = 'bench-local-key';

/** The spec's default request: the mock answers it with the first 200 JSON example. */
const completionRequest = { model: 'gpt-3.5-turbo-instruct', prompt: 'Say this is a test', max_tokens: 7, temperature: 0 };

/**
 * N sequential non-streaming completions against the same local mock server (@textgen/mocks over real HTTP, no
 * chunk delay): our built client, the official openai SDK, and a bare `fetch` + `response.json()` as the floor. All
 * three use Node's built-in fetch (undici), so the difference is client overhead: building the request, retries and
 * error plumbing, parsing.
 */
export async function runRequestOverheadBenchmark(options: {
  packages: BuiltPackages;
  settings: RequestOverheadSettings;
}): Promise<ComparisonRow[]> {
  const { packages, settings } = options;
  const server = await packages.mocks.startMockHttpServer({ port: 0, vendor: 'aitre', streamChunkDelayMs: 0 });
  try {
    const baseURL = server.baseUrls.aitre;
    if (baseURL === undefined) throw new Error('The mock server did not report a base URL for aitre.');
    const ours = packages.aitre.createAitre({ baseURL, apiKey: benchmarkApiKey, maxRetries: 0 });
    const peer = new OpenAI({ baseURL, apiKey: benchmarkApiKey, maxRetries: 0 });
    const completionsURL = `${baseURL}/completions`;

    // Each sample checks what came back, so a client that fails fast (a 4xx turned into a cheap error) cannot win.
    const repeat = async (call: () => Promise<{ id: string; choices: unknown[] }>) => {
      let completed = 0;
      for (let index = 0; index < settings.callsPerSample; index += 1) {
        const completion = await call();
        if (typeof completion.id === 'string' && completion.choices.length > 0) completed += 1;
      }
      return completed;
    };

    const result = await measureInterleaved({
      warmupRounds: settings.warmupRounds,
      rounds: settings.rounds,
      expectedUnits: settings.callsPerSample,
      contenders: [
        { name: '@textgen/aitre', run: () => repeat(() => ours.completions.create(completionRequest)) },
        { name: `openai SDK`, run: () => repeat(() => peer.completions.create(completionRequest)) },
        {
          name: 'plain fetch',
          run: () =>
            repeat(async () => {
              const response = await fetch(completionsURL, {
                method: 'POST',
                headers: { authorization: `Bearer ${benchmarkApiKey}`, 'content-type': 'application/json' },
                body: JSON.stringify(completionRequest),
              });
              if (!response.ok) throw new Error(`plain fetch got HTTP ${response.status}`);
              return (await response.json()) as { id: string; choices: unknown[] };
            }),
        },
      ],
    });
    const [aitreSamples, openaiSamples, fetchSamples] = result.contenders;
    return [
      latencyRow({ benchmark: 'Request overhead, non-stream (vs SDK)', ours: aitreSamples!, peer: openaiSamples! }),
      latencyRow({ benchmark: 'Request overhead, non-stream (vs floor)', ours: aitreSamples!, peer: fetchSamples! }),
    ];
  } finally {
    await server.close();
  }
}
