import type { AnswerContext, RequestAnswer } from '@textgen/mocks';

/**
 * WorqHat's request-aware mock answers. The mock server (packages/mocks) imports this file through its generated
 * vendor registry; it imports only types from @textgen/mocks, so the two packages form no runtime cycle.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJsonContent(content: unknown): boolean {
  if (isRecord(content)) return true;
  if (typeof content !== 'string') return false;
  try {
    return isRecord(JSON.parse(content));
  } catch {
    return false;
  }
}

/**
 * WorqHat AiCon v4, answered from the request:
 * - `conversation_id` is the one sent, or a new one made from the request (the same request gets the same id);
 * - `model` is the one sent (the finetuned path, where the URL picks the model, keeps the example's);
 * - `response_type: "json"` gets the first example whose `content` is JSON (an object, or JSON text), any other
 *   request the first example whose `content` is plain text;
 * - `stream_data: true` sends the first stream example's chunks, SSE framed and ending in `data: [DONE]` as today,
 *   each naming that conversation id and model.
 */
export function answerRequest(context: AnswerContext): RequestAnswer | undefined {
  const { body } = context;
  const conversationId =
    typeof body.conversation_id === 'string' && body.conversation_id !== ''
      ? body.conversation_id
      : `conv_${Number.parseInt(context.stableDigest(JSON.stringify(body)), 16)}`;
  const model = typeof body.model === 'string' ? body.model : undefined;

  if (context.wantsStream) {
    const payloads = context
      .streamPayloadsOf(context.example)
      .map((chunk) =>
        isRecord(chunk) ? { ...chunk, model: model ?? chunk.model, conversation_id: conversationId } : chunk,
      );
    return { kind: 'stream', payloads };
  }

  const wantsJson = body.response_type === 'json';
  const chosen =
    context.examples.find((example) => isRecord(example) && isJsonContent(example.content) === wantsJson) ??
    context.example;
  if (!isRecord(chosen)) return undefined;
  return { kind: 'json', body: { ...chosen, conversation_id: conversationId, model: model ?? chosen.model } };
}
