import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockOperation } from '@textgen/mocks';
import { authorizationFor, operationUrl } from './support/example-request';
import { findOperation, responseSchemaErrors } from './support/operation-schemas';

const server = createMockServer({ streamChunkDelayMs: 0 });
beforeAll(() => server.listen());
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const wetrocloud = findOperation('createTextGeneration');
const edenChat = findOperation('createTextChat');
const edenStream = findOperation('createTextChatStream');
const worqhat = findOperation('generateContent');
const worqhatFinetuned = findOperation('generateContentWithModel');
const aitre = findOperation('createCompletion');

async function postJson(options: {
  operation: MockOperation;
  body: unknown;
  authorization?: string | null;
  pathParameters?: Record<string, string>;
}): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const authorization =
    options.authorization === undefined ? authorizationFor(options.operation.vendor) : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(operationUrl({ operation: options.operation, pathParameters: options.pathParameters }), {
    method: 'POST',
    headers,
    body: JSON.stringify(options.body),
  });
  return { status: response.status, body: await response.json() };
}

/** Every 400 the mock builds must itself be a valid body of the vendor's declared 400 response. */
function expectVendor400(operation: MockOperation, result: { status: number; body: unknown }): void {
  expect(result.status).toBe(400);
  expect(responseSchemaErrors({ operation, status: 400, body: result.body })).toEqual([]);
}

describe('a missing required field', () => {
  it('Wetrocloud answers with a DRF field map', async () => {
    const result = await postJson({ operation: wetrocloud, body: { messages: [{ role: 'user', content: 'hi' }] } });
    expectVendor400(wetrocloud, result);
    expect(result.body).toEqual({ model: ['This field is required.'] });
  });

  it('Eden AI answers with its BadRequest envelope, like its own documented example', async () => {
    const result = await postJson({ operation: edenChat, body: { text: 'hi' } });
    expectVendor400(edenChat, result);
    expect(result.body).toEqual({
      error: { type: 'Invalid request', message: { providers: ['This field is required.'] } },
    });
  });

  it('WorqHat lists the field in error.message', async () => {
    const result = await postJson({ operation: worqhat, body: { model: 'aicon-v4-nano-160824' } });
    expectVendor400(worqhat, result);
    expect(result.body).toEqual({
      message: 'Bad Request',
      error: { message: 'question is required', fields: { question: ['is required'] } },
      code: 400,
    });
  });

  it('AITRE answers in the OpenAI envelope with param', async () => {
    const result = await postJson({ operation: aitre, body: { model: 'gpt-3.5-turbo-instruct' } });
    expectVendor400(aitre, result);
    expect(result.body).toEqual({
      error: {
        message: "Invalid request: 'prompt' is required",
        type: 'invalid_request_error',
        param: 'prompt',
        code: null,
      },
    });
  });

  it('lists every offending field, not just the first', async () => {
    const result = await postJson({ operation: wetrocloud, body: {} });
    expectVendor400(wetrocloud, result);
    expect(result.body).toEqual({ messages: ['This field is required.'], model: ['This field is required.'] });
  });
});

describe('a wrong type', () => {
  it('Wetrocloud: messages as a string', async () => {
    const result = await postJson({ operation: wetrocloud, body: { model: 'gpt-4o', messages: 'hello' } });
    expectVendor400(wetrocloud, result);
    expect(result.body).toEqual({ messages: ['Expected a list of items.'] });
  });

  it('AITRE: max_tokens as a string', async () => {
    const result = await postJson({
      operation: aitre,
      body: { model: 'gpt-3.5-turbo-instruct', prompt: 'hi', max_tokens: '7' },
    });
    expectVendor400(aitre, result);
    expect(result.body).toMatchObject({ error: { type: 'invalid_request_error', param: 'max_tokens', code: null } });
  });
});

