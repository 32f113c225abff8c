import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateCompletionRequestNonStreaming } from '@textgen/aitre';
import { repositoryRoot } from './load-built-packages';

/** The parts of the bundled AITRE spec read here: the documented request and the 200 JSON answer to it. */
interface BundledAitreSpec {
  paths: {
    '/completions': {
      post: {
        requestBody: { content: { 'application/json': { examples: Record<string, { value: unknown }> } } };
        responses: { '200': { content: { 'application/json': { examples: Record<string, { value: unknown }> } } } };
      };
    };
  };
}

export interface CannedCompletion {
  /** The spec's `basic-request` example, sent by every contender. */
  request: CreateCompletionRequestNonStreaming;
  /** The spec's `basic` 200 example as JSON text, what the server and the stubbed fetch answer with. */
  responseText: string;
  /** `choices[0].text` of that answer: every call checks it, so a contender that fails fast cannot win. */
  expectedText: string;
}

/** Read from the spec bundle that `pnpm generate` writes, so the canned exchange is the spec's own example. */
export function readCannedCompletion(): CannedCompletion {
  const specPath = join(repositoryRoot, 'packages', 'aitre', 'src', 'generated', 'aitre.openapi.json');
  const operation = (JSON.parse(readFileSync(specPath, 'utf8')) as BundledAitreSpec).paths['/completions'].post;
  const request = operation.requestBody.content['application/json'].examples['basic-request']?.value;
  const response = operation.responses['200'].content['application/json'].examples.basic?.value as
    | { choices?: Array<{ text?: unknown }> }
    | undefined;
  const expectedText = response?.choices?.[0]?.text;
  if (request === undefined || typeof expectedText !== 'string') {
    throw new Error(`${specPath} lacks the basic-request / basic examples of POST /completions; run \`pnpm generate\`.`);
  }
  return { request: request as CreateCompletionRequestNonStreaming, responseText: JSON.stringify(response), expectedText };
}

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
