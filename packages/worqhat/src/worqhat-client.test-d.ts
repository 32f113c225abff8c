import type { APIPromise, Stream } from '@textgen/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { WorqhatClient, WorqhatContentRequest, WorqhatContentResponse, WorqhatGenerateWithModelParams, WorqhatStreamChunk } from './index';

// Type-level only: vitest's typecheck mode (vitest.config.mts) and `pnpm typecheck` run tsc over this file and
// never execute it, so no request is made. A declared client is enough to resolve the overloads.
declare const client: WorqhatClient;
declare const flag: boolean;
const base = { question: 'Hi', model: 'aicon-v4-nano-160824' } as const;

describe('WorqhatClient.content types', () => {
  it('generate follows the stream_data flag', () => {
    expectTypeOf(client.content.generate({ ...base, stream_data: true })).toEqualTypeOf<APIPromise<Stream<WorqhatStreamChunk>>>();
    expectTypeOf(client.content.generate(base)).toEqualTypeOf<APIPromise<WorqhatContentResponse>>();
    expectTypeOf(client.content.generate({ ...base, stream_data: false })).toEqualTypeOf<APIPromise<WorqhatContentResponse>>();
    expectTypeOf(client.content.generate({ ...base, stream_data: flag })).toEqualTypeOf<
      APIPromise<WorqhatContentResponse | Stream<WorqhatStreamChunk>>
    >();
  });

  it('generateWithModel follows the stream_data flag', () => {
    expectTypeOf(client.content.generateWithModel({ modelType: 'large', modelId: 'x', question: 'Hi', stream_data: true })).toEqualTypeOf<
      APIPromise<Stream<WorqhatStreamChunk>>
    >();
    expectTypeOf(client.content.generateWithModel({ modelType: 'nano', modelId: 'x', question: 'Hi' })).toEqualTypeOf<
      APIPromise<WorqhatContentResponse>
    >();
  });

  it('refuses bodies the spec does not allow', () => {
    expectTypeOf<{ modelType: 'medium'; modelId: 'x'; question: 'Hi' }>().not.toExtend<WorqhatGenerateWithModelParams>();
    expectTypeOf<{ question: 'Hi' }>().not.toExtend<WorqhatContentRequest>();
    // No overload takes them either (tsc reports "No overload matches this call").
    // @ts-expect-error modelType is 'nano' | 'large'
    void client.content.generateWithModel({ modelType: 'medium', modelId: 'x', question: 'Hi' });
    // @ts-expect-error the text-only path requires model
    void client.content.generate({ question: 'Hi' });
  });
});
