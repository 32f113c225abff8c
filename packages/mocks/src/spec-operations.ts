import {
  httpMethods,
  type HttpMethod,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
  type OpenApiServer,
} from './openapi-document';

/** One operation of a spec, with the path-level parameters merged in (operation-level ones win, per OpenAPI). */
export interface SpecOperation {
  method: HttpMethod;
  path: string;
  operationId: string;
  operation: OpenApiOperation;
  parameters: OpenApiParameter[];
}

export function listSpecOperations(spec: OpenApiDocument): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, pathItem] of Object.entries(spec.paths)) {
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (operation === undefined) continue;
      const byKey = new Map<string, OpenApiParameter>();
      for (const parameter of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
        byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      }
      operations.push({
        method,
        path,
        operationId: operation.operationId ?? `${method} ${path}`,
        operation,
        parameters: [...byKey.values()],
      });
    }
  }
  return operations;
}

/** The spec's first server URL with every `{variable}` replaced by its default, without a trailing slash. */
export function getDefaultBaseUrl(spec: OpenApiDocument): string {
  const server: OpenApiServer | undefined = spec.servers?.[0];
  if (server === undefined)
    throw new Error(`The spec "${spec.info.title}" declares no servers, so the mock has no default base URL.`);
  const url = server.url.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const variable = server.variables?.[name];
    if (variable === undefined) throw new Error(`Server variable "${name}" in "${server.url}" has no default.`);
    return variable.default;
  });
  return url.replace(/\/+$/, '');
}

export type StreamMode = { kind: 'never' } | { kind: 'always' } | { kind: 'flag'; property: string };

export function getStreamMode(operation: OpenApiOperation): StreamMode {
  const extension = operation['x-textgen-stream'];
  if (extension?.always === true) return { kind: 'always' };
  if (typeof extension?.requestFlag === 'string') return { kind: 'flag', property: extension.requestFlag };
  return { kind: 'never' };
}

/** True when the request asks for a stream: the operation always streams, or its flag property is `true`. */
export function requestWantsStream(mode: StreamMode, body: unknown): boolean {
  switch (mode.kind) {
    case 'never':
      return false;
    case 'always':
      return true;
    case 'flag':
      return typeof body === 'object' && body !== null && (body as Record<string, unknown>)[mode.property] === true;
    default: {
      const unreachable: never = mode;
      throw new Error(`Unknown stream mode ${JSON.stringify(unreachable)}`);
    }
  }
}

const streamMediaTypes = new Set(['text/event-stream', 'application/x-ndjson']);

/** The two stream framings the specs use: SSE events or newline-delimited JSON. */
export function isStreamMediaType(mediaType: string): boolean {
  return streamMediaTypes.has(mediaType.toLowerCase());
}

export function isJsonMediaType(mediaType: string): boolean {
  const lower = mediaType.toLowerCase();
  return lower === 'application/json' || (lower.endsWith('+json') && !isStreamMediaType(lower));
}

/** `application/json; charset=utf-8` -> `application/json`. */
export function essenceOfContentType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
