import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createMockProvider, useMockServer, type Vendor } from './support/mock-vendors';
import { specExample, streamExamplePayloads } from '@textgen/mocks/testing';

const mock = useMockServer();

interface StreamCase {
  vendor: Vendor;
  modelId: `${Vendor}:${string}`;
  /** `Prefer: example=<name>` for the mock; also the example the expectations are read from. */
  example: string;
  /** The text deltas, read from the spec example (empty pieces carry no text and are not sent on). */
  deltas: () => string[];
  usage: () => {
    inputTokens: number | undefined;
    outputTokens: number | undefined;
    totalTokens: number | undefined;
    raw: unknown;
  };
  finishReason: string;
  rawFinishReason: string | undefined;
  responseId: () => string | RegExp | undefined;
  responseModel: () => string;
}

type AitreChunk = {
  model: string;
  choices: { text: string; index: number; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
};
const aitreChunks = () =>
  streamExamplePayloads(
    specExample({ vendor: 'aitre', operationId: 'createCompletion', streams: true, name: 'stream-with-usage' }),
  ) as AitreChunk[];
type WetrocloudLine = { response: string; tokens?: number };
const wetrocloudLines = () =>
  streamExamplePayloads(
    specExample({
      vendor: 'wetrocloud',
      operationId: 'createTextGeneration',
      streams: true,
      name: 'llm-answer-stream',
    }),
  ) as WetrocloudLine[];
type EdenAILine = { text: string; blocked: boolean };
const edenAILines = () =>
  streamExamplePayloads(
    specExample({
      vendor: 'edenai',
      operationId: 'createTextChatStream',
      streams: true,
      name: 'stream-keyword-answer',
    }),
  ) as EdenAILine[];
type WorqhatChunk = { content: string; model: string; processing_id: string };
const worqhatChunks = () =>
  streamExamplePayloads(
    specExample({ vendor: 'worqhat', operationId: 'generateContent', streams: true, name: 'tour-guide-stream-events' }),
  ) as WorqhatChunk[];

const nonEmpty = (pieces: string[]) => pieces.filter((piece) => piece !== '');

const cases: StreamCase[] = [
  {
    vendor: 'aitre',
    modelId: 'aitre:gpt-3.5-turbo-instruct',
    example: 'stream-with-usage',
    deltas: () =>
      nonEmpty(
        aitreChunks().flatMap((chunk) =>
          chunk.choices.filter((choice) => choice.index === 0).map((choice) => choice.text),
        ),
      ),
    usage: () => {
      const usage = aitreChunks()
        .map((chunk) => chunk.usage)
        .find((candidate) => candidate !== null && candidate !== undefined)!;
      return {
        inputTokens: usage.prompt_tokens,
        outputTokens: usage.completion_tokens,
        totalTokens: usage.total_tokens,
        raw: usage,
      };
    },
    finishReason: 'length',
    rawFinishReason: 'length',
    responseId: () => /^req_[0-9a-f]{32}$/,
    responseModel: () => aitreChunks()[0]!.model,
  },
  {
    vendor: 'wetrocloud',
    modelId: 'wetrocloud:llama-3.3-70b',
    example: 'llm-answer-stream',
    deltas: () => nonEmpty(wetrocloudLines().map((line) => line.response)),
    usage: () => ({
      inputTokens: undefined,
      outputTokens: undefined,
      totalTokens: undefined,
      raw: {
        tokens: wetrocloudLines()
          .filter((line) => line.tokens !== undefined)
          .at(-1)!.tokens,
      },
    }),
    finishReason: 'other',
    rawFinishReason: undefined,
    responseId: () => undefined,
    responseModel: () => 'llama-3.3-70b',
  },
  {
    vendor: 'edenai',
    modelId: 'edenai:openai/gpt-4o',
    example: 'stream-keyword-answer',
    deltas: () =>
      nonEmpty(
        edenAILines()
          .filter((line) => !line.blocked)
          .map((line) => line.text),
      ),
    // Eden AI streams carry no usage.
    usage: () => ({ inputTokens: undefined, outputTokens: undefined, totalTokens: undefined, raw: undefined }),
    finishReason: 'other',
    rawFinishReason: undefined,
    responseId: () => undefined,
    responseModel: () => 'openai/gpt-4o',
  },
  {
    vendor: 'worqhat',
    modelId: 'worqhat:aicon-v4-nano-160824',
    example: 'tour-guide-stream-events',
    deltas: () => nonEmpty(worqhatChunks().map((chunk) => chunk.content)),
    usage: () => ({ inputTokens: undefined, outputTokens: undefined, totalTokens: undefined, raw: undefined }),
    finishReason: 'other',
    rawFinishReason: undefined,
    responseId: () => worqhatChunks()[0]!.processing_id,
    responseModel: () => worqhatChunks()[0]!.model,
  },
];

async function readAll<Part>(stream: ReadableStream<Part>): Promise<Part[]> {
  const parts: Part[] = [];
  for await (const part of stream as unknown as AsyncIterable<Part>) parts.push(part);
  return parts;
}

describe.each(cases)('streaming $vendor', (streamCase) => {
  it('streamText yields the example deltas and ends with its usage and finish reason', async () => {
    const expectedDeltas = streamCase.deltas();
    expect(expectedDeltas.length, 'the example streams in several pieces').toBeGreaterThan(1);
    const result = streamText({
      model: createMockProvider()(streamCase.modelId),
      prompt: 'Tell me.',
      headers: { Prefer: `example=${streamCase.example}` },
    });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas).toEqual(expectedDeltas);
    expect(await result.text).toBe(expectedDeltas.join(''));
    const expectedUsage = streamCase.usage();
    const usage = await result.usage;
    expect({
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      totalTokens: usage.totalTokens,
      raw: usage.raw,
    }).toEqual(expectedUsage);
    expect(await result.finishReason).toBe(streamCase.finishReason);
    expect(await result.rawFinishReason).toBe(streamCase.rawFinishReason);
    const response = await result.response;
    expect(response.modelId).toBe(streamCase.responseModel());
    const expectedId = streamCase.responseId();
    if (expectedId instanceof RegExp) expect(response.id).toMatch(expectedId);
    else if (expectedId !== undefined) expect(response.id).toBe(expectedId);
    expect(mock.calls).toHaveLength(1);
  });

  it('doStream emits the spec parts in order: stream-start, response-metadata, text-start, deltas, text-end, finish', async () => {
    const model = createMockProvider()(streamCase.modelId);
    const { stream } = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Tell me.' }] }],
      headers: { Prefer: `example=${streamCase.example}` },
    });
    const parts = await readAll<LanguageModelV4StreamPart>(stream);
    const expectedDeltas = streamCase.deltas();
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      ...expectedDeltas.map(() => 'text-delta'),
      'text-end',
      'finish',
    ]);
    expect(parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []))).toEqual(expectedDeltas);
    const finish = parts.at(-1) as Extract<LanguageModelV4StreamPart, { type: 'finish' }>;
    const expectedUsage = streamCase.usage();
    expect(finish.usage.inputTokens.total).toBe(expectedUsage.inputTokens);
    expect(finish.usage.outputTokens.total).toBe(expectedUsage.outputTokens);
    expect(finish.finishReason).toEqual({ unified: streamCase.finishReason, raw: streamCase.rawFinishReason });
  });
});

describe('a blocked Eden AI fragment', () => {
  it('is left out of the text and ends the stream with finish reason other (raw "blocked")', async () => {
    const lines = streamExamplePayloads(
      specExample({
        vendor: 'edenai',
        operationId: 'createTextChatStream',
        streams: true,
        name: 'stream-provider-error',
      }),
    ) as EdenAILine[];
    expect(
      lines.some((line) => line.blocked),
      'the example has a blocked fragment',
    ).toBe(true);
    const result = streamText({
      model: createMockProvider()('edenai:openai'),
      prompt: 'Who was the 44th president?',
      headers: { Prefer: 'example=stream-provider-error' },
    });
    expect(await result.text).toBe(
      lines
        .filter((line) => !line.blocked)
        .map((line) => line.text)
        .join(''),
    );
    expect(await result.finishReason).toBe('other');
    expect(await result.rawFinishReason).toBe('blocked');
  });
});
