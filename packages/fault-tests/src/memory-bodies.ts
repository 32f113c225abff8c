/**
 * The large bodies the memory figures are taken with, built once by the parent process and served by a minimal
 * `node:http` server. Each scenario is chosen by the first path segment of the base URL the contender is given.
 */

export type MemoryScenario = 'json-100mb' | 'line-20mb';

export const memoryScenarios: readonly MemoryScenario[] = ['json-100mb', 'line-20mb'];

const mebibyte = 1024 * 1024;

/** The size of the large text inside each scenario's body. */
export const scenarioTextBytes: Record<MemoryScenario, number> = {
  'json-100mb': 100 * mebibyte,
  'line-20mb': 20 * mebibyte,
};

/** An OpenAI-format completion (AITRE's and openai-node's `completions.create`) whose text is `text`. */
export function completionJson(text: string): string {
  return JSON.stringify({
    id: 'cmpl-memory',
    object: 'text_completion',
    created: 1_700_000_000,
    model: 'gpt-3.5-turbo-instruct',
    choices: [{ text, index: 0, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });
}

/** What the server sends for one scenario, by body kind: NDJSON for Wetrocloud, SSE for AITRE and openai-node. */
export interface ScenarioBodies {
  json: Buffer;
  ndjson: Buffer;
  sse: Buffer;
}

export function buildScenarioBodies(scenario: MemoryScenario): ScenarioBodies {
  const text = 'x'.repeat(scenarioTextBytes[scenario]);
  const completion = completionJson(text);
  return {
    json: Buffer.from(completion),
    // One Wetrocloud NDJSON line carrying the whole text, then the closing line.
    ndjson: Buffer.from(`${JSON.stringify({ response: text })}\n${JSON.stringify({ response: '', success: true })}\n`),
    sse: Buffer.from(`data: ${completion}\n\ndata: [DONE]\n\n`),
  };
}
