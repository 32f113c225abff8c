import { describe, expect, it } from 'vitest';
import type { TextgenProvider } from '../src/index';
import { createMockTextgen, useMockServer } from './support/mock-textgen';

useMockServer();

const models: Record<TextgenProvider, string> = {
  wetrocloud: 'llama-3.3-70b',
  edenai: 'openai/gpt-4o',
  worqhat: 'aicon-v4-nano-160824',
  aitre: 'gpt-3.5-turbo-instruct',
};

describe("a result's usage and finishReason belong to that result alone", () => {
  for (const provider of Object.keys(models) as TextgenProvider[]) {
    it(`${provider}: editing one generateText result does not change the next one`, async () => {
      const textgen = createMockTextgen();
      const input = { provider, model: models[provider], prompt: 'Hi' };
      const first = await textgen.generateText(input);
      const untouched = await textgen.generateText(input);
      const expectedUsage = { ...untouched.usage };
      const expectedFinishReason = { ...untouched.finishReason };

      first.usage.totalTokens = -1;
      first.usage.inputTokens = -1;
      first.finishReason.unified = 'error';
      first.finishReason.raw = 'edited by the caller';

      const later = await textgen.generateText(input);
      expect(later.usage).toEqual(expectedUsage);
      expect(later.finishReason).toEqual(expectedFinishReason);
    });

    it(`${provider}: editing one streamText result does not change the next one`, async () => {
      const textgen = createMockTextgen();
      const input = { provider, model: models[provider], prompt: 'Hi' };
      const first = textgen.streamText(input);
      const [firstUsage, firstFinishReason] = await Promise.all([first.usage, first.finishReason]);
      const expectedUsage = { ...firstUsage };
      const expectedFinishReason = { ...firstFinishReason };

      firstUsage.inputTokens = -1;
      firstUsage.totalTokens = -1;
      firstFinishReason.unified = 'error';
      firstFinishReason.raw = 'edited by the caller';

      const later = textgen.streamText(input);
      expect(await later.usage).toEqual(expectedUsage);
      expect(await later.finishReason).toEqual(expectedFinishReason);
      // And a generateText after the edited stream starts clean too.
      const generated = await textgen.generateText(input);
      expect(generated.finishReason.raw).not.toBe('edited by the caller');
      expect(generated.usage.inputTokens).not.toBe(-1);
    });
  }
});
