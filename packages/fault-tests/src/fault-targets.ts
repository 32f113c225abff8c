/**
 * What the suite calls: each vendor client and the facade over each vendor, all imported from the built packages
 * (this package's runtime tsconfig has no `paths`, so `@textgen/*` resolves to each package's dist/).
 *
 * A target knows its vendor's wire format (from the vendor's spec: the 200 body and the stream framing) so that the
 * hostile server can answer it correctly before it answers it badly, and the expected text of a good answer is the
 * text the server was told to send.
 */
import { createAitre } from '@textgen/aitre';
import type { Logger } from '@textgen/core';
import { createEdenAI } from '@textgen/edenai';
import { createTextgen } from '@textgen/sdk';
import { createWetrocloud } from '@textgen/wetrocloud';
import { createWorqhat } from '@textgen/worqhat';

export type Vendor = 'wetrocloud' | 'edenai' | 'worqhat' | 'aitre';
export const vendors: readonly Vendor[] = ['wetrocloud', 'edenai', 'worqhat', 'aitre'];

export interface VendorWire {
  vendor: Vendor;
  framing: 'sse' | 'ndjson';
  contentType: string;
  /** A 200 JSON body that answers `text`. */
  jsonAnswer(text: string): unknown;
  /** One stream payload carrying `text`. */
  chunk(text: string): unknown;
  /** Wraps one payload (already JSON text) as a frame of this framing. */
  frame(payloadJson: string): string;
  /** What a complete stream ends with: `[DONE]` for SSE, Wetrocloud's closing line, nothing for Eden AI. */
  end: string;
  /** A frame that reports an error mid-stream. */
  errorFrame(message: string): string;
  /** A frame that carries nothing: an SSE comment, a blank NDJSON line. */
  heartbeat: string;
}

const sseFrame = (payloadJson: string) => `data: ${payloadJson}\n\n`;
const ndjsonFrame = (payloadJson: string) => `${payloadJson}\n`;

