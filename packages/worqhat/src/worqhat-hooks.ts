import { TextgenError } from '@textgen/core';
import type { VendorHooks } from '@textgen/core/internal';
import type { components, operations } from './generated/schema';

/*
 * WorqHat's hand-written code: what its spec cannot say. Everything else in the client is generated from
 * specs/worqhat.yaml.
 */

/** WorqHat's error envelope. v4 documents none; the spec infers it from the legacy Node SDK. */
export type WorqhatErrorBody = components['schemas']['WorqHatError'];

/**
 * Reads a message out of a WorqHat error body, e.g. `{message: "Bad Request", error: {message: "question is
 * required"}}`
 * gives `Bad Request: question is required`. The legacy SDK reads `error` (a string, or an object with `message`), so
 * the
 * detail is looked for there and the top-level `message` is kept as its heading.
 */
export function readWorqhatErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { message, error } = body as WorqhatErrorBody;
  const heading = typeof message === 'string' && message.trim() !== '' ? message : undefined;
  const nested = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  const detail = typeof nested === 'string' && nested.trim() !== '' ? nested : undefined;
  if (heading !== undefined && detail !== undefined && heading !== detail) return `${heading}: ${detail}`;
  return detail ?? heading;
}

type ContentRequest = components['schemas']['WorqHatContentRequest'];
type FinetunedContentRequest = components['schemas']['WorqHatFinetunedContentRequest'];
/** The base model a custom model was trained from. */
export type WorqhatModelType = operations['generateContentWithModel']['parameters']['path']['modelType'];

// A Record, so adding a model type to the spec fails to compile here until it is listed.
const modelTypes: Record<WorqhatModelType, true> = { nano: true, large: true };

/** An empty question is sent by the API as a 200 with an empty answer; failing first saves the call and says why. */
function assertQuestion(method: string, question: unknown): void {
  if (typeof question !== 'string' || question.trim() === '') {
    throw new TextgenError(
      `[worqhat] ${method}: \`question\` is empty. Pass the prompt for this turn as a non-empty string.`,
    );
  }
}

/** What the generated client asks of WorqHat: its error reading, and input checks the schema alone cannot make. */
export const worqhatHooks = {
  errorMessageFromBody: readWorqhatErrorMessage,
  operations: {
    generateContent: {
      prepare(params: ContentRequest): ContentRequest {
        assertQuestion('content.generate', params.question);
        return params;
      },
    },
    generateContentWithModel: {
      prepare(params: FinetunedContentRequest & { modelType: WorqhatModelType; modelId: string }) {
        const { modelType, modelId } = params;
        if (typeof modelType !== 'string' || !Object.hasOwn(modelTypes, modelType)) {
          const choices = Object.keys(modelTypes)
            .map((name) => `'${name}'`)
            .join(' or ');
          throw new TextgenError(
            `[worqhat] content.generateWithModel: \`modelType\` must be ${choices} (the base model the custom model was trained from), got ${JSON.stringify(modelType) ?? 'undefined'}.`,
          );
        }
        if (typeof modelId !== 'string' || modelId.trim() === '') {
          throw new TextgenError(
            '[worqhat] content.generateWithModel: `modelId` is empty. Pass the custom model id shown in WorqHat AI Studio.',
          );
        }
        assertQuestion('content.generateWithModel', params.question);
        return params;
      },
    },
  },
} satisfies VendorHooks;
