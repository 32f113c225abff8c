import { describe, expect, it } from 'vitest';
import { createAitre } from '../src/index';
import { requestExamples, testApiKey, aitreMockBaseURL, useAitreMock } from './support/aitre-mock';
import { officialRequestErrors } from './support/official-completion-request';

// Every test file that uses useAitreMock() also checks, after each test, every body it sent against the official
// schema. This file sends each of the spec's own request examples, and shows the check can fail.
const mock = useAitreMock();

describe("OpenAI's official CreateCompletionParams", () => {
  it.each(requestExamples.map((example) => [example.name, example] as const))(
    'accepts the body the client sends for the spec example "%s"',
    async (_name, example) => {
      const client = createAitre({ apiKey: testApiKey, baseURL: aitreMockBaseURL });
      const body = structuredClone(example.value) as Parameters<typeof client.completions.create>[0];
      const result = await client.completions.create(body, { maxRetries: 0 });
      if (example.streams) {
        for await (const chunk of result as AsyncIterable<unknown>) expect(chunk).toBeTypeOf('object');
      }
      expect(mock.calls).toHaveLength(1);
      expect(mock.lastCall!.body).toEqual(example.value);
      expect(officialRequestErrors(mock.lastCall!.body)).toEqual([]);
    },
  );

  it.each([
    ['no prompt', { model: 'gpt-3.5-turbo-instruct' }, 'required'],
    ['a null prompt (OpenAI marks it only with the 3.0 nullable keyword)', { model: 'm', prompt: null }, 'type'],
    ['a null max_tokens', { model: 'm', prompt: 'p', max_tokens: null }, 'type'],
    ['a temperature above 2', { model: 'm', prompt: 'p', temperature: 2.5 }, 'maximum'],
    ['n of 0', { model: 'm', prompt: 'p', n: 0 }, 'minimum'],
    ['five stop sequences', { model: 'm', prompt: 'p', stop: ['a', 'b', 'c', 'd', 'e'] }, 'maxItems'],
    ['an empty token array', { model: 'm', prompt: [[]] }, 'minItems'],
  ])('rejects a body with %s', (_label, body, keyword) => {
    const errors = officialRequestErrors(body);
    expect(errors.map((error) => error.keyword)).toContain(keyword);
  });
});
