import { readFileSync } from 'node:fs';
import { createMockServer, responseSchemaErrors } from '@textgen/mocks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEdenAI } from '../src/index';

// Eden AI's own 200 example from its text-chat page (see fixtures/README.md): no provider result has a `status`.
const seedBody = JSON.parse(
  readFileSync(new URL('./fixtures/seed-001-text-chat-200.json', import.meta.url), 'utf8'),
) as Record<string, { generated_text: string; message: unknown[] }>;
const seedProviders = Object.keys(seedBody);

const mock = createMockServer({ streamChunkDelayMs: 0 });
beforeAll(() => mock.listen());
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

describe('the 200 example body of Eden AI text-chat page (seed 001)', () => {
  it('has provider results without any status, so it tests what it should', () => {
    expect(seedProviders.length).toBeGreaterThan(1);
    for (const result of Object.values(seedBody)) expect(result).not.toHaveProperty('status');
  });

  it('validates against the spec response schema', () => {
    expect(
      responseSchemaErrors({ vendor: 'edenai', operationId: 'createTextChat', status: 200, body: seedBody }),
    ).toEqual([]);
  });

  it('gives one success per provider through @textgen/edenai, not "Every provider failed"', async () => {
    mock.override({ operationId: 'createTextChat', response: { type: 'json', status: 200, body: seedBody } });
    const client = createEdenAI({ apiKey: 'test-edenai-key-4242', maxRetries: 0, logLevel: 'off' });
    const result = await client.text.chat({ providers: seedProviders, text: 'Extract the keywords.' });
    expect(result.failures).toEqual([]);
    expect(result.successes.map((success) => [success.provider, success.generatedText])).toEqual(
      Object.entries(seedBody).map(([provider, entry]) => [provider, entry.generated_text]),
    );
  });
});
