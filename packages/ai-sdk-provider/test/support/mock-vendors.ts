import { createMockServer, type MockServer } from '@textgen/mocks';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTextgenProvider, type TextgenAISDKProvider } from '../../src/index';

export type Vendor = 'wetrocloud' | 'edenai' | 'worqhat' | 'aitre';

// The one place the tests name base URLs: made-up hosts that msw answers in-process (nothing could reach a vendor).
export const mockBaseUrls: Record<Vendor, string> = {
  wetrocloud: 'https://wetrocloud.mock.test/v1',
  edenai: 'https://edenai.mock.test/v2',
  worqhat: 'https://worqhat.mock.test',
  aitre: 'https://aitre.mock.test/v1',
};

export const testApiKeys: Record<Vendor, string> = {
  wetrocloud: 'test-key-wetrocloud',
  edenai: 'test-key-edenai',
  worqhat: 'test-key-worqhat',
  aitre: 'test-key-aitre',
};

/**
 * A provider wired to the msw mock, every vendor configured explicitly. textgen's own retries are off by default so
 * that a test sees exactly the AI SDK's retries; pass `maxRetries` to turn them on.
 */
export function createMockProvider(
  options: { maxRetries?: number; apiKeys?: Partial<Record<Vendor, string>> } = {},
): TextgenAISDKProvider {
  const vendorOptions = (vendor: Vendor) => ({
    apiKey: options.apiKeys?.[vendor] ?? testApiKeys[vendor],
    baseURL: mockBaseUrls[vendor],
    maxRetries: options.maxRetries ?? 0,
    logLevel: 'off' as const,
  });
  return createTextgenProvider({
    wetrocloud: vendorOptions('wetrocloud'),
    edenai: vendorOptions('edenai'),
    worqhat: vendorOptions('worqhat'),
    aitre: vendorOptions('aitre'),
  });
}

/** Starts the spec-built msw mock for the whole file and resets its calls and overrides after each test. */
export function useMockServer(): MockServer {
  const server = createMockServer({ baseUrls: mockBaseUrls, streamChunkDelayMs: 0 });
  beforeAll(() => server.listen());
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}
