import { benchmarkVendor, readAnswerText } from './benchmark-vendor';

export interface CannedCompletion {
  /** The request example of the benchmark vendor's demo call, sent by every contender. */
  request: Record<string, unknown> & { model: string };
  /** The response example the spec pairs with it, as JSON text: what the server and the stubbed fetch answer with. */
  responseText: string;
  /** The answer text of that response: every call checks it, so a contender that fails fast cannot win. */
  expectedText: string;
}

/** Read from the vendor registry that `pnpm generate` writes, so the canned exchange is the spec's own example. */
export function readCannedCompletion(): CannedCompletion {
  const { generate, id } = benchmarkVendor;
  const expectedText = readAnswerText(generate.response);
  if (typeof generate.body.model !== 'string' || typeof expectedText !== 'string') {
    throw new Error(`specs/${id}.yaml: the demo's request example names no model, or its response has no answer text.`);
  }
  return {
    request: { ...generate.body, model: generate.body.model },
    responseText: JSON.stringify(generate.response),
    expectedText,
  };
}

/** A completion chunk in OpenAI's wire format, as the benchmark vendor and the openai SDK both expect it. */
function completionChunk(index: number, isLast: boolean): string {
  return JSON.stringify({
    id: 'cmpl-bench-0001',
    object: 'text_completion',
    created: 1_700_000_000,
    model: benchmarkVendor.model,
    choices: [{ text: ` token${index}`, index: 0, logprobs: null, finish_reason: isLast ? 'stop' : null }],
  });
}

export interface StreamBody {
  bytes: Uint8Array;
  /** How many payloads a correct reader yields (the SSE `[DONE]` terminator is not one). */
  items: number;
}

/** `data: {...}\n\n` per chunk, then `data: [DONE]\n\n`, as OpenAI-format servers send it. */
export function syntheticSSEBody(items: number): StreamBody {
  const parts: string[] = [];
  for (let index = 0; index < items; index += 1) parts.push(`data: ${completionChunk(index, index === items - 1)}\n\n`);
  parts.push('data: [DONE]\n\n');
  return { bytes: new TextEncoder().encode(parts.join('')), items };
}

/** The same chunks as newline-delimited JSON, one object per line. */
export function syntheticNDJSONBody(items: number): StreamBody {
  const parts: string[] = [];
  for (let index = 0; index < items; index += 1) parts.push(`${completionChunk(index, index === items - 1)}\n`);
  return { bytes: new TextEncoder().encode(parts.join('')), items };
}
