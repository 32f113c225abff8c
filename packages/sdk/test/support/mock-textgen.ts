import { createMockServer, listMockExamples, type MockExample, type MockServer, type MockVendor } from '@textgen/mocks';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTextgen, type Textgen, type TextgenProvider } from '../../src/index';

// Made-up hosts: msw answers them in-process, and nothing here could reach a real vendor even if it did not.
export const mockBaseUrls: Record<TextgenProvider, string> = {
  wetrocloud: 'https://wetrocloud.mock.test/v1',
  edenai: 'https://edenai.mock.test/v2',
  worqhat: 'https://worqhat.mock.test',
  aitre: 'https://aitre.mock.test/v1',
};

export const testApiKeys: Record<TextgenProvider, string> = {
  wetrocloud: 'test-key-wetrocloud',
  edenai: 'test-key-edenai',
  worqhat: 'test-key-worqhat',
  aitre: 'test-key-aitre',
};

/** A textgen wired to the msw mock, with every vendor configured explicitly (no environment needed). */
export function createMockTextgen(): Textgen {
  const options = (provider: TextgenProvider) => ({
    apiKey: testApiKeys[provider],
    baseURL: mockBaseUrls[provider],
    maxRetries: 0,
    logLevel: 'off' as const,
  });
  return createTextgen({
    wetrocloud: options('wetrocloud'),
    edenai: options('edenai'),
    worqhat: options('worqhat'),
    aitre: options('aitre'),
  });
}

/** Starts the spec-built msw mock for the whole file and resets its calls after each test. */
export function useMockServer(): MockServer {
  const server = createMockServer({ baseUrls: mockBaseUrls, streamChunkDelayMs: 0 });
  beforeAll(() => server.listen());
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** The example the mock serves by default for a JSON call (the first JSON 200 example). */
export function defaultJsonExample(options: { vendor: MockVendor; operationId: string }): MockExample {
  const example = listMockExamples({ vendor: options.vendor }).find(
    (candidate) => candidate.operationId === options.operationId && candidate.status === 200 && !candidate.streams,
  );
  if (example === undefined) throw new Error(`No JSON 200 example for ${options.vendor} ${options.operationId}`);
  return example;
}

export async function collectDeltas(parts: AsyncIterable<{ type: 'text-delta'; text: string }>): Promise<string[]> {
  const deltas: string[] = [];
  for await (const part of parts) deltas.push(part.text);
  return deltas;
}
