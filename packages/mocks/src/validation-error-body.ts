import type { ValidationIssue } from './request-validator';
import type { MockVendor } from './vendor-specs';

const drfTypeMessages: Record<string, string> = {
  boolean: 'Must be a valid boolean.',
  integer: 'A valid integer is required.',
  number: 'A valid number is required.',
  string: 'Not a valid string.',
  array: 'Expected a list of items.',
  object: 'Expected a dictionary of items.',
};

/**
 * Django REST Framework's own wording, because Wetrocloud and Eden AI are DRF backends (their documented 400 bodies
 * read "This field is required." and "Ensure this value is less than or equal to 2.").
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
      return Number(limit) === 1 ? 'This field may not be blank.' : `Ensure this field has at least ${String(limit)} characters.`;
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
 * The body each vendor sends for an invalid request, listing every offending field. This is the only place in the
 * mocks that knows vendor error shapes; each shape validates against that vendor's `400` schema (tested).
 */
export function createValidationErrorBody(options: { vendor: MockVendor; issues: ValidationIssue[] }): unknown {
  const { vendor, issues } = options;
  switch (vendor) {
    case 'wetrocloud':
      return fieldMessageMap(issues);
    case 'edenai':
      return { error: { type: 'Invalid request', message: fieldMessageMap(issues) } };
    case 'worqhat':
      // WorqHat documents no v4 error body; the legacy SDK reads `error.message`, so the field list goes there too.
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
    case 'aitre': {
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
      const unreachable: never = vendor;
      throw new Error(`No validation error shape for vendor ${String(unreachable)}`);
    }
  }
}
