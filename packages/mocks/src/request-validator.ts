import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchema, OpenApiParameter } from './openapi-document';

/** One reason a request breaks its spec; `field` is a dotted path (`messages.0.role`), `''` for the whole body. */
export interface ValidationIssue {
  location: 'body' | 'path' | 'query' | 'header';
  field: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `maximum`, ...), or `json` for unparseable JSON. */
  keyword: string;
  /** Ajv's parameters for that keyword (`limit`, `allowedValues`, `type`, ...), so formatters can word it their way. */
  params: Record<string, unknown>;
  message: string;
}

// One Ajv for every spec. strict: false because the specs carry OpenAPI keywords Ajv does not know (`discriminator`,
// `x-*`); formats are annotations in our specs (CONVENTIONS.md: `unixtime` lives in descriptions), and ajv-formats is
// not a dependency, so format checks are off rather than half-on.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, logger: false, verbose: true });

// Keyed by the schema object itself: a bundle is parsed once, so each schema is compiled once per process.
const compiledValidators = new WeakMap<object, ValidateFunction>();
const booleanSchemaValidators = new Map<boolean, ValidateFunction>();

function getValidator(schema: JsonSchema): ValidateFunction {
  const cache = typeof schema === 'object' ? undefined : booleanSchemaValidators;
  let validator = typeof schema === 'object' ? compiledValidators.get(schema) : cache?.get(schema);
  if (validator === undefined) {
    validator = ajv.compile(schema);
    if (typeof schema === 'object') compiledValidators.set(schema, validator);
    else booleanSchemaValidators.set(schema, validator);
  }
  return validator;
}

function joinField(base: string, child: string): string {
  if (base === '') return child;
  if (child === '') return base;
  return `${base}.${child}`;
}

function pointerToDotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function toIssue(error: ErrorObject, location: ValidationIssue['location'], baseField: string): ValidationIssue {
  const field = joinField(baseField, pointerToDotted(error.instancePath));
  // verbose: true puts the offending value in `data`; DRF-style messages quote it ('"maybe" is not a valid choice.').
  const params: Record<string, unknown> = { ...(error.params as Record<string, unknown>), value: error.data };
  const keyword = error.keyword;
  switch (keyword) {
    case 'required':
      return {
        location,
        field: joinField(field, String(params.missingProperty)),
        keyword,
        params,
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        location,
        field: joinField(field, String(params.additionalProperty)),
        keyword,
        params,
        message: 'is not an allowed property',
      };
    case 'unevaluatedProperties':
      return {
        location,
        field: joinField(field, String(params.unevaluatedProperty)),
        keyword,
        params,
        message: 'is not an allowed property',
      };
    case 'enum':
      return {
        location,
        field,
        keyword,
        params,
        message: `must be one of: ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`,
      };
    default:
      return { location, field, keyword, params, message: error.message ?? `fails "${keyword}"` };
  }
}

/** Validates one value against one schema; every failing keyword becomes an issue (Ajv allErrors). */
export function validateAgainstSchema(options: {
  schema: JsonSchema;
  value: unknown;
  location: ValidationIssue['location'];
  field?: string;
}): ValidationIssue[] {
  const validator = getValidator(options.schema);
  if (validator(options.value)) return [];
  const issues = (validator.errors ?? []).map((error) => toIssue(error, options.location, options.field ?? ''));
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.field}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function schemaTypes(schema: JsonSchema | undefined): string[] {
  if (typeof schema !== 'object') return [];
  const type = schema.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((entry): entry is string => typeof entry === 'string');
  return [];
}

/** True when the schema accepts a plain string (or says nothing about type). */
export function schemaAcceptsString(schema: JsonSchema | undefined): boolean {
  const types = schemaTypes(schema);
  return types.length === 0 || types.includes('string');
}

/**
 * Form fields, path, query and header parameters are always text on the wire, so a schema's `boolean`, `integer` or
 * `number` is read from that text first ("true" -> true, "9" -> 9), as the vendors' form parsers do.
 */
export function coerceWireText(value: string, schema: JsonSchema | undefined): unknown {
  const types = schemaTypes(schema);
  if (types.length === 0 || types.includes('string')) return value;
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if ((types.includes('integer') || types.includes('number')) && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  if (types.includes('null') && value === 'null') return null;
  return value;
}

/** Finds the schema of one top-level property, looking through allOf/anyOf/oneOf branches. */
export function findPropertySchema(schema: JsonSchema | undefined, property: string): JsonSchema | undefined {
  if (typeof schema !== 'object') return undefined;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties?.[property] !== undefined) return properties[property];
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches as JsonSchema[]) {
      const found = findPropertySchema(branch, property);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Checks the declared path, query and header parameters of an operation. */
export function validateParameters(options: {
  parameters: OpenApiParameter[];
  pathParameters: Record<string, string | readonly string[] | undefined>;
  query: URLSearchParams;
  headers: Headers;
}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const parameter of options.parameters) {
    if (parameter.in === 'cookie') continue;
    // Authorization is the security scheme's business (checked first, with the vendor's 401), not a parameter.
    if (parameter.in === 'header' && parameter.name.toLowerCase() === 'authorization') continue;
    let rawValues: string[];
    switch (parameter.in) {
      case 'path': {
        const value = options.pathParameters[parameter.name];
        rawValues = value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
        break;
      }
      case 'query':
        rawValues = options.query.getAll(parameter.name);
        break;
      case 'header': {
        const value = options.headers.get(parameter.name);
        rawValues = value === null ? [] : [value];
        break;
      }
      default: {
        const unreachable: never = parameter.in;
        throw new Error(`Unknown parameter location ${String(unreachable)}`);
      }
    }
    if (rawValues.length === 0) {
      if (parameter.required === true || parameter.in === 'path') {
        issues.push({
          location: parameter.in,
          field: parameter.name,
          keyword: 'required',
          params: {},
          message: 'is required',
        });
      }
      continue;
    }
    if (parameter.schema === undefined) continue;
    const isArray = schemaTypes(parameter.schema).includes('array');
    const itemSchema =
      isArray && typeof parameter.schema === 'object'
        ? (parameter.schema.items as JsonSchema | undefined)
        : parameter.schema;
    const coerced = rawValues.map((raw) => coerceWireText(raw, itemSchema));
    issues.push(
      ...validateAgainstSchema({
        schema: parameter.schema,
        value: isArray ? coerced : coerced[0],
        location: parameter.in,
        field: parameter.name,
      }),
    );
  }
  return issues;
}
