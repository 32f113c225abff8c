import type { components } from './generated/schema';

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
