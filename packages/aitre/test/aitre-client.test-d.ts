import type { APIPromise, Stream } from '@textgen/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { AitreClient, CreateCompletionChunk, CreateCompletionParams, CreateCompletionResult } from '../src/index';

// Type-level only: vitest's typecheck mode and `pnpm typecheck` run tsc over this file and never execute it.
declare const client: AitreClient;
declare const flag: boolean;
const body = { model: 'gpt-3.5-turbo-instruct', prompt: 'Say this is a test' } as const;

describe('AitreClient.completions types', () => {
  it('gives a Stream for stream: true and the JSON completion otherwise', () => {
    expectTypeOf(client.completions.create({ ...body, stream: true })).toEqualTypeOf<
      APIPromise<Stream<CreateCompletionChunk>>
    >();
    expectTypeOf(client.completions.create(body)).toEqualTypeOf<APIPromise<CreateCompletionResult>>();
    expectTypeOf(client.completions.create({ ...body, stream: false })).toEqualTypeOf<
      APIPromise<CreateCompletionResult>
    >();
    expectTypeOf(client.completions.create({ ...body, stream: null })).toEqualTypeOf<
      APIPromise<CreateCompletionResult>
    >();
    expectTypeOf(client.completions.create({ ...body, stream: flag })).toEqualTypeOf<
      APIPromise<CreateCompletionResult | Stream<CreateCompletionChunk>>
    >();
  });

  it('types the JSON completion and the chunk from the spec', () => {
    expectTypeOf<CreateCompletionResult['choices'][number]['text']>().toEqualTypeOf<string>();
    expectTypeOf<CreateCompletionChunk['object']>().toEqualTypeOf<'text_completion'>();
  });

  it('refuses a body without the required model', () => {
    expectTypeOf<{ prompt: 'Hi' }>().not.toExtend<CreateCompletionParams>();
    // @ts-expect-error model is required
    void client.completions.create({ prompt: 'Hi' });
  });
});
