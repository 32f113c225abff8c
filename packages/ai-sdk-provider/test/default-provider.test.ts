import { LoadAPIKeyError } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { describe, expect, it, vi } from 'vitest';
import { textgen } from '../src/index';
import { mockBaseUrls, useMockServer } from './support/mock-vendors';
import { specExample } from '@textgen/mocks/testing';

const mock = useMockServer();

describe('the default textgen provider', () => {
  it('reads the key and base URL from the environment when first called, not when imported', async () => {
    vi.stubEnv('AITRE_API_KEY', '');
    const error = await generateText({
      model: textgen('aitre:gpt-3.5-turbo-instruct'),
      prompt: 'Hi',
      maxRetries: 0,
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('AITRE_API_KEY');
    expect((error as Error).message).toContain('createTextgenProvider({ aitre: { apiKey } })');
    expect(mock.calls).toHaveLength(0);

    // Set afterwards: the same provider picks it up, as @ai-sdk/openai does.
    vi.stubEnv('AITRE_API_KEY', 'env-key-aitre');
    vi.stubEnv('AITRE_BASE_URL', mockBaseUrls.aitre);
    vi.stubEnv('TEXTGEN_LOG', 'off');
    const result = await generateText({ model: textgen('aitre:gpt-3.5-turbo-instruct'), prompt: 'Say this is a test' });
    const example = specExample({ vendor: 'aitre', operationId: 'createCompletion', streams: false }).value as {
      choices: { text: string }[];
    };
    expect(result.text).toBe(example.choices[0]!.text);
    expect(mock.lastCall?.headers.authorization).toBe('Bearer env-key-aitre');
  });
});
