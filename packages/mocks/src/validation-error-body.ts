import type { ValidationIssue } from './request-validator';

/**
 * The shapes of a 400 body the mock can write, named by format (a spec picks one in
 * `x-textgen-mock.validationErrorBody`;
 * scripts/generate/textgen-extensions.schema.json lists the same names).
 */
export type ValidationErrorBodyShape = 'drf-field-map' | 'drf-error-envelope' | 'message-with-fields' | 'openai-error';

const drfTypeMessages: Record<string, string> = {
  boolean: 'Must be a valid boolean.',
  integer: 'A valid integer is required.',
  number: 'A valid number is required.',
  string: 'Not a valid string.',
  array: 'Expected a list of items.',
  object: 'Expected a dictionary of items.',
};

/**
 * Django REST Framework's own wording, because DRF backends document their 400 bodies in it ("This field is required.",
 * "Ensure this value is less than or equal to 2.").
 */
function drfSentence(issue: ValidationIssue): string {
  const { limit, value, type } = issue.params;
  switch (issue.keyword) {
    case 'required':
      return 'This field is required.';
    case 'maximum':
      return `Ensure this value is less than or equal to ${String(limit)}.`;
    case 'minimum':
      return `Ensure this value is greater than or equal to ${String(limit)}.`;
    case 'exclusiveMaximum':
      return `Ensure this value is less than ${String(limit)}.`;
    case 'exclusiveMinimum':
      return `Ensure this value is greater than ${String(limit)}.`;
    case 'maxItems':
      return `Ensure this field has no more than ${String(limit)} elements.`;
    case 'minItems':
      return `Ensure this field has at least ${String(limit)} elements.`;
    case 'maxLength':
      return `Ensure this field has no more than ${String(limit)} characters.`;
    case 'minLength':
      return Number(limit) === 1
        ? 'This field may not be blank.'
        : `Ensure this field has at least ${String(limit)} characters.`;
    case 'enum':
      return `"${typeof value === 'string' ? value : JSON.stringify(value)}" is not a valid choice.`;
    case 'json':
      return 'Value must be valid JSON.';
    case 'utf-8':
      // What DRF's JSONParser says when the bytes do not decode ("JSON parse error - 'utf-8' codec can't decode ...").
      return 'JSON parse error - the body is not valid UTF-8.';
    case 'type':
      return drfTypeMessages[String(type).split(',')[0]!] ?? `Must be of type ${String(type)}.`;
    default: {
      const text = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
      return text.endsWith('.') ? text : `${text}.`;
    }
  }
}

/** `{field: [messages]}`, DRF's field-error map; errors about the whole body go under DRF's `non_field_errors`. */
function fieldMessageMap(issues: ValidationIssue[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.field === '' ? 'non_field_errors' : issue.field;
    (map[key] ??= []).push(drfSentence(issue));
  }
  return map;
}

function describe(issue: ValidationIssue): string {
  return `${issue.field === '' ? 'body' : issue.field} ${issue.message}`;
}

/**
 * The 400 body for an invalid request in one of the known shapes, listing every offending field. Each spec names its
 * vendor's shape; each shape validates against the 400 schema of the specs that use it (tested).
 */
export function createValidationErrorBody(options: {
  shape: ValidationErrorBodyShape;
  issues: ValidationIssue[];
}): unknown {
  const { shape, issues } = options;
  switch (shape) {
    case 'drf-field-map':
      // Django REST Framework's own body: the field map at the top level.
      return fieldMessageMap(issues);
    case 'drf-error-envelope':
      // A DRF backend that wraps the field map in an `error` object with a type.
      return { error: { type: 'Invalid request', message: fieldMessageMap(issues) } };
    case 'message-with-fields':
      // For an API that documents no error body: `error.message` is what SDKs read, so the field list goes there too.
      return {
        message: 'Bad Request',
        error: {
          message: issues.map(describe).join('; '),
          fields: Object.fromEntries(
            [...new Set(issues.map((issue) => issue.field || 'body'))].map((field) => [
              field,
              issues.filter((issue) => (issue.field || 'body') === field).map((issue) => issue.message),
            ]),
          ),
        },
        code: 400,
      };
    case 'openai-error': {
      // OpenAI names one `param`; the message still lists every problem so nothing is hidden.
      const first = issues[0];
      return {
        error: {
          message: `Invalid request: ${issues.map((issue) => `'${issue.field || 'body'}' ${issue.message}`).join('; ')}`,
          type: 'invalid_request_error',
          param: first === undefined || first.field === '' ? null : first.field,
          code: null,
        },
      };
    }
    default: {
      const unknownShape: never = shape;
      throw new Error(
        `Unknown validation error body shape "${String(unknownShape)}": x-textgen-mock.validationErrorBody must be ` +
          'drf-field-map, drf-error-envelope, message-with-fields or openai-error.',
      );
    }
  }
}
