import { emptyUsage, unknownFinishReason, type ProviderAdapter, type ProviderStreamEvent } from '@textgen/core';
import { missingAnswerError } from '@textgen/core/internal';
import {
  createWetrocloud,
  type WetrocloudClient,
  type WetrocloudClientOptions,
  type CreateTextGenerationParams,
} from './generated/wetrocloud-client';

/** Raw Wetrocloud wire fields merged over the mapped body (`stream` stays the facade's). */
export type WetrocloudProviderOptions = Partial<Omit<CreateTextGenerationParams, 'stream'>> & Record<string, unknown>;

/**
 * Wetrocloud takes the conversation as it is (`messages` with system, user and assistant roles) and reports one
 * `tokens` count for the whole call, mapped to `totalTokens` only. It has no temperature or output cap and no finish
 * reason.
 */
export const wetrocloudProvider: ProviderAdapter<WetrocloudClient, WetrocloudClientOptions> = {
  provider: 'wetrocloud',
  apiKeyEnvironmentVariable: 'WETROCLOUD_API_KEY',
  createClient: (options) => createWetrocloud(options),
  prepare({ client, call }) {
    const warnings: string[] = [];
    if (call.temperature !== undefined) warnings.push('wetrocloud has no temperature field; temperature was not sent.');
    if (call.maxOutputTokens !== undefined)
      warnings.push('wetrocloud has no output token limit; maxOutputTokens was not sent.');
    // Without `stream` the server answers with JSON (the documented default); only streaming calls send it.
    const { stream: _ignoredStream, ...body }: CreateTextGenerationParams = {
      model: call.model,
      messages: call.messages.map((message) => ({ role: message.role, content: message.content })),
      ...call.providerOptions,
    };
    const totalOnly = (tokens: number | undefined) => ({ ...emptyUsage(), totalTokens: tokens });
    return {
      warnings,
      async generate() {
        const { data, requestId, response } = await client.textGeneration
          .create(body, call.requestOptions)
          .withResponse();
        // The client has already refused a body that is not an object, or that says `success: false`.
        const received: unknown = data.response;
        if (typeof received !== 'string')
          throw missingAnswerError({ client, response, body: data, field: '`response` text' });
        return {
          text: received,
          model: undefined,
          usage: totalOnly(typeof data.tokens === 'number' ? data.tokens : undefined),
          finishReason: unknownFinishReason(),
          requestId,
          raw: data,
        };
      },
      async stream() {
        const { data: chunks, requestId } = await client.textGeneration
          .create({ ...body, stream: true }, call.requestOptions)
          .withResponse();
        async function* events(): AsyncGenerator<ProviderStreamEvent> {
          yield { type: 'response-metadata', requestId };
          // The client ends the stream with an APIError at a line that is not an object or says `success: false`.
          for await (const chunk of chunks) {
            const text: unknown = chunk.response;
            if (typeof text === 'string') yield { type: 'text-delta', text };
            // Whether lines carry `tokens` is unconfirmed (specs/vendor-facts.md); when they do, the last one counts.
            if (typeof chunk.tokens === 'number') yield { type: 'usage', usage: { totalTokens: chunk.tokens } };
          }
        }
        return events();
      },
    };
  },
};
