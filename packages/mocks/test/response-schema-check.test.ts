import { describe, expect, it } from 'vitest';
import { getResponseSchema, getStreamChunkSchema, listMockExamples, listUndeclaredFields } from '@textgen/mocks';

const exampleValue = (vendor: 'aitre' | 'edenai', name: string) =>
  listMockExamples({ vendor }).find((example) => example.name === name)!.value;

describe('listUndeclaredFields (drift report of the live contract suites)', () => {
  const completionSchema = getResponseSchema({ vendor: 'aitre', operationId: 'createCompletion', status: 200 });

  it('finds nothing in the spec own examples', () => {
    expect(listUndeclaredFields(completionSchema, exampleValue('aitre', 'logprobs'))).toEqual([]);
    const edenSchema = getResponseSchema({ vendor: 'edenai', operationId: 'createTextChat', status: 200 });
    expect(listUndeclaredFields(edenSchema, exampleValue('edenai', 'keyword-extraction-answers'))).toEqual([]);
    expect(listUndeclaredFields(edenSchema, exampleValue('edenai', 'keyword-extraction-answers-as-list'))).toEqual([]);
  });

  it('points at members an open schema accepts but does not declare, at any depth', () => {
    const body = structuredClone(exampleValue('aitre', 'basic')) as {
      choices: Record<string, unknown>[];
      usage: Record<string, unknown>;
      service_tier?: string;
    };
    body.service_tier = 'default';
    body.choices[0]!['new/field'] = true;
    body.usage.cached_tokens = 3;
    expect(listUndeclaredFields(completionSchema, body).map((drift) => drift.pointer)).toEqual([
      '/choices/0/new~1field',
      '/usage/cached_tokens',
      '/service_tier',
    ]);
  });

  it('reads provider-keyed maps through additionalProperties, so the provider name itself is no drift', () => {
    const edenSchema = getResponseSchema({ vendor: 'edenai', operationId: 'createTextChat', status: 200 });
    const body = { groq: { status: 'success', generated_text: 'hi', message: [], latency_ms: 12 } };
    expect(listUndeclaredFields(edenSchema, body)).toEqual([{ pointer: '/groq/latency_ms' }]);
  });

  it('checks stream chunks against x-stream-item', () => {
    const chunkSchema = getStreamChunkSchema({ vendor: 'aitre', operationId: 'createCompletion' });
    expect(
      listUndeclaredFields(chunkSchema, {
        id: 'x',
        object: 'text_completion',
        created: 1,
        model: 'm',
        choices: [],
        obfuscation: 'pad',
      }),
    ).toEqual([]);
    expect(
      listUndeclaredFields(chunkSchema, {
        id: 'x',
        object: 'text_completion',
        created: 1,
        model: 'm',
        choices: [],
        extra: 1,
      }),
    ).toEqual([{ pointer: '/extra' }]);
  });
});
