import {
  createMockServer,
  getDefaultBaseUrl,
  getVendorSpec,
  listMockOperations,
  type MockServer,
} from '@textgen/mocks';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type {
  CreateCompletionParams,
  CreateCompletionParamsNonStreaming,
  CreateCompletionParamsStreaming,
} from '../../src/index';
import { officialRequestErrors } from './official-completion-request';

/**
 * Where the in-process mock serves AITRE: the spec's placeholder server (`https://aitre-host.invalid/v1`), which no
 * real client reaches. The client has no default host, so every test names this one.
 */
export const aitreMockBaseURL = getDefaultBaseUrl(getVendorSpec('aitre'));

/** A made-up key: tests assert it reaches the mock as `Bearer <key>` and never an error message. */
export const testApiKey = 'sk-aitre-test-0123456789abcdef';

/**
 * The in-process mock of every vendor (msw), started for the calling test file. After each test, every request body
 * that reached the AITRE operation is checked against OpenAI's official `CreateCompletionParams`: the contract test
 * covers every body the client sends anywhere in these tests, not only hand-picked ones.
 */
export function useAitreMock(): MockServer {
  const mock = createMockServer({ streamChunkDelayMs: 0 });
  beforeAll(() => mock.listen());
  afterEach(() => {
    const sent = mock.callsFor('createCompletion');
    mock.resetHandlers();
    for (const call of sent)
      expect(officialRequestErrors(call.body), `official schema errors for ${call.bodyText}`).toEqual([]);
  });
  afterAll(() => mock.close());
  return mock;
}

const [completionOperation] = listMockOperations({ vendor: 'aitre' }).filter(
  (operation) => operation.operationId === 'createCompletion',
);
if (completionOperation === undefined) throw new Error('The aitre spec has no createCompletion operation.');

/** The spec's named request examples, as the mock lists them. */
export const requestExamples = completionOperation.requestExamples;

/**
 * The request body to send for a named response example: the request example named `<name>-request` where the spec
 * pairs them, else its first request example that streams (or not) the same way.
 */
export function requestBodyFor(example: { name: string; streams: boolean }): CreateCompletionParams {
  const paired = requestExamples.find((candidate) => candidate.name === `${example.name}-request`);
  const fallback = requestExamples.find((candidate) => candidate.streams === example.streams);
  const chosen = paired ?? fallback;
  if (chosen === undefined)
    throw new Error(`No request example streams=${example.streams} to pair with "${example.name}".`);
  return structuredClone(chosen.value) as CreateCompletionParams;
}

/** `requestBodyFor` a JSON example, typed so the overload of `completions.create` returns the completion. */
export function nonStreamingBodyFor(example: { name: string }): CreateCompletionParamsNonStreaming {
  const body = requestBodyFor({ name: example.name, streams: false });
  if (body.stream === true) throw new Error(`The request paired with "${example.name}" asks for a stream.`);
  return { ...body, stream: body.stream };
}

/** `requestBodyFor` a stream example, typed so the overload of `completions.create` returns a Stream. */
export function streamingBodyFor(example: { name: string }): CreateCompletionParamsStreaming {
  const body = requestBodyFor({ name: example.name, streams: true });
  if (body.stream !== true) throw new Error(`The request paired with "${example.name}" does not ask for a stream.`);
  return { ...body, stream: body.stream };
}

/**
 * The JSON payloads of an SSE stream example, in order, without the `[DONE]` terminator. The spec's stream examples
 * hold one single-line `data:` field per event (specs/CONVENTIONS.md), so reading `data: ` lines is enough here.
 */
export function streamExamplePayloads(wireText: string): unknown[] {
  return wireText
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice('data: '.length))
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data) as unknown);
}
