import type { components } from './generated/schema';

type WetrocloudTextGenerationRequest = components['schemas']['WetrocloudTextGenerationRequest'];

/**
 * The documented multipart form: `messages` is one text field holding the JSON-encoded array (the spec's
 * `encoding.messages.contentType: application/json`), `model` is text, and `stream` is the text `true` when set.
 *
 * `messages` is appended as a string, not as a Blob typed application/json: a Blob part gets a filename, and a
 * Django backend would then file it under request.FILES instead of the `messages` field the docs describe.
 * No Content-Type is set here: fetch writes `multipart/form-data; boundary=...` itself, and openapi-fetch 0.17 leaves
 * the header out when the serialized body is a FormData.
 */
export function encodeWetrocloudFormBody(request: WetrocloudTextGenerationRequest): FormData {
  const form = new FormData();
  form.append('messages', JSON.stringify(request.messages));
  form.append('model', request.model);
  if (request.stream !== undefined) form.append('stream', request.stream ? 'true' : 'false');
  return form;
}
