import type { HookTools, VendorHooks } from '@textgen/core/internal';
import type { components } from './generated/schema';

/*
 * Wetrocloud's hand-written code: what its spec cannot say. Everything else in the client is generated from
 * specs/wetrocloud.yaml.
 */

/**
 * Wetrocloud documents no error schema. Public clients meet three shapes: `{error}`, `{detail}` (the Django REST
 * Framework default, e.g. for auth failures and throttling) and a DRF field-error map `{"<field>": ["<message>"]}`.
 */
export type WetrocloudError = components['schemas']['WetrocloudError'];

/** The readable message inside a Wetrocloud error body, or undefined when the body has none of the three shapes. */
export function readWetrocloudErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.error === 'string' && record.error !== '') return record.error;
  if (typeof record.detail === 'string' && record.detail !== '') return record.detail;
  // DRF field errors: every value is a list of messages for the field that key names.
  const fieldMessages = Object.entries(record).flatMap(([field, messages]) =>
    Array.isArray(messages) && messages.length > 0 && messages.every((message) => typeof message === 'string')
      ? [field === 'non_field_errors' ? messages.join(' ') : `${field}: ${messages.join(' ')}`]
      : [],
  );
  return fieldMessages.length > 0 ? fieldMessages.join('; ') : undefined;
}

type TextGenerationResponse = components['schemas']['WetrocloudTextGenerationResponse'];
type TextGenerationChunk = components['schemas']['WetrocloudTextGenerationChunk'];

/**
 * Wetrocloud can answer HTTP 200 with `success: false`; the reply is then not usable (specs/vendor-facts.md, "Response
 * 200").
 */
function failureDetail(body: { success?: boolean | undefined; response?: unknown }): string {
  // Not cut here: core redacts the key from the detail first and only then shortens it. The vendor's text goes last,
  // so the shortening never takes the advice.
  const said = typeof body.response === 'string' && body.response.trim() !== '' ? ` It said: ${body.response}` : '';
  return `Wetrocloud reported failure (success: false) in a 200 response, so there is no usable reply. Retry the request, or check the model and messages.${said}`;
}

/** What the generated client asks of Wetrocloud: its error reading, and the `success: false` check on each answer. */
export const wetrocloudHooks = {
  errorMessageFromBody: readWetrocloudErrorMessage,
  operations: {
    createTextGeneration: {
      transform(body: TextGenerationResponse, response: Response, tools: HookTools): TextGenerationResponse {
        if (body.success === false) throw tools.createAPIError({ response, body, detail: failureDetail(body) });
        return body;
      },
      chunk(chunk: TextGenerationChunk, response: Response, tools: HookTools): TextGenerationChunk {
        if (chunk.success === false)
          throw tools.createAPIError({ response, body: chunk, detail: failureDetail(chunk) });
        return chunk;
      },
    },
  },
} satisfies VendorHooks;
