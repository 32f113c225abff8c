import type { OpenApiOperation, OpenApiResponse } from './openapi-document';
import type { MockPreference } from './parse-prefer-header';
import { isJsonMediaType, isStreamMediaType } from './spec-operations';

export interface SelectedResponse {
  status: number;
  response: OpenApiResponse;
  /** Undefined when the chosen response declares no content (the body is then empty). */
  mediaType: string | undefined;
  exampleName: string | undefined;
  value: unknown;
}

export type ResponseSelection =
  { kind: 'selected'; selected: SelectedResponse } | { kind: 'not-found'; message: string };

/** The status a `default` response is served with when `Prefer: code=` does not say otherwise. */
const defaultResponseStatus = 500;

function statusOfKey(statusKey: string, preferredCode: number | undefined): number {
  if (statusKey === 'default') return preferredCode ?? defaultResponseStatus;
  return Number(statusKey);
}

function listExampleNames(operation: OpenApiOperation, statusKeys: string[]): string[] {
  return statusKeys.flatMap((statusKey) =>
    Object.values(operation.responses[statusKey]?.content ?? {}).flatMap((media) => Object.keys(media.examples ?? {})),
  );
}

function firstExample(
  response: OpenApiResponse,
  mediaTypes: string[],
): { mediaType: string; name: string; value: unknown } | undefined {
  for (const mediaType of mediaTypes) {
    const [entry] = Object.entries(response.content?.[mediaType]?.examples ?? {});
    if (entry !== undefined) return { mediaType, name: entry[0], value: entry[1].value };
  }
  return undefined;
}

/**
 * Media types of a response in the order the mock prefers them: streams first for a stream request, JSON first
 * otherwise.
 */
function orderMediaTypes(response: OpenApiResponse, wantsStream: boolean): string[] {
  const mediaTypes = Object.keys(response.content ?? {});
  const streams = mediaTypes.filter(isStreamMediaType);
  const json = mediaTypes.filter(isJsonMediaType);
  const others = mediaTypes.filter((mediaType) => !streams.includes(mediaType) && !json.includes(mediaType));
  return wantsStream ? [...streams, ...json, ...others] : [...json, ...others, ...streams];
}

/**
 * Picks the example to serve.
 * - `Prefer: example=<name>` picks that example wherever it is declared (any status, any media type);
 * - `Prefer: code=<status>` picks that status (its `default` response when the status is not declared) and its first
 *   example, JSON first;
 * - with neither, the first 200 example: the stream media type for a stream request, JSON otherwise.
 */
export function selectResponseExample(options: {
  operation: OpenApiOperation;
  preference: MockPreference;
  wantsStream: boolean;
}): ResponseSelection {
  const { operation, preference, wantsStream } = options;
  const declaredKeys = Object.keys(operation.responses);

  let candidateKeys: string[];
  if (preference.code !== undefined) {
    const exactKey = String(preference.code);
    const statusKey = declaredKeys.includes(exactKey)
      ? exactKey
      : declaredKeys.includes('default')
        ? 'default'
        : undefined;
    if (statusKey === undefined) {
      return {
        kind: 'not-found',
        message: `textgen mock: Prefer code=${preference.code} is not a declared response of ${operation.operationId}. Declared: ${declaredKeys.join(', ')}.`,
      };
    }
    candidateKeys = [statusKey];
  } else if (preference.example !== undefined) {
    candidateKeys = declaredKeys;
  } else {
    const successKey = declaredKeys.includes('200') ? '200' : declaredKeys.find((key) => /^2\d\d$/.test(key));
    if (successKey === undefined) {
      return {
        kind: 'not-found',
        message: `textgen mock: ${operation.operationId} declares no 2xx response to serve by default.`,
      };
    }
    candidateKeys = [successKey];
  }

  if (preference.example !== undefined) {
    for (const statusKey of candidateKeys) {
      const response = operation.responses[statusKey]!;
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        const example = media.examples?.[preference.example];
        if (example !== undefined) {
          return {
            kind: 'selected',
            selected: {
              status: statusOfKey(statusKey, preference.code),
              response,
              mediaType,
              exampleName: preference.example,
              value: example.value,
            },
          };
        }
      }
    }
    const available = listExampleNames(operation, candidateKeys);
    const scope = preference.code === undefined ? '' : ` with status ${preference.code}`;
    return {
      kind: 'not-found',
      message: `textgen mock: ${operation.operationId} has no response example named "${preference.example}"${scope}. Available: ${available.join(', ')}.`,
    };
  }

  const statusKey = candidateKeys[0]!;
  const response = operation.responses[statusKey]!;
  const example = firstExample(response, orderMediaTypes(response, wantsStream));
  return {
    kind: 'selected',
    selected: {
      status: statusOfKey(statusKey, preference.code),
      response,
      mediaType: example?.mediaType,
      exampleName: example?.name,
      value: example?.value,
    },
  };
}