describe('numbers out of range', () => {
  it('WorqHat randomness 1.5', async () => {
    const result = await postJson({
      operation: worqhat,
      body: { question: 'hi', model: 'aicon-v4-nano-160824', randomness: 1.5 },
    });
    expectVendor400(worqhat, result);
    expect(result.body).toEqual({
      message: 'Bad Request',
      error: { message: 'randomness must be <= 1', fields: { randomness: ['must be <= 1'] } },
      code: 400,
    });
  });

  it('AITRE logprobs 9', async () => {
    const result = await postJson({
      operation: aitre,
      body: { model: 'gpt-3.5-turbo-instruct', prompt: 'hi', logprobs: 9 },
    });
    expectVendor400(aitre, result);
    expect(result.body).toEqual({
      error: {
        message: "Invalid request: 'logprobs' must be <= 5",
        type: 'invalid_request_error',
        param: 'logprobs',
        code: null,
      },
    });
  });

  it('Eden AI temperature 3, worded like its documented example', async () => {
    const result = await postJson({ operation: edenChat, body: { providers: 'openai', text: 'hi', temperature: 3 } });
    expectVendor400(edenChat, result);
    expect(result.body).toEqual(
      edenChat.responseExamples.find((example) => example.name === 'bad-request-temperature-range')!.value,
    );
  });
});

describe('a bad enum', () => {
  it("WorqHat modelType 'medium' in the path", async () => {
    const result = await postJson({
      operation: worqhatFinetuned,
      body: { question: 'hi' },
      pathParameters: { modelType: 'medium' },
    });
    expectVendor400(worqhatFinetuned, result);
    expect(result.body).toEqual({
      message: 'Bad Request',
      error: {
        message: 'modelType must be one of: "nano", "large"',
        fields: { modelType: ['must be one of: "nano", "large"'] },
      },
      code: 400,
    });
  });

  it("Eden AI tool_choice 'maybe'", async () => {
    const result = await postJson({
      operation: edenChat,
      body: { providers: 'openai', text: 'hi', tool_choice: 'maybe' },
    });
    expectVendor400(edenChat, result);
    expect(result.body).toEqual({
      error: { type: 'Invalid request', message: { tool_choice: ['"maybe" is not a valid choice.'] } },
    });
  });

  it('Eden AI stream: an unknown fallback_type', async () => {
    const result = await postJson({
      operation: edenStream,
      body: { providers: 'openai', text: 'hi', fallback_type: 'sometimes' },
    });
    expectVendor400(edenStream, result);
    expect(result.body).toEqual({
      error: { type: 'Invalid request', message: { fallback_type: ['"sometimes" is not a valid choice.'] } },
    });
  });

  it.each([{ providers: 'openai,google' }, { providers: ['openai', 'google'] }])(
    'Eden AI stream: more than one provider ($providers) is rejected, while the chat endpoint takes it',
    async ({ providers }) => {
      const result = await postJson({ operation: edenStream, body: { providers, text: 'hi' } });
      expectVendor400(edenStream, result);
      const body = result.body as { error: { type: string; message: Record<string, string[]> } };
      expect(body.error.type).toBe('Invalid request');
      expect(Object.keys(body.error.message)).toEqual(['providers']);
      expect(body.error.message.providers!.length).toBeGreaterThan(0);

      expect((await postJson({ operation: edenChat, body: { providers, text: 'hi' } })).status).toBe(200);
      const oneProvider = await fetch(operationUrl({ operation: edenStream }), {
        method: 'POST',
        headers: { authorization: authorizationFor('edenai'), 'content-type': 'application/json' },
        body: JSON.stringify({ providers: ['openai'], text: 'hi' }),
      });
      expect(oneProvider.status).toBe(200);
      expect(oneProvider.headers.get('content-type')).toBe('application/x-ndjson');
      expect(await oneProvider.text()).toContain('"provider":"openai"');
    },
  );
});

