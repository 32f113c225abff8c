import type { APIPromise, Stream } from '@textgen/core';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  WorqhatClient,
  WorqhatContentRequest,
  WorqhatContentResponse,
  WorqhatGenerateWithModelParams,
  WorqhatStreamChunk,
  WorqhatTextContentResponse,
} from './index';

// Type-level only: vitest's typecheck mode (vitest.config.mts) and `pnpm typecheck` run tsc over this file and
// never execute it, so no request is made. A declared client is enough to resolve the overloads.
declare const client: WorqhatClient;
declare const flag: boolean;
const base = { question: 'Hi', model: 'aicon-v4-nano-160824' } as const;

describe('WorqhatClient.content types', () => {
  it('generate follows the stream_data flag', () => {
    expectTypeOf(client.content.generate({ ...base, stream_data: true })).toEqualTypeOf<APIPromise<Stream<WorqhatStreamChunk>>>();
    expectTypeOf(client.content.generate(base)).toEqualTypeOf<APIPromise<WorqhatTextContentResponse>>();
    expectTypeOf(client.content.generate({ ...base, stream_data: false })).toEqualTypeOf<APIPromise<WorqhatTextContentResponse>>();
    expectTypeOf(client.content.generate({ ...base, stream_data: flag })).toEqualTypeOf<
      APIPromise<WorqhatContentResponse | Stream<WorqhatStreamChunk>>
    >();
  });

  it('generateWithModel follows the stream_data flag', () => {
    expectTypeOf(client.content.generateWithModel({ modelType: 'large', modelId: 'x', question: 'Hi', stream_data: true })).toEqualTypeOf<
      APIPromise<Stream<WorqhatStreamChunk>>
    >();
    expectTypeOf(client.content.generateWithModel({ modelType: 'nano', modelId: 'x', question: 'Hi' })).toEqualTypeOf<
      APIPromise<WorqhatTextContentResponse>
    >();
  });

  it('types content as text unless the request asks response_type json', async () => {
    const text = await client.content.generate({ ...base, response_type: 'text' });
    expectTypeOf(text.content).toEqualTypeOf<string | undefined>();
    expectTypeOf((await client.content.generate(base)).content).toEqualTypeOf<string | undefined>();
    const json = await client.content.generate({ ...base, response_type: 'json' });
    expectTypeOf(json).toEqualTypeOf<WorqhatContentResponse>();
    expectTypeOf(json.content).toEqualTypeOf<string | { [key: string]: unknown } | undefined>();
    const finetunedJson = await client.content.generateWithModel({ modelType: 'large', modelId: 'x', question: 'Hi', response_type: 'json' });
    expectTypeOf(finetunedJson).toEqualTypeOf<WorqhatContentResponse>();
    const runtimeType = 'text' as 'text' | 'json';
    expectTypeOf(client.content.generate({ ...base, response_type: runtimeType })).toEqualTypeOf<APIPromise<WorqhatContentResponse>>();
    const finetunedText = await client.content.generateWithModel({ modelType: 'large', modelId: 'x', question: 'Hi' });
    expectTypeOf(finetunedText.content).toEqualTypeOf<string | undefined>();
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
