/** A completion chunk in OpenAI's wire format, as AITRE and the openai SDK both expect it. */
function completionChunk(index: number, isLast: boolean): string {
  return JSON.stringify({
    id: 'cmpl-bench-0001',
    object: 'text_completion',
    created: 1_700_000_000,
    model: 'gpt-3.5-turbo-instruct',
    choices: [{ text: ` token${index}`, index: 0, logprobs: null, finish_reason: isLast ? 'stop' : null }],
  });
}

export interface SyntheticBody {
  bytes: Uint8Array;
  /** How many payloads a correct reader yields (the SSE `[DONE]` terminator is not one). */
  items: number;
}

/** `data: {...}\n\n` per chunk, then `data: [DONE]\n\n`, as OpenAI-format servers send it. */
export function syntheticSSEBody(items: number): SyntheticBody {
  const parts: string[] = [];
  for (let index = 0; index < items; index += 1) parts.push(`data: ${completionChunk(index, index === items - 1)}\n\n`);
  parts.push('data: [DONE]\n\n');
  return { bytes: new TextEncoder().encode(parts.join('')), items };
}

/** The same chunks as newline-delimited JSON, one object per line. */
export function syntheticNDJSONBody(items: number): SyntheticBody {
  const parts: string[] = [];
  for (let index = 0; index < items; index += 1) parts.push(`${completionChunk(index, index === items - 1)}\n`);
  return { bytes: new TextEncoder().encode(parts.join('')), items };
}