describe('fields no vendor source says the server rejects are accepted', () => {
  // specs/vendor-facts.md "Modelling decisions" item 10: no WorqHat source says the server rejects unknown request
  // fields.
  it.each([
    { operation: worqhat, body: { question: 'hi', model: 'aicon-v4-nano-160824', stream: true, temperature: 0.3 } },
    { operation: worqhatFinetuned, body: { question: 'hi', stream: true } },
  ])(
    '$operation.operationId accepts unknown fields (a `stream` sent instead of `stream_data` gets JSON)',
    async ({ operation, body }) => {
      const result = await postJson({ operation, body });
      expect(result.status).toBe(200);
      expect(typeof (result.body as { content?: unknown }).content).toBe('string');
    },
  );

  // Seed 002 (WorqHat text-only page): "an array of objects ... the Key is the User's Question ... the Value is the
  // Model Answer".
  it('WorqHat accepts conversation_history as an array of {question: answer} objects', async () => {
    const conversationHistory = [
      { 'What is the capital of Rajasthan?': 'Jaipur' },
      { 'Best month to visit?': 'November' },
    ];
    const body = {
      question: 'hi',
      model: 'aicon-v4-nano-160824',
      preserve_history: true,
      conversation_history: conversationHistory,
    };
    expect((await postJson({ operation: worqhat, body })).status).toBe(200);
  });

  // specs/vendor-facts.md "Modelling decisions" item 9: many public callers send an empty comma-separated string.
  it('Eden AI accepts fallback_providers: "" on chat and stream', async () => {
    const chat = await postJson({
      operation: edenChat,
      body: { providers: 'openai', fallback_providers: '', text: 'hi' },
    });
    expect(chat.status).toBe(200);
    const stream = await fetch(operationUrl({ operation: edenStream }), {
      method: 'POST',
      headers: { authorization: authorizationFor('edenai'), 'content-type': 'application/json' },
      body: JSON.stringify({ providers: 'openai', fallback_providers: '', text: 'hi' }),
    });
    expect(stream.status).toBe(200);
    expect((await stream.text()).split('\n').filter((line) => line !== '').length).toBeGreaterThan(0);
  });
});

describe('multipart bodies (Wetrocloud)', () => {
  async function postForm(fields: Record<string, string>): Promise<{ status: number; body: unknown }> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    const response = await fetch(operationUrl({ operation: wetrocloud }), {
      method: 'POST',
      headers: { authorization: 'Token test-key' },
      body: form,
    });
    return { status: response.status, body: await response.json() };
  }

  it('rejects a messages part that is not JSON, on that field', async () => {
    const result = await postForm({ model: 'gpt-4o-mini', messages: '[{"role":"user","content":' });
    expectVendor400(wetrocloud, result);
    expect(result.body).toEqual({ messages: ['Value must be valid JSON.'] });
  });

  it('rejects a messages part that is JSON of the wrong shape, on the decoded field (contentSchema)', async () => {
    const result = await postForm({
      model: 'gpt-4o-mini',
      messages: '[{"role":"robot","content":"hi"},{"role":"user"}]',
    });
    expectVendor400(wetrocloud, result);
    expect(Object.keys(result.body as object).sort()).toEqual(['messages.0.role', 'messages.1.content']);
  });

  it('accepts a well-formed form and records messages decoded', async () => {
    const result = await postForm({ model: 'gpt-4o-mini', messages: '[{"role":"user","content":"hi"}]' });
    expect(result.status).toBe(200);
    expect(server.lastCall?.body).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
  });

  it('reads the form field stream=true as the stream flag', async () => {
    const form = new FormData();
    form.append('model', 'gpt-4o-mini');
    form.append('messages', '[{"role":"user","content":"hi"}]');
    form.append('stream', 'true');
    const response = await fetch(operationUrl({ operation: wetrocloud }), {
      method: 'POST',
      headers: { authorization: 'Token test-key' },
      body: form,
    });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    expect(await response.text()).toBe(wetrocloud.responseExamples.find((example) => example.streams)!.value);
  });

  it('rejects stream=maybe as not a boolean', async () => {
    const result = await postForm({ model: 'gpt-4o-mini', messages: '[]', stream: 'maybe' });
    expectVendor400(wetrocloud, result);
    expect(result.body).toEqual({ stream: ['Must be a valid boolean.'] });
  });
});

