import type { HttpMethod, OpenApiParameter } from './openapi-document';
import {
  getStreamMode,
  isStreamMediaType,
  listSpecOperations,
  requestWantsStream,
  type StreamMode,
} from './spec-operations';
import { getVendorSpec, mockVendorIds, type MockVendor } from './vendor-specs';

/** One named response example of one operation, as the mock can serve it with `Prefer: example=<name>`. */
export interface MockExample {
  vendor: MockVendor;
  operationId: string;
  name: string;
  /** The response key: a status code, or `'default'` (served as 500 unless `Prefer: code=` names another status). */
  status: number | 'default';
  mediaType: string;
  /** True for `text/event-stream` and `application/x-ndjson` examples, which are served as chunked streams. */
  streams: boolean;
  value: unknown;
}

/** One named request example; `streams` says whether sending it asks for a stream. */
export interface MockRequestExample {
  vendor: MockVendor;
  operationId: string;
  name: string;
  mediaType: string;
  streams: boolean;
  value: unknown;
}

export interface MockOperation {
  vendor: MockVendor;
  operationId: string;
  method: HttpMethod;
  /** The spec path, with `{param}` placeholders. */
  path: string;
  streamMode: StreamMode;
  /** One valid value per path parameter, taken from the parameter's examples, enum or default. */
  pathParameterExamples: Record<string, string>;
  requestExamples: MockRequestExample[];
  responseExamples: MockExample[];
}

function sampleParameterValue(parameter: OpenApiParameter): string {
  const schema = typeof parameter.schema === 'object' ? parameter.schema : {};
  const candidates: unknown[] = [
    parameter.example,
    Object.values(parameter.examples ?? {})[0]?.value,
    Array.isArray(schema.examples) ? schema.examples[0] : undefined,
    Array.isArray(schema.enum) ? schema.enum[0] : undefined,
    schema.default,
  ];
  const found = candidates.find((candidate) => candidate !== undefined);
  return found === undefined ? 'example' : typeof found === 'string' ? found : JSON.stringify(found);
}

/** Every operation of every vendor (or of one), with its named request and response examples. */
export function listMockOperations(options: { vendor?: MockVendor } = {}): MockOperation[] {
  const vendors = options.vendor === undefined ? mockVendorIds : [options.vendor];
  return vendors.flatMap((vendor) =>
    listSpecOperations(getVendorSpec(vendor)).map((specOperation): MockOperation => {
      const { operation, operationId } = specOperation;
      const streamMode = getStreamMode(operation);
      const requestExamples = Object.entries(operation.requestBody?.content ?? {}).flatMap(([mediaType, media]) =>
        Object.entries(media.examples ?? {}).map(([name, example]) => ({
          vendor,
          operationId,
          name,
          mediaType,
          // A multipart flag arrives as the text "true"; the mock coerces form fields the same way.
          streams: requestWantsStream(streamMode, example.value) || requestFormFlagIsTrue(streamMode, example.value),
          value: example.value,
        })),
      );
      const responseExamples = Object.entries(operation.responses).flatMap(([statusKey, response]) =>
        Object.entries(response.content ?? {}).flatMap(([mediaType, media]) =>
          Object.entries(media.examples ?? {}).map(([name, example]) => ({
            vendor,
            operationId,
            name,
            status: statusKey === 'default' ? ('default' as const) : Number(statusKey),
            mediaType,
            streams: isStreamMediaType(mediaType),
            value: example.value,
          })),
        ),
      );
      const pathParameterExamples = Object.fromEntries(
        specOperation.parameters
          .filter((parameter) => parameter.in === 'path')
          .map((parameter) => [parameter.name, sampleParameterValue(parameter)]),
      );
      return {
        vendor,
        operationId,
        method: specOperation.method,
        path: specOperation.path,
        streamMode,
        pathParameterExamples,
        requestExamples,
        responseExamples,
      };
    }),
  );
}

function requestFormFlagIsTrue(mode: StreamMode, value: unknown): boolean {
  return (
    mode.kind === 'flag' &&
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>)[mode.property] === 'true'
  );
}

/** Every named response example of every operation: (vendor, operationId, name, status, mediaType). */
export function listMockExamples(options: { vendor?: MockVendor } = {}): MockExample[] {
  return listMockOperations(options).flatMap((operation) => operation.responseExamples);
}
