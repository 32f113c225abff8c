/**
 * The parts of a dereferenced OpenAPI 3.1 document that the mocks read. The bundles in ./generated are produced by
 * `redocly bundle --dereferenced`, so no `$ref` is left to resolve; unknown keys (`x-generated`, docs-only fields) are
 * ignored.
 */

export type JsonSchema = Record<string, unknown> | boolean;

export interface OpenApiExample {
  summary?: string;
  description?: string;
  value?: unknown;
  /**
   * When the mocks serve this example on their own. `missing-credentials`: the answer to a request whose credentials
   * are missing or not in the vendor's scheme (for example DRF's "Authentication credentials were not provided.").
   */
  'x-textgen-when'?: 'missing-credentials';
}

export interface OpenApiMediaType {
  schema?: JsonSchema;
  examples?: Record<string, OpenApiExample>;
  encoding?: Record<string, { contentType?: string }>;
  'x-stream-item'?: JsonSchema;
}

export interface OpenApiHeader {
  description?: string;
  required?: boolean;
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, OpenApiExample>;
}

export interface OpenApiResponse {
  description?: string;
  headers?: Record<string, OpenApiHeader>;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, OpenApiExample>;
}

export interface OpenApiRequestBody {
  required?: boolean;
  content: Record<string, OpenApiMediaType>;
}

export interface TextgenStreamExtension {
  requestFlag?: string;
  always?: boolean;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: OpenApiRequestBody;
  responses: Record<string, OpenApiResponse>;
  security?: SecurityRequirement[];
  'x-textgen-stream'?: TextgenStreamExtension;
}

export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>> & { parameters?: OpenApiParameter[] };

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export type HttpMethod = (typeof httpMethods)[number];

export interface OpenApiSecurityScheme {
  type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  name?: string;
  in?: 'header' | 'query' | 'cookie';
  scheme?: string;
  'x-textgen-auth-prefix'?: string;
}

export interface OpenApiServer {
  url: string;
  variables?: Record<string, { default: string; enum?: string[] }>;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; 'x-textgen-vendor'?: string };
  servers?: OpenApiServer[];
  security?: SecurityRequirement[];
  paths: Record<string, OpenApiPathItem>;
  components?: { securitySchemes?: Record<string, OpenApiSecurityScheme> };
}
