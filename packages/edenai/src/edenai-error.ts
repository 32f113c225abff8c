import type { components } from './generated/schema';

/** Body of 401, 402, 403, 415, 429, 500 and other statuses: `{error: {type?, message, code?}}`. */
export type EdenAIErrorBody = components['schemas']['EdenError'];
/** Body of 400: `error.message` maps each invalid field to its messages. */
export type EdenAIBadRequestBody = components['schemas']['EdenBadRequest'];
/** Body of 404: the published `{details}` or the Django REST Framework `{detail}`. */
export type EdenAINotFoundBody = components['schemas']['EdenNotFound'];
/** Any error body Eden AI declares. */
export type EdenAIAnyErrorBody = EdenAIErrorBody | EdenAIBadRequestBody | EdenAINotFoundBody;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{providers: ['This field is required.']}` → `providers: This field is required.` */
function describeFieldErrors(fields: Record<string, unknown>): string | undefined {
  const parts = Object.entries(fields).map(([field, messages]) => {
    const text = Array.isArray(messages) ? messages.map(String).join(' ') : String(messages);
    return `${field}: ${text}`;
  });
  return parts.length === 0 ? undefined : parts.join('; ');
}

/**
 * Reads a readable message out of any Eden AI error body; undefined for a body of another shape (core then falls
 * back to its generic reading).
 */
export function readEdenAIErrorMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const error = body.error;
  if (isRecord(error)) {
    const type = typeof error.type === 'string' && error.type !== '' ? `${error.type}: ` : '';
    if (typeof error.message === 'string') return error.message;
    // A 400 carries a field map in `message`, not text; the type ("Invalid request") is worth keeping there.
    if (isRecord(error.message)) {
      const fields = describeFieldErrors(error.message);
      if (fields !== undefined) return `${type}${fields}`;
    }
    return undefined;
  }
  if (typeof error === 'string') return error;
  // Eden AI publishes 404 as `details`; Django REST Framework, which serves it, normally says `detail`.
  if (typeof body.details === 'string') return body.details;
  if (typeof body.detail === 'string') return body.detail;
  return undefined;
}
