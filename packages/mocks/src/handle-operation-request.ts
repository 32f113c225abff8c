import { answerRequest } from './answer-request';
import { checkAuthorization } from './check-authorization';
import type { MockCall, MockOverrideResponse } from './mock-call';
import {
  declaredResponseHeaders,
  firstJsonExample,
  jsonResponse,
  missingCredentialsExample,
  mockErrorResponse,
  overrideResponse,
  requestAnswerResponse,
  selectedExampleResponse,
} from './mock-responses';
import type { OpenApiDocument, OpenApiMediaType } from './openapi-document';
import { parsePreferHeader } from './parse-prefer-header';
import { readRequestBody, type ReadRequestBody } from './read-request-body';
import { validateAgainstSchema, validateParameters, type ValidationIssue } from './request-validator';
import { selectResponseExample } from './select-response-example';
import { essenceOfContentType, getStreamMode, requestWantsStream, type SpecOperation } from './spec-operations';
import { createValidationErrorBody } from './validation-error-body';
import type { VendorRegistryEntry } from './vendor-registry-entry';
import type { MockVendor } from './vendor-specs';

/** What one operation's handler knows before any request arrives. */
export interface OperationHandlerContext {
  vendor: MockVendor;
  entry: VendorRegistryEntry;
  spec: OpenApiDocument;
  specOperation: SpecOperation;
  delayMs: number;
  onCall: ((call: MockCall) => void) | undefined;
  takeOverride: ((call: MockCall) => MockOverrideResponse | undefined) | undefined;
}

type PathParameters = Record<string, string | readonly string[] | undefined>;

/** A request as the later steps read it: the body is read from the wire once, here. */
interface ReceivedRequest {
  request: Request;
  pathParameters: PathParameters;
  bytes: ArrayBuffer;
  /** The media type of the request (`multipart/form-data` for `multipart/form-data; boundary=...`). */
  mediaType: string;
  /** The operation's request media object for that type; undefined when the operation does not accept it. */
  media: OpenApiMediaType | undefined;
  /** The parsed body and its own issues (bad JSON, bad UTF-8, an unreadable form); undefined without a body. */
  body: ReadRequestBody | undefined;
}

/**
 * Read: a fetch body can be consumed only once, and the later steps need it three ways (bytes for the recorded text,
 * the parsed value for validation, the same value for the answer), so it is read and parsed here, once.
 */
async function readRequest(
  context: OperationHandlerContext,
  request: Request,
  pathParameters: PathParameters,
): Promise<ReceivedRequest> {
  const hasNoBody = request.method === 'GET' || request.method === 'HEAD';
  const bytes = hasNoBody ? new ArrayBuffer(0) : await request.arrayBuffer();
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = essenceOfContentType(contentType);
  const media = context.specOperation.operation.requestBody?.content[mediaType];
  const readable = bytes.byteLength > 0 && media !== undefined;
  const body = readable ? await readRequestBody({ bytes, mediaType, contentType, media }) : undefined;
  return { request, pathParameters, bytes, mediaType, media, body };
}

function toPathParameters(params: PathParameters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params)
      .filter((entry): entry is [string, string | readonly string[]] => entry[1] !== undefined)
      .map(([name, value]) => [name, typeof value === 'string' ? value : value.join('/')]),
  );
}

/**
 * Record: every request that reached an operation is recorded before any check, valid or not, so a test can see what
 * its client sent even when the mock rejected it.
 */
function recordCall(context: OperationHandlerContext, received: ReceivedRequest): MockCall {
  const { request } = received;
  const call: MockCall = {
    vendor: context.vendor,
    operationId: context.specOperation.operationId,
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers),
    body: received.body?.parsed,
    bodyText: received.body?.text ?? new TextDecoder().decode(received.bytes),
    pathParameters: toPathParameters(received.pathParameters),
  };
  context.onCall?.(call);
  return call;
}

/** Auth: the real APIs authenticate before they look at the body, so a bad key wins over a bad body. */
function checkCredentials(context: OperationHandlerContext, request: Request): Response | undefined {
  const { operation } = context.specOperation;
  const authorization = checkAuthorization({ spec: context.spec, operation, request });
  if (authorization.kind === 'accepted') return undefined;
  const response = operation.responses['401'];
  return jsonResponse({
    status: 401,
    body: missingCredentialsExample(response) ?? { textgenMockError: `credentials ${authorization.reason}` },
    headers: declaredResponseHeaders(response),
  });
}

/**
 * Content type: a body the operation cannot take in that media type is refused with the spec's own 415 where it
 * declares one; otherwise it is one more issue of the 400, next to the others, so the client learns them all at once.
 */
