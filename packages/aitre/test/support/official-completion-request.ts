import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import officialDocument from '../fixtures/openai-completions.schema.json';

const documentId = 'https://textgen.test/openai-completions.schema.json';

/**
 * Drops OpenAPI 3.0's `nullable`, which OpenAI's 3.1 document still uses. A JSON Schema 2020-12 validator ignores it,
 * so null is then rejected for `max_tokens`, `stop` and the rest: the strictest reading of the official schema (Ajv
 * cannot simply ignore it: its built-in `nullable` support throws "nullable cannot be used without type" on `prompt`).
 */
function withoutNullable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullable);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'nullable')
      .map(([key, member]) => [key, withoutNullable(member)]),
  );
}

function compileRequestValidator(): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // OpenAPI and OpenAI vendor keywords: annotations only. `components` holds the schemas that `$ref`s point into.
  ajv.addVocabulary(['components', 'example', 'x-oaiMeta', 'x-oaiTypeLabel', 'x-stainless-const']);
  // `int64` (seed) and `unixtime` (created) are OpenAPI formats, not JSON Schema ones; as in the spec, annotations
  // only.
  ajv.addFormat('int64', true);
  ajv.addFormat('unixtime', true);
  ajv.addSchema({ $id: documentId, components: withoutNullable(officialDocument.components) });
  const validate = ajv.getSchema(`${documentId}#/components/schemas/CreateCompletionRequest`);
  if (validate === undefined) throw new Error('CreateCompletionRequest is missing from the official schema fixture.');
  return validate;
}

const validateRequest = compileRequestValidator();

/** The official OpenAI `CreateCompletionParams` errors for a request body; empty when the body is valid. */
export function officialRequestErrors(body: unknown): ErrorObject[] {
  return validateRequest(body) ? [] : [...(validateRequest.errors ?? [])];
}
