import type { JsonSchema, OpenApiMediaType } from './openapi-document';
import {
  coerceWireText,
  findPropertySchema,
  schemaAcceptsString,
  validateAgainstSchema,
  type ValidationIssue,
} from './request-validator';
import { isJsonMediaType } from './spec-operations';

export interface ReadRequestBody {
  /** The body as the tests see it: JSON parsed; a form as an object with its JSON-encoded parts decoded. */
  parsed: unknown;
  /** The value checked against the media type's schema (form fields coerced from text, see below). */
  validationValue: unknown;
  text: string;
  issues: ValidationIssue[];
}

function isFormMediaType(mediaType: string): boolean {
  return mediaType === 'multipart/form-data' || mediaType === 'application/x-www-form-urlencoded';
}

function partIsJson(media: OpenApiMediaType | undefined, name: string): boolean {
  const contentType = media?.encoding?.[name]?.contentType;
  return contentType !== undefined && isJsonMediaType(contentType.split(';')[0]!.trim());
}

async function readForm(options: {
  bytes: ArrayBuffer;
  contentType: string;
  media: OpenApiMediaType | undefined;
}): Promise<Pick<ReadRequestBody, 'parsed' | 'validationValue' | 'issues'>> {
  const issues: ValidationIssue[] = [];
  let formData: FormData;
  try {
    // Response.formData() is the platform's multipart/urlencoded parser; it needs the original boundary parameter.
    formData = await new Response(options.bytes, { headers: { 'content-type': options.contentType } }).formData();
  } catch {
    return {
      parsed: undefined,
      validationValue: undefined,
      issues: [
        { location: 'body', field: '', keyword: 'multipart', params: {}, message: 'is not a readable form body' },
      ],
    };
  }
  const parsed: Record<string, unknown> = {};
  const validationValue: Record<string, unknown> = {};
  const names = [...new Set([...formData.keys()])];
  for (const name of names) {
    const propertySchema = findPropertySchema(options.media?.schema, name);
    const parsedValues: unknown[] = [];
    const checkedValues: unknown[] = [];
    for (const entry of formData.getAll(name)) {
      const text = typeof entry === 'string' ? entry : await entry.text();
      if (partIsJson(options.media, name)) {
        // encoding.<part>.contentType: application/json means the part holds JSON text (a form's `messages` part).
        // Prism ignores this and rejects the part (docs/architecture.md, toolchain pitfall 8); we decode it and report
        // bad JSON on the field.
        let decoded: unknown;
        let decodedJson = false;
        try {
          decoded = JSON.parse(text);
          decodedJson = true;
        } catch {
          issues.push({
            location: 'body',
            field: name,
            keyword: 'json',
            params: {},
            message: 'must be valid JSON (the part is sent as application/json)',
          });
          decoded = text;
        }
        parsedValues.push(decoded);
        // A schema that types the part as a string describes the wire text, so the text is what it validates; its
        // JSON Schema `contentSchema` (an annotation Ajv does not apply) describes the decoded value, so we apply it.
        checkedValues.push(schemaAcceptsString(propertySchema) ? text : decoded);
        const contentSchema = typeof propertySchema === 'object' ? propertySchema.contentSchema : undefined;
        if (contentSchema !== undefined && decodedJson) {
          issues.push(
            ...validateAgainstSchema({
              schema: contentSchema as JsonSchema,
              value: decoded,
              location: 'body',
              field: name,
            }),
          );
        }
      } else {
        parsedValues.push(text);
        checkedValues.push(coerceWireText(text, propertySchema));
      }
    }
    parsed[name] = parsedValues.length === 1 ? parsedValues[0] : parsedValues;
    validationValue[name] = checkedValues.length === 1 ? checkedValues[0] : checkedValues;
  }
  return { parsed, validationValue, issues };
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads and decodes a request body according to its (already accepted) media type. */
export async function readRequestBody(options: {
  bytes: ArrayBuffer;
  mediaType: string;
  contentType: string;
  media: OpenApiMediaType | undefined;
}): Promise<ReadRequestBody> {
  const text = new TextDecoder().decode(options.bytes);
  if (isJsonMediaType(options.mediaType)) {
    // JSON between systems must be UTF-8 (RFC 8259 §8.1), and the real servers' parsers refuse other bytes with a 400;
    // the lenient decode above would turn them into U+FFFD and answer as if that text had been sent.
    try {
      utf8Decoder.decode(options.bytes);
    } catch {
      return {
        parsed: undefined,
        validationValue: undefined,
        text,
        issues: [{ location: 'body', field: '', keyword: 'utf-8', params: {}, message: 'is not valid UTF-8' }],
      };
    }
    try {
      const parsed: unknown = JSON.parse(text);
      return { parsed, validationValue: parsed, text, issues: [] };
    } catch {
      return {
        parsed: undefined,
        validationValue: undefined,
        text,
        issues: [{ location: 'body', field: '', keyword: 'json', params: {}, message: 'is not valid JSON' }],
      };
    }
  }
  if (isFormMediaType(options.mediaType)) {
    return { text, ...(await readForm(options)) };
  }
  return { parsed: text, validationValue: text, text, issues: [] };
}
