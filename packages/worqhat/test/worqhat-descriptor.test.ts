import { TextgenError } from '@textgen/core';
import { createMockServer, getDefaultBaseUrl, getVendorSpec } from '@textgen/mocks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWorqhat, worqhatDescriptor } from '../src/index';

describe('worqhatDescriptor', () => {
  it('uses the spec server as the default base URL', () => {
    expect(worqhatDescriptor().defaultBaseURL).toBe(getDefaultBaseUrl(getVendorSpec('worqhat')));
  });

  it('sends the key as a Bearer token and reads processingId as the request id, as the spec says', () => {
    expect(worqhatDescriptor()).toMatchObject({
      authorization: { header: 'Authorization', prefix: 'Bearer' },
      requestId: { bodyField: 'processingId' },
    });
  });
});

describe('environment variables', () => {
  const mock = createMockServer({ baseUrls: { worqhat: 'http://worqhat.test/base' } });
  beforeAll(() => mock.listen());
  afterEach(() => mock.resetHandlers());
  afterAll(() => mock.close());

  it('reads WORQHAT_API_KEY and WORQHAT_BASE_URL', async () => {
    vi.stubEnv('WORQHAT_API_KEY', 'sk-from-env');
    vi.stubEnv('WORQHAT_BASE_URL', 'http://worqhat.test/base/');
    const client = createWorqhat({ logLevel: 'off' });
    expect(client.baseURL).toBe('http://worqhat.test/base');
    await client.content.generate({ question: 'Hi', model: 'aicon-v4-nano-160824' });
    expect(mock.lastCall?.url).toBe('http://worqhat.test/base/api/ai/content/v4');
    expect(mock.lastCall?.headers.authorization).toBe('Bearer sk-from-env');
  });

  it('fails at creation, naming WORQHAT_API_KEY, when there is no key', () => {
    vi.stubEnv('WORQHAT_API_KEY', '');
    expect(() => createWorqhat()).toThrowError(TextgenError);
    expect(() => createWorqhat()).toThrowError(/WORQHAT_API_KEY/);
  });
});
