import { describe, expect, it } from 'vitest';
import { APIConnectionError, InternalServerError } from '../src/index';
import { createMockTextgen, useMockServer } from './support/mock-textgen';
import { failOnUnhandledRejections } from './support/unhandled-rejections';

failOnUnhandledRejections();
const mock = useMockServer();

function completionChunk(text: string): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'text_completion', created: 1, model: 'm', choices: [{ text, index: 0, logprobs: null, finish_reason: null }] })}\n\n`;
}

describe('streamText lifecycle', () => {
  it('a stream that fails with nobody awaiting its promises causes no unhandled rejection', async () => {
    const stream = createMockTextgen().streamText({ provider: 'aitre', model: 'm', prompt: 'x', headers: { Prefer: 'code=500' } });
    // Wait for the failure to happen without touching any promise of the result.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mock.calls).toHaveLength(1);
    // The failure is still there for a caller who asks later.
    await expect(stream.usage).rejects.toSatisfy((error) => InternalServerError.isInstance(error));
  });

  it('a stream cut before [DONE] rejects text, and iteration throws, without unhandled rejections', async () => {
    mock.override({ operationId: 'createCompletion', response: { type: 'stream-chunks', chunks: [completionChunk('partial')] } });
    const stream = createMockTextgen().streamText({ provider: 'aitre', model: 'm', prompt: 'x' });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const part of stream) seen.push(part.text);
      })(),
    ).rejects.toSatisfy((error) => APIConnectionError.isInstance(error));
    expect(seen).toEqual(['partial']);
    await expect(stream.text).rejects.toSatisfy((error) => APIConnectionError.isInstance(error));
  });

  it('a result can be iterated only once; textStream gives the same text', async () => {
    const stream = createMockTextgen().streamText({ provider: 'worqhat', model: 'aicon-v4-nano-160824', prompt: 'Hi' });
    const pieces: string[] = [];
    for await (const text of stream.textStream) pieces.push(text);
    expect(pieces.join('')).toBe(await stream.text);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/already iterated/);
  });
});
