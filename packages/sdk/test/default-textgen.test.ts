import { describe, expect, it, vi } from 'vitest';
import { createTextgen, generateText, streamText } from '../src/index';
import { mockBaseUrls, useMockServer } from './support/mock-textgen';

const mock = useMockServer();

describe('the top-level functions', () => {
  it('use a default instance configured from <VENDOR>_API_KEY and <VENDOR>_BASE_URL', async () => {
    vi.stubEnv('WORQHAT_API_KEY', 'env-key-worqhat');
    vi.stubEnv('WORQHAT_BASE_URL', mockBaseUrls.worqhat);
    const result = await generateText({ provider: 'worqhat', model: 'aicon-v4-nano-160824', prompt: 'Hi' });
    expect(result.text.length).toBeGreaterThan(0);
    const stream = streamText({ provider: 'worqhat', model: 'aicon-v4-nano-160824', prompt: 'Hi' });
    expect((await stream.text).length).toBeGreaterThan(0);
    expect(mock.calls.map((call) => call.headers.authorization)).toEqual([
      'Bearer env-key-worqhat',
      'Bearer env-key-worqhat',
    ]);
  });

  it('take a `textgen` instance instead', async () => {
    const textgen = createTextgen({ aitre: { apiKey: 'instance-key', baseURL: mockBaseUrls.aitre, logLevel: 'off' } });
    await generateText({ textgen, provider: 'aitre', model: 'gpt-3.5-turbo-instruct', prompt: 'Hi' });
    expect(mock.lastCall?.headers.authorization).toBe('Bearer instance-key');
    // The instance never ends up in the request body.
    expect(Object.keys(mock.lastCall?.body as object)).not.toContain('textgen');
  });

  it('make each vendor client once, on first use, and expose it raw', () => {
    const textgen = createTextgen({ edenai: { apiKey: 'k', baseURL: mockBaseUrls.edenai } });
    expect(textgen.edenai).toBe(textgen.edenai);
    expect(textgen.edenai.baseURL).toBe(mockBaseUrls.edenai);
  });
});
