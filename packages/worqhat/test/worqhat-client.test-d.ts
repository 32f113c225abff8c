import type { APIPromise, Stream } from '@textgen/core';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  WorqhatClient,
  GenerateContentParams,
  GenerateContentResult,
  GenerateContentWithModelParams,
  GenerateContentWithModelResult,
  GenerateContentChunk,
} from '../src/index';

// Type-level only: vitest's typecheck mode (vitest.config.mts) and `pnpm typecheck` run tsc over this file and
// never execute it, so no request is made. A declared client is enough to resolve the overloads.
declare const client: WorqhatClient;
declare const flag: boolean;
const base = { question: 'Hi', model: 'aicon-v4-nano-160824' } as const;

describe('WorqhatClient.content types', () => {
  it('generate follows the stream_data flag', () => {
    expectTypeOf(client.content.generate({ ...base, stream_data: true })).toEqualTypeOf<
      APIPromise<Stream<GenerateContentChunk>>
    >();
    expectTypeOf(client.content.generate(base)).toEqualTypeOf<APIPromise<GenerateContentResult>>();
    expectTypeOf(client.content.generate({ ...base, stream_data: false })).toEqualTypeOf<
      APIPromise<GenerateContentResult>
    >();
    expectTypeOf(client.content.generate({ ...base, stream_data: flag })).toEqualTypeOf<
      APIPromise<GenerateContentResult | Stream<GenerateContentChunk>>
    >();
  });

  it('generateWithModel follows the stream_data flag', () => {
    expectTypeOf(
      client.content.generateWithModel({ modelType: 'large', modelId: 'x', question: 'Hi', stream_data: true }),
    ).toEqualTypeOf<APIPromise<Stream<GenerateContentChunk>>>();
    expectTypeOf(client.content.generateWithModel({ modelType: 'nano', modelId: 'x', question: 'Hi' })).toEqualTypeOf<
      APIPromise<GenerateContentWithModelResult>
    >();
  });

  it('types content as the spec declares it: text, or an object on the finetuned JSON path', async () => {
    const answer = await client.content.generate({ ...base, response_type: 'json' });
    expectTypeOf(answer.content).toEqualTypeOf<string | { [key: string]: unknown } | undefined>();
  });

  it('refuses bodies the spec does not allow', () => {
    expectTypeOf<{
      modelType: 'medium';
      modelId: 'x';
      question: 'Hi';
    }>().not.toExtend<GenerateContentWithModelParams>();
    expectTypeOf<{ question: 'Hi' }>().not.toExtend<GenerateContentParams>();
    // No overload takes them either (tsc reports "No overload matches this call").
    // @ts-expect-error modelType is 'nano' | 'large'
    void client.content.generateWithModel({ modelType: 'medium', modelId: 'x', question: 'Hi' });
    // @ts-expect-error the text-only path requires model
    void client.content.generate({ question: 'Hi' });
  });
});
