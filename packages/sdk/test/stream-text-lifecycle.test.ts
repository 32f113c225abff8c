import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { APIConnectionError, InternalServerError } from '../src/index';
import { createMockTextgen, useMockServer } from './support/mock-textgen';

const mock = useMockServer();

function completionChunk(text: string): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'text_completion', created: 1, model: 'm', choices: [{ text, index: 0, logprobs: null, finish_reason: null }] })}\n\n`;
}

describe('streamText lifecycle', () => {
  it('a stream that fails with nobody awaiting its promises causes no unhandled rejection', async () => {
    const stream = createMockTextgen().streamText({
      provider: 'aitre',
      model: 'm',
      prompt: 'x',
      headers: { Prefer: 'code=500' },
    });
    // Wait for the failure to happen without touching any promise of the result.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mock.calls).toHaveLength(1);
    // The failure is still there for a caller who asks later.
    await expect(stream.usage).rejects.toSatisfy((error) => InternalServerError.isInstance(error));
  });

  it('a stream cut before [DONE] rejects text, and iteration throws, without unhandled rejections', async () => {
    mock.override({
      operationId: 'createCompletion',
      response: { type: 'stream-chunks', chunks: [completionChunk('partial')] },
    });
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

  it("streams that settle leave no listener on the caller's signal", async () => {
    const controller = new AbortController();
    const textgen = createMockTextgen();
    for (let index = 0; index < 20; index += 1) {
      const stream = textgen.streamText({
        provider: 'aitre',
        model: 'gpt-3.5-turbo-instruct',
        prompt: 'Hi',
        signal: controller.signal,
      });
      expect((await stream.text).length).toBeGreaterThan(0);
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

    // A failed stream, one left early with break, and one refused before sending detach too.
    const failed = textgen.streamText({
      provider: 'aitre',
      model: 'm',
      prompt: 'x',
      signal: controller.signal,
      headers: { Prefer: 'code=500' },
    });
    await expect(failed.text).rejects.toSatisfy((error) => InternalServerError.isInstance(error));
    const leftEarly = textgen.streamText({
      provider: 'worqhat',
      model: 'aicon-v4-nano-160824',
      prompt: 'Hi',
      signal: controller.signal,
    });
    for await (const part of leftEarly) {
      expect(part.text.length).toBeGreaterThan(0);
      break;
    }
    await leftEarly.text.catch(() => undefined);
    expect(() =>
      textgen.streamText({
        provider: 'edenai',
        model: 'openai',
        messages: [{ role: 'system', content: 'Be brief.' }],
        signal: controller.signal,
      }),
    ).toThrow(/edenai needs the last non-system message/);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('a result can be iterated only once; textStream gives the same text', async () => {
    const stream = createMockTextgen().streamText({ provider: 'worqhat', model: 'aicon-v4-nano-160824', prompt: 'Hi' });
    const pieces: string[] = [];
    for await (const text of stream.textStream) pieces.push(text);
    expect(pieces.join('')).toBe(await stream.text);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/already iterated/);
  });
});
