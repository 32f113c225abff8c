import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  emptyUsage,
  TextgenError,
  type ProviderAdapter,
  type ProviderStreamEvent,
  type RequestOptions,
  type TextgenUsage,
} from '@textgen/core';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  createTextgen,
  generateText,
  streamText,
  textgenProviders,
  type AitreClient,
  type GenerateTextResult,
  type TextgenProvider,
} from '../src/index';

/*
 * A vendor of the user's own, written against core's provider contract only, as a user would without forking: a
 * loopback "echo" API that answers `{ question }` with the question turned upper case, as JSON or as NDJSON lines.
 */

interface EchoClientOptions {
  baseURL: string;
  apiKey?: string | undefined;
}

interface EchoAnswer {
  answer: string;
  words: number;
  id: string;
}

class EchoClient {
  constructor(private readonly options: Required<EchoClientOptions>) {}

  async ask(options: { question: string; stream: boolean; requestOptions: RequestOptions }): Promise<Response> {
    const response = await fetch(`${this.options.baseURL}/answer`, {
      method: 'POST',
      headers: { authorization: `Echo ${this.options.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question: options.question, stream: options.stream }),
      signal: options.requestOptions.signal ?? null,
    });
    if (!response.ok) throw new TextgenError(`echo answered ${response.status}`);
    return response;
  }
}

function wordUsage(words: number): TextgenUsage {
  return { ...emptyUsage(), outputTokens: words };
}

const echoProvider: ProviderAdapter<EchoClient, EchoClientOptions> = {
  provider: 'echo',
  apiKeyEnvironmentVariable: 'ECHO_API_KEY',
  createClient(options) {
    const apiKey = options?.apiKey ?? process.env.ECHO_API_KEY;
    if (apiKey === undefined || options === undefined) throw new TextgenError('No API key for echo.');
    return new EchoClient({ baseURL: options.baseURL, apiKey });
  },
  prepare({ client, call }) {
    const question = call.messages.map((message) => message.content).join(' ');
    const warnings = call.temperature === undefined ? [] : ['echo has no temperature; temperature was not sent.'];
    return {
      warnings,
      async generate() {
        const response = await client.ask({ question, stream: false, requestOptions: call.requestOptions });
        const body = (await response.json()) as EchoAnswer;
        const finishReason = { unified: 'stop' as const, raw: 'done' };
        return {
          text: body.answer,
          model: undefined,
          usage: wordUsage(body.words),
          finishReason,
          requestId: body.id,
          raw: body,
        };
      },
      async stream() {
        const response = await client.ask({ question, stream: true, requestOptions: call.requestOptions });
        const lines = (await response.text()).split('\n').filter((line) => line !== '');
        async function* events(): AsyncGenerator<ProviderStreamEvent> {
          yield {
            type: 'response-metadata',
            requestId: response.headers.get('x-echo-id') ?? undefined,
            model: 'echo-1',
          };
          for (const line of lines) {
            const chunk = JSON.parse(line) as { delta: string };
            yield { type: 'text-delta', text: chunk.delta };
          }
          yield { type: 'usage', usage: wordUsage(lines.length) };
          yield { type: 'finish-reason', finishReason: { unified: 'stop', raw: 'done' } };
        }
        return events();
      },
    };
  },
};

const apiKey = 'echo-test-key';
const received: { authorization: string | undefined; body: unknown }[] = [];
let server: Server;
let baseURL: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    request.on('end', () => {
      const body = JSON.parse(text) as { question: string; stream: boolean };
      received.push({ authorization: request.headers.authorization, body });
      const words = body.question.toUpperCase().split(' ');
      if (body.stream) {
        response.writeHead(200, { 'content-type': 'application/x-ndjson', 'x-echo-id': 'echo-stream-1' });
        response.end(
          words.map((word, index) => `${JSON.stringify({ delta: index === 0 ? word : ` ${word}` })}\n`).join(''),
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ answer: words.join(' '), words: words.length, id: 'echo-1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('a provider passed in createTextgen({ providers })', () => {
  it('answers generateText and the top-level generateText under its key', async () => {
    const textgen = createTextgen({ providers: { echo: echoProvider }, echo: { baseURL, apiKey } });
    received.length = 0;

    const result = await textgen.generateText({
      provider: 'echo',
      model: 'echo-1',
      system: 'be loud',
      prompt: 'hello there',
      temperature: 1,
    });
    expect(received).toEqual([
      { authorization: `Echo ${apiKey}`, body: { question: 'be loud hello there', stream: false } },
    ]);
    expect(result).toEqual({
      text: 'BE LOUD HELLO THERE',
      provider: 'echo',
      model: 'echo-1',
      usage: { inputTokens: undefined, outputTokens: 4, totalTokens: undefined },
      finishReason: { unified: 'stop', raw: 'done' },
      requestId: 'echo-1',
      warnings: ['echo has no temperature; temperature was not sent.'],
      raw: { answer: 'BE LOUD HELLO THERE', words: 4, id: 'echo-1' },
    });

    const viaTopLevel = await generateText({ textgen, provider: 'echo', model: 'echo-1', prompt: 'again' });
    expect(viaTopLevel.text).toBe('AGAIN');
    expectTypeOf(viaTopLevel).toEqualTypeOf<GenerateTextResult<TextgenProvider | 'echo'>>();
  });

  it('streams through streamText and the top-level streamText', async () => {
    const textgen = createTextgen({ providers: { echo: echoProvider }, echo: { baseURL, apiKey } });
    received.length = 0;

    const stream = textgen.streamText({
      provider: 'echo',
      model: 'echo-1',
      messages: [{ role: 'user', content: 'one two three' }],
    });
    const parts: unknown[] = [];
    for await (const part of stream) parts.push(part);
    expect(parts).toEqual([
      { type: 'text-delta', text: 'ONE' },
      { type: 'text-delta', text: ' TWO' },
      { type: 'text-delta', text: ' THREE' },
    ]);
    expect(received).toEqual([{ authorization: `Echo ${apiKey}`, body: { question: 'one two three', stream: true } }]);
    await expect(stream.text).resolves.toBe('ONE TWO THREE');
    await expect(stream.usage).resolves.toEqual({ inputTokens: undefined, outputTokens: 3, totalTokens: undefined });
    await expect(stream.finishReason).resolves.toEqual({ unified: 'stop', raw: 'done' });
    await expect(stream.requestId).resolves.toBe('echo-stream-1');
    await expect(stream.responseModel).resolves.toBe('echo-1');
    expect(stream.provider).toBe('echo');

    const viaTopLevel = streamText({ textgen, provider: 'echo', model: 'echo-1', prompt: 'quiet' });
    await expect(viaTopLevel.text).resolves.toBe('QUIET');
  });

  it('types the call input, the options and the raw clients from the providers given', () => {
    const textgen = createTextgen({ providers: { echo: echoProvider }, echo: { baseURL, apiKey } });
    // Types only: reading `textgen.aitre` would make its client, which needs AITRE_API_KEY.
    expectTypeOf<typeof textgen.echo>().toEqualTypeOf<EchoClient>();
    expectTypeOf<typeof textgen.aitre>().toEqualTypeOf<AitreClient>();
    expectTypeOf<Parameters<typeof textgen.generateText>[0]['provider']>().toEqualTypeOf<TextgenProvider | 'echo'>();
    expectTypeOf<Parameters<typeof textgen.streamText>[0]['provider']>().toEqualTypeOf<TextgenProvider | 'echo'>();

    // The raw client is made on first use with the options under the provider's key.
    expect(textgen.echo).toBeInstanceOf(EchoClient);
    expect(textgen.echo).toBe(textgen.echo);

    // @ts-expect-error -- the options under `echo` are EchoClientOptions, which need a baseURL string
    createTextgen({ providers: { echo: echoProvider }, echo: { baseURL: 42 } });
    // @ts-expect-error -- without `providers`, `echo` is no provider name
    expect(() => streamText({ provider: 'echo', model: 'echo-1', prompt: 'x' })).toThrow(TextgenError);
    // @ts-expect-error -- a name that is neither a default provider nor one given
    expect(() => textgen.streamText({ provider: 'ecko', model: 'echo-1', prompt: 'x' })).toThrow(TextgenError);
  });

  it('names the field and every known provider for an unknown provider name', async () => {
    const textgen = createTextgen({ providers: { echo: echoProvider }, echo: { baseURL, apiKey } });
    const known = [...textgenProviders, 'echo'].map((name) => `'${name}'`).join(', ');
    const call = { provider: 'ecko', model: 'echo-1', prompt: 'x' } as unknown as Parameters<
      typeof textgen.generateText
    >[0];
    await expect(textgen.generateText(call)).rejects.toThrow(
      new TextgenError(`textgen: provider is "ecko"; use one of ${known}.`),
    );
  });

  it('refuses a providers entry that is no provider, or that takes a reserved name, naming the key', () => {
    const notAProvider = { echo: { provider: 'echo' } } as unknown as { echo: typeof echoProvider };
    expect(() => createTextgen({ providers: notAProvider })).toThrow(
      /^textgen: providers\.echo is an object, not a provider; pass an object with createClient\(\) and prepare\(\)/,
    );
    expect(() => createTextgen({ providers: { generateText: echoProvider } })).toThrow(
      /^textgen: providers\.generateText uses a reserved name/,
    );
    const notAnObject = 'echo' as unknown as { echo: typeof echoProvider };
    expect(() => createTextgen({ providers: notAnObject })).toThrow(
      /^textgen: providers is "echo"; pass an object of providers keyed by name/,
    );
  });

  it("says where the provider's key goes when it has none", async () => {
    const textgen = createTextgen({ providers: { echo: echoProvider }, echo: { baseURL } });
    await expect(textgen.generateText({ provider: 'echo', model: 'echo-1', prompt: 'x' })).rejects.toThrow(
      'No API key for echo. With the facade, pass createTextgen({ echo: { apiKey } }) or set ECHO_API_KEY.',
    );
  });
});
