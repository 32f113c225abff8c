import type { APIPromise, Stream } from '@textgen/core';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CreateTextGenerationChunk,
  CreateTextGenerationParams,
  CreateTextGenerationResult,
  WetrocloudClient,
  WetrocloudClientOptions,
  WetrocloudRequestOptions,
} from '../src/index';

// Type-level only: vitest's typecheck mode and `pnpm typecheck` run tsc over this file and never execute it.
declare const client: WetrocloudClient;
declare const flag: boolean;
const body = {
  model: 'gpt-4.1-nano',
  messages: [{ role: 'user', content: 'Hi' }],
} as const satisfies CreateTextGenerationParams;

describe('WetrocloudClient.textGeneration types', () => {
  it('gives a Stream for stream: true and the JSON answer otherwise', () => {
    expectTypeOf(client.textGeneration.create({ ...body, stream: true })).toEqualTypeOf<
      APIPromise<Stream<CreateTextGenerationChunk>>
    >();
    expectTypeOf(client.textGeneration.create(body)).toEqualTypeOf<APIPromise<CreateTextGenerationResult>>();
    expectTypeOf(client.textGeneration.create({ ...body, stream: false })).toEqualTypeOf<
      APIPromise<CreateTextGenerationResult>
    >();
    expectTypeOf(client.textGeneration.create({ ...body, stream: flag })).toEqualTypeOf<
      APIPromise<CreateTextGenerationResult | Stream<CreateTextGenerationChunk>>
    >();
  });

  it('takes the spec server variable and the body encodings as options', () => {
    expectTypeOf<WetrocloudClientOptions['apiVersion']>().toEqualTypeOf<'v1' | 'v2' | undefined>();
    expectTypeOf<WetrocloudRequestOptions['bodyEncoding']>().toEqualTypeOf<'multipart' | 'json' | undefined>();
    expectTypeOf<CreateTextGenerationResult['success']>().toEqualTypeOf<boolean>();
  });
});
