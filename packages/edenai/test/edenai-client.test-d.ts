import type { APIPromise, Stream } from '@textgen/core';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  EdenAIChatRequest,
  EdenAIChatResult,
  CreateTextChatStreamChunk,
  EdenAIChatStreamRequest,
  EdenAIClient,
} from '../src/index';

// Type-level only: vitest's typecheck mode (vitest.config.mts) and `pnpm typecheck` run tsc over this file and
// never execute it, so no request is made.
declare const client: EdenAIClient;
declare const chatRequest: EdenAIChatRequest;
declare const streamRequest: EdenAIChatStreamRequest;
type ProviderResult = EdenAIChatResult['results'][number];

describe('EdenAIClient.text types', () => {
  it('types each method result', () => {
    expectTypeOf(client.text.chat(chatRequest)).toEqualTypeOf<APIPromise<EdenAIChatResult>>();
    expectTypeOf(client.text.chatStream(streamRequest)).toEqualTypeOf<APIPromise<Stream<CreateTextChatStreamChunk>>>();
  });

  it('narrows a provider result on ok', () => {
    expectTypeOf<Extract<ProviderResult, { ok: true }>['generatedText']>().toEqualTypeOf<string | null>();
    expectTypeOf<Extract<ProviderResult, { ok: false }>['message']>().toEqualTypeOf<string>();
  });

  it('takes settings as an object (the raw client takes the JSON string)', () => {
    expectTypeOf<{ providers: 'openai'; text: 'Hi'; settings: { openai: 'gpt-4o' } }>().toExtend<EdenAIChatRequest>();
    expectTypeOf<{
      providers: 'openai';
      text: 'Hi';
      settings: '{"openai":"gpt-4o"}';
    }>().not.toExtend<EdenAIChatRequest>();
  });
});