export const vendorWires: Record<Vendor, VendorWire> = {
  wetrocloud: {
    vendor: 'wetrocloud',
    framing: 'ndjson',
    contentType: 'application/x-ndjson',
    jsonAnswer: (text) => ({ response: text, tokens: 7, success: true }),
    chunk: (text) => ({ response: text }),
    frame: ndjsonFrame,
    end: ndjsonFrame(JSON.stringify({ response: '', tokens: 7, success: true })),
    errorFrame: (message) => ndjsonFrame(JSON.stringify({ error: message })),
    heartbeat: '\n',
  },
  edenai: {
    vendor: 'edenai',
    framing: 'ndjson',
    contentType: 'text/plain',
    jsonAnswer: (text) => ({
      openai: {
        status: 'success',
        generated_text: text,
        message: [{ role: 'assistant', message: text, tools: null, tool_calls: null }],
        cost: 0.0001,
        usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
      },
    }),
    chunk: (text) => ({ text, blocked: false, provider: 'openai' }),
    frame: ndjsonFrame,
    end: '',
    errorFrame: (message) => ndjsonFrame(JSON.stringify({ error: { message } })),
    heartbeat: '\n',
  },
  worqhat: {
    vendor: 'worqhat',
    framing: 'sse',
    contentType: 'text/event-stream',
    jsonAnswer: (text) => ({
      content: text,
      processingTime: 12.5,
      processingId: 'proc-fault-1',
      processingCount: 3,
      model: 'aicon-v4-nano-160824',
    }),
    chunk: (text) => ({
      content: text,
      model: 'aicon-v4-nano-160824',
      timestamp: 1_724_236_791_746,
      processing_id: 'proc-fault-1',
    }),
    frame: sseFrame,
    end: sseFrame('[DONE]'),
    errorFrame: (message) => `event: error\ndata: ${JSON.stringify({ error: { message } })}\n\n`,
    heartbeat: ': keep-alive\n\n',
  },
  aitre: {
    vendor: 'aitre',
    framing: 'sse',
    contentType: 'text/event-stream',
    jsonAnswer: (text) => ({
      id: 'cmpl-fault',
      object: 'text_completion',
      created: 1_700_000_000,
      model: 'gpt-3.5-turbo-instruct',
      choices: [{ text, index: 0, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    }),
    chunk: (text) => ({
      id: 'cmpl-fault',
      object: 'text_completion',
      created: 1_700_000_000,
      model: 'gpt-3.5-turbo-instruct',
      choices: [{ text, index: 0, logprobs: null, finish_reason: null }],
    }),
    frame: sseFrame,
    end: sseFrame('[DONE]'),
    errorFrame: (message) => `event: error\ndata: ${JSON.stringify({ error: { message, type: 'server_error' } })}\n\n`,
    heartbeat: ': keep-alive\n\n',
  },
};

export interface SessionOptions {
  baseURL: string;
  apiKey: string;
  logger: Logger;
  maxRetries: number;
  timeout: number;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
}

/** What a call gave back: the answer text as the target's user would read it, and the value as returned. */
export interface CallValue {
  text: string | undefined;
  raw: unknown;
}

export interface StreamConsumption {
  /** Leave the loop after this many text parts (a `break`). */
  breakAfter?: number | undefined;
  /** Called after each part; the abort-while-reading cases abort from here. */
  onPart?: ((index: number) => void) | undefined;
}

/** One client (or facade instance) bound to one base URL, reused for many calls (the warm-up needs that). */
export interface TargetSession {
  generate(options: CallOptions): Promise<CallValue>;
  stream(options: CallOptions, consumption?: StreamConsumption): Promise<CallValue>;
}

export interface FaultTarget {
  /** `wetrocloud` for the vendor client, `sdk/wetrocloud` for the facade over it. */
  name: string;
  kind: 'client' | 'facade';
  wire: VendorWire;
  createSession(options: SessionOptions): TargetSession;
}

const prompt = 'Say this is a test';

/** Reads the parts of a stream, joining their text; a `break` after `breakAfter` parts, as a user would write it. */
async function consume<Part>(
  parts: AsyncIterable<Part>,
  textOf: (part: Part) => string | undefined,
  consumption: StreamConsumption = {},
): Promise<CallValue> {
  let text = '';
  let index = 0;
  const raw: Part[] = [];
  for await (const part of parts) {
    raw.push(part);
    // A careful reader: a part without text adds nothing rather than `undefined`.
    text += textOf(part) ?? '';
    index++;
    consumption.onPart?.(index);
    if (consumption.breakAfter !== undefined && index >= consumption.breakAfter) break;
  }
  return { text, raw };
}

function clientOptions(options: SessionOptions) {
  const { baseURL, apiKey, logger, maxRetries, timeout } = options;
  return { baseURL, apiKey, logger, logLevel: 'debug' as const, maxRetries, timeout };
}

// Optional chaining everywhere a user would read a field: a bad body must be caught by the library, not by the way
// this suite happens to read it.
const fieldOf = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>(
    (current, key) =>
      typeof current === 'object' && current !== null ? (current as Record<string | number, unknown>)[key] : undefined,
    value,
  );
const stringOrUndefined = (value: unknown) => (typeof value === 'string' ? value : undefined);

const clientTargets: FaultTarget[] = [
  {
    name: 'wetrocloud',
    kind: 'client',
    wire: vendorWires.wetrocloud,
    createSession(options) {
      const client = createWetrocloud(clientOptions(options));
      const body = { model: 'gpt-4.1-nano', messages: [{ role: 'user' as const, content: prompt }] };
      return {
        async generate(call) {
          const raw: unknown = await client.textGeneration.create(body, call);
          return { text: stringOrUndefined(fieldOf(raw, 'response')), raw };
        },
        async stream(call, consumption) {
          const stream = await client.textGeneration.create({ ...body, stream: true }, call);
          return consume(stream, (chunk) => stringOrUndefined(fieldOf(chunk, 'response')), consumption);
        },
      };
    },
  },
  {
    name: 'edenai',
    kind: 'client',
    wire: vendorWires.edenai,
    createSession(options) {
      const client = createEdenAI(clientOptions(options));
      const body = { providers: 'openai', text: prompt };
      return {
        async generate(call) {
          const result = await client.text.chat(body, call);
          return { text: stringOrUndefined(result.successes[0]?.generatedText), raw: result };
        },
        async stream(call, consumption) {
          const stream = await client.text.chatStream(body, call);
          return consume(stream, (chunk) => stringOrUndefined(fieldOf(chunk, 'text')), consumption);
        },
      };
    },
  },
  {
    name: 'worqhat',
    kind: 'client',
    wire: vendorWires.worqhat,
    createSession(options) {
      const client = createWorqhat(clientOptions(options));
      const body = { question: prompt, model: 'aicon-v4-nano-160824' as const };
      return {
        async generate(call) {
          const raw: unknown = await client.content.generate(body, call);
          return { text: stringOrUndefined(fieldOf(raw, 'content')), raw };
        },
        async stream(call, consumption) {
          const stream = await client.content.generate({ ...body, stream_data: true }, call);
          return consume(stream, (chunk) => stringOrUndefined(fieldOf(chunk, 'content')), consumption);
        },
      };
    },
  },
  {
    name: 'aitre',
    kind: 'client',
    wire: vendorWires.aitre,
    createSession(options) {
      const client = createAitre(clientOptions(options));
      const body = { model: 'gpt-3.5-turbo-instruct', prompt };
      return {
        async generate(call) {
          const raw: unknown = await client.completions.create(body, call);
          return { text: stringOrUndefined(fieldOf(raw, 'choices', 0, 'text')), raw };
        },
        async stream(call, consumption) {
          const stream = await client.completions.create({ ...body, stream: true }, call);
          return consume(stream, (chunk) => stringOrUndefined(fieldOf(chunk, 'choices', 0, 'text')), consumption);
        },
      };
    },
  },
];

const facadeModels: Record<Vendor, string> = {
  wetrocloud: 'gpt-4.1-nano',
  edenai: 'openai',
  worqhat: 'aicon-v4-nano-160824',
  aitre: 'gpt-3.5-turbo-instruct',
};

const facadeTargets: FaultTarget[] = vendors.map((vendor) => ({
  name: `sdk/${vendor}`,
  kind: 'facade',
  wire: vendorWires[vendor],
  createSession(options: SessionOptions): TargetSession {
    const textgen = createTextgen({ [vendor]: clientOptions(options) });
    const input = { provider: vendor, model: facadeModels[vendor], prompt };
    return {
      async generate(call) {
        const result = await textgen.generateText({ ...input, ...call });
        return { text: result.text, raw: result };
      },
      stream(call, consumption) {
        const result = textgen.streamText({ ...input, ...call });
        return consume(result, (part) => part.text, consumption);
      },
    };
  },
}));

export const faultTargets: readonly FaultTarget[] = [...clientTargets, ...facadeTargets];