describe('request bodies the operation does not take', () => {
  it('Eden AI answers text/plain with its documented 415', async () => {
    const response = await fetch(operationUrl({ operation: edenChat }), {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual(edenChat.responseExamples.find((example) => example.status === 415)!.value);
  });

  it('AITRE (no 415 declared) answers 400 naming content-type', async () => {
    const response = await fetch(operationUrl({ operation: aitre }), {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'text/plain' },
      body: 'hi',
    });
    const body: unknown = await response.json();
    expectVendor400(aitre, { status: response.status, body });
    expect(body).toMatchObject({ error: { param: 'content-type' } });
  });

  it('AITRE: a body that is not JSON', async () => {
    const response = await fetch(operationUrl({ operation: aitre }), {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: '{"model":',
    });
    const body: unknown = await response.json();
    expectVendor400(aitre, { status: response.status, body });
    expect(body).toEqual({
      error: {
        message: "Invalid request: 'body' is not valid JSON",
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });

  it('WorqHat: an empty body when one is required', async () => {
    const response = await fetch(operationUrl({ operation: worqhat }), {
      method: 'POST',
      headers: { authorization: 'Bearer test-key' },
    });
    expectVendor400(worqhat, { status: response.status, body: await response.json() });
  });
});

describe('authentication in the vendor format', () => {
  const validAitre = { model: 'gpt-3.5-turbo-instruct', prompt: 'hi' };
  const validWetrocloud = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };

  function first401(operation: MockOperation): unknown {
    return operation.responseExamples.find((example) => example.status === 401)!.value;
  }

  function named401(operation: MockOperation, name: string): unknown {
    const example = operation.responseExamples.find((candidate) => candidate.status === 401 && candidate.name === name);
    expect(example, `401 example ${name}`).toBeDefined();
    return example!.value;
  }

  // What each vendor says when no credentials arrive in its scheme: Wetrocloud (DRF) and AITRE (OpenAI) document a
  // dedicated body, marked in the spec with `x-textgen-when: missing-credentials`; the others have one 401 example.
  const missingCredentialBodies = [
    { operation: wetrocloud, expected: { detail: 'Authentication credentials were not provided.' } },
    { operation: edenChat, expected: first401(edenChat) },
    { operation: worqhat, expected: first401(worqhat) },
    { operation: aitre, expected: named401(aitre, 'missing-api-key') },
  ];

  it('Wetrocloud rejects Bearer as credentials not provided (DRF ignores another keyword)', async () => {
    const result = await postJson({ operation: wetrocloud, body: validWetrocloud, authorization: 'Bearer test-key' });
    expect(result).toEqual({ status: 401, body: { detail: 'Authentication credentials were not provided.' } });
    expect(result.body).toEqual(named401(wetrocloud, 'missing-credentials'));
    expect(result.body).not.toEqual(first401(wetrocloud));
    expect(responseSchemaErrors({ operation: wetrocloud, status: 401, body: result.body })).toEqual([]);
  });

  it('AITRE rejects Token with its missing-key answer', async () => {
    const result = await postJson({ operation: aitre, body: validAitre, authorization: 'Token test-key' });
    expect(result).toEqual({ status: 401, body: named401(aitre, 'missing-api-key') });
    expect(responseSchemaErrors({ operation: aitre, status: 401, body: result.body })).toEqual([]);
  });

  it.each(missingCredentialBodies)('$operation.vendor rejects a missing header', async ({ operation, expected }) => {
    const body =
      operation === wetrocloud
        ? validWetrocloud
        : operation === aitre
          ? validAitre
          : { providers: 'openai', question: 'hi' };
    const result = await postJson({ operation, body, authorization: null });
    expect(result).toEqual({ status: 401, body: expected });
  });

  it('still serves the first 401 example (a wrong key) for Prefer: code=401', async () => {
    const response = await fetch(operationUrl({ operation: wetrocloud }), {
      method: 'POST',
      headers: { authorization: 'Token test-key', 'content-type': 'application/json', prefer: 'code=401' },
      body: JSON.stringify(validWetrocloud),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ detail: 'Invalid token.' });
  });

  it('rejects a prefix with an empty key, and accepts any non-empty key with the right prefix', async () => {
    expect((await postJson({ operation: aitre, body: validAitre, authorization: 'Bearer ' })).status).toBe(401);
    expect(
      (await postJson({ operation: aitre, body: validAitre, authorization: 'Bearer anything-at-all' })).status,
    ).toBe(200);
    expect((await postJson({ operation: wetrocloud, body: validWetrocloud, authorization: 'Token x' })).status).toBe(
      200,
    );
  });

  it('checks auth before the body, like the real APIs', async () => {
    const result = await postJson({ operation: aitre, body: {}, authorization: 'Token test-key' });
    expect(result.status).toBe(401);
  });
});

describe('a JSON body that is not valid UTF-8', () => {
  // JSON text exchanged between systems must be UTF-8 (RFC 8259 §8.1); the real servers' parsers refuse other bytes
  // with a 400 instead of swapping in U+FFFD and answering as if the text had been sent.
  const invalidByte = 0xff;
  const marker = 'INVALID-UTF8-MARKER';

  /** The operation's first JSON request example, with one invalid byte inside its longest string (free text). */
  function invalidUtf8Body(operation: MockOperation): Uint8Array<ArrayBuffer> {
    const example = operation.requestExamples.find((candidate) => candidate.mediaType === 'application/json');
    if (example === undefined) throw new Error(`No JSON request example for ${operation.operationId}`);
    let longest = '';
    JSON.stringify(example.value, (_key, value: unknown) => {
      if (typeof value === 'string' && value.length > longest.length) longest = value;
      return value;
    });
    const text = JSON.stringify(example.value, (_key, value: unknown) =>
      value === longest ? `${value} ${marker}` : value,
    );
    // Copied into a Uint8Array of its own ArrayBuffer, the type fetch's BodyInit takes.
    const bytes = new Uint8Array(new TextEncoder().encode(text));
    // Searched in the bytes, not the text: a multi-byte character earlier in the example would shift the offset.
    const markerBytes = new TextEncoder().encode(marker);
    const at = bytes.findIndex((_byte, index) =>
      markerBytes.every((markerByte, offset) => bytes[index + offset] === markerByte),
    );
    expect(at).toBeGreaterThan(-1);
    bytes[at] = invalidByte;
    return bytes;
  }

  const jsonOperations = [
    { operation: wetrocloud, name: 'Wetrocloud (JSON encoding)' },
    { operation: edenChat, name: 'Eden AI chat' },
    { operation: edenStream, name: 'Eden AI stream' },
    { operation: worqhat, name: 'WorqHat' },
    { operation: aitre, name: 'AITRE' },
  ];

  for (const { operation, name } of jsonOperations) {
    it(`${name}: answers 400 in the vendor's validation error style, saying the body is not UTF-8`, async () => {
      const body = invalidUtf8Body(operation);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(body)).toThrow(TypeError);
      const response = await fetch(operationUrl({ operation }), {
        method: 'POST',
        headers: { authorization: authorizationFor(operation.vendor), 'content-type': 'application/json' },
        body,
      });
      const text = await response.text();
      expect(response.status, text).toBe(400);
      const result = { status: response.status, body: JSON.parse(text) as unknown };
      expectVendor400(operation, result);
      expect(JSON.stringify(result.body)).toMatch(/UTF-8/);
    });
  }

  it('the same body with the byte replaced by valid text is accepted, so the 400 is about the encoding', async () => {
    const body = invalidUtf8Body(aitre);
    body[body.indexOf(invalidByte)] = 'I'.charCodeAt(0);
    const response = await fetch(operationUrl({ operation: aitre }), {
      method: 'POST',
      headers: { authorization: authorizationFor('aitre'), 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
  });
});