function checkContentType(context: OperationHandlerContext, received: ReceivedRequest): Response | ValidationIssue[] {
  const { requestBody, responses } = context.specOperation.operation;
  if (requestBody === undefined || received.bytes.byteLength === 0 || received.media !== undefined) return [];
  const unsupported = responses['415'];
  if (unsupported !== undefined) {
    const headers = declaredResponseHeaders(unsupported);
    return jsonResponse({ status: 415, body: firstJsonExample(unsupported), headers });
  }
  const accepted = Object.keys(requestBody.content);
  const { mediaType } = received;
  return [
    {
      location: 'header',
      field: 'content-type',
      keyword: 'enum',
      params: { allowedValues: accepted, value: mediaType },
      message: `must be one of: ${accepted.join(', ')} (got "${mediaType}")`,
    },
  ];
}

/**
 * Validate: the request against the spec (a required body, path, query and header parameters, the body's schema),
 * listing every offending field, so one 400 tells the client everything the spec says is wrong.
 */
function validateRequest(context: OperationHandlerContext, received: ReceivedRequest): ValidationIssue[] {
  const { operation, parameters } = context.specOperation;
  const issues: ValidationIssue[] = [];
  if (operation.requestBody?.required === true && received.bytes.byteLength === 0) {
    issues.push({ location: 'body', field: '', keyword: 'required', params: {}, message: 'request body is required' });
  }
  issues.push(
    ...validateParameters({
      parameters,
      pathParameters: received.pathParameters,
      query: new URL(received.request.url).searchParams,
      headers: received.request.headers,
    }),
  );
  const { body, media } = received;
  if (body !== undefined) {
    issues.push(...body.issues);
    if (body.issues.length === 0 && media?.schema !== undefined) {
      issues.push(...validateAgainstSchema({ schema: media.schema, value: body.validationValue, location: 'body' }));
    }
  }
  return issues;
}

/** The vendor's own 400 body, in the shape its spec names (`x-textgen-mock.validationErrorBody`). */
function invalidRequestResponse(context: OperationHandlerContext, issues: ValidationIssue[]): Response {
  const headers = declaredResponseHeaders(context.specOperation.operation.responses['400']);
  const body = createValidationErrorBody({ shape: context.entry.mock.validationErrorBody, issues });
  return jsonResponse({ status: 400, body, headers });
}

/**
 * Override: a test's scripted response is consulted only after auth and validation passed, so scripting a response
 * never hides a client that sends a request the real API would refuse.
 */
function takeOverride(context: OperationHandlerContext, call: MockCall): Response | undefined {
  const override = context.takeOverride?.(call);
  if (override === undefined) return undefined;
  return overrideResponse({ override, operation: context.specOperation.operation, delayMs: context.delayMs });
}

/**
 * Pick an example: `Prefer` (Prism's vocabulary) replays a spec example byte for byte; without it the vendor's
 * request-aware rules build the answer from the request, starting from the example (README "Answers follow the
 * request").
 */
function answerFromExamples(context: OperationHandlerContext, received: ReceivedRequest): Response {
  const { operation, operationId } = context.specOperation;
  const validated = received.body?.validationValue;
  const wantsStream = requestWantsStream(getStreamMode(operation), validated);
  const preference = parsePreferHeader(received.request.headers.get('prefer'));
  const selection = selectResponseExample({ operation, preference, wantsStream });
  if (selection.kind === 'not-found') return mockErrorResponse(500, selection.message);
  const { selected } = selection;
  const replay = preference.example !== undefined || preference.code !== undefined;
  const { mediaType } = selected;
  if (!replay && mediaType !== undefined && selected.status === 200) {
    const { entry, delayMs } = context;
    const { response } = selected;
    const answer = answerRequest({ entry, operationId, body: validated, response, mediaType, wantsStream });
    if (answer !== undefined) {
      return requestAnswerResponse({ answer, selected: { ...selected, mediaType }, operation, delayMs });
    }
  }
  return selectedExampleResponse(selected, context.delayMs);
}

/** One request to one operation, through the steps in the order the real APIs apply them. */
export async function handleOperationRequest(
  context: OperationHandlerContext,
  request: Request,
  pathParameters: PathParameters,
): Promise<Response> {
  const received = await readRequest(context, request, pathParameters);
  const call = recordCall(context, received);
  const unauthorized = checkCredentials(context, request);
  if (unauthorized !== undefined) return unauthorized;
  const contentType = checkContentType(context, received);
  if (contentType instanceof Response) return contentType;
  const issues = [...contentType, ...validateRequest(context, received)];
  if (issues.length > 0) return invalidRequestResponse(context, issues);
  return takeOverride(context, call) ?? answerFromExamples(context, received);
}
