import {
  listMockOperations,
  startMockHttpServer,
  vendorRegistry,
  type DemoCall,
  type MockRequestExample,
} from '@textgen/mocks';
import {
  createTextgen,
  type Textgen,
  type TextgenCallInput,
  type TextgenFinishReason,
  type TextgenProvider,
  type TextgenUsage,
} from '@textgen/sdk';
import type { TerminalStyle } from '../cli/terminal-style';

/**
 * One vendor of the demo, as its spec describes it (`x-textgen-demo`, see specs/CONVENTIONS.md): each call pairs a
 * request example, whose question is asked, with the response example the mock is told to serve (`Prefer: example=`),
 * so every canned answer follows the question it is shown under.
 */
type DemoVendor = (typeof vendorRegistry)[number];

const demoTemperature = 0.7;

/** The question of a request example, read from the body fields its spec's `x-textgen-demo.input` names. */
interface ExampleQuestion {
  system: string | undefined;
  prompt: string;
  model: string | undefined;
}

interface ChatMessage {
  role?: unknown;
  content?: unknown;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A chat message list; a multipart body carries it as one JSON-encoded text field. */
function readMessages(field: unknown): ChatMessage[] {
  let value = field;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return [];
    }
  }
  return Array.isArray(value) ? (value as ChatMessage[]) : [];
}

function readExampleQuestion(vendor: DemoVendor, example: MockRequestExample): ExampleQuestion {
  const body = example.value as Record<string, unknown>;
  const { input } = vendor.demo;
  const model = text(body.model);
  const missing = (field: string): never => {
    throw new Error(
      `specs/${vendor.id}.yaml request example "${example.name}" has no text in "${field}" (x-textgen-demo.input).`,
    );
  };
  if ('messages' in input) {
    const messages = readMessages(body[input.messages]);
    const system = messages.filter((message) => message.role === 'system').map((message) => String(message.content));
    const question = text(messages.filter((message) => message.role === 'user').at(-1)?.content);
    return {
      system: system.length > 0 ? system.join('\n\n') : undefined,
      prompt: question ?? missing(input.messages),
      model,
    };
  }
  const system = input.system === undefined ? undefined : text(body[input.system]);
  return { system, prompt: text(body[input.prompt]) ?? missing(input.prompt), model };
}

function findRequestExample(options: { vendor: DemoVendor; call: DemoCall }): MockRequestExample {
  const { vendor, call } = options;
  const operation = listMockOperations({ vendor: vendor.id }).find(
    (candidate) => candidate.operationId === call.operationId,
  );
  const example = operation?.requestExamples.find((candidate) => candidate.name === call.request);
  if (example === undefined)
    throw new Error(`specs/${vendor.id}.yaml has no request example "${call.request}" in ${call.operationId}.`);
  return example;
}

export interface RunDemoOptions {
  write: (text: string) => void;
  style: TerminalStyle;
}

type Row = [label: string, value: string];

function describeUsage(usage: TextgenUsage, vendorTitle: string): string {
  const counts = { input: usage.inputTokens, output: usage.outputTokens, total: usage.totalTokens };
  const reported = Object.entries(counts).filter(([, count]) => count !== undefined);
  const missing = Object.entries(counts).filter(([, count]) => count === undefined);
  if (reported.length === 0) return `not reported by ${vendorTitle}`;
  const described = `${reported.map(([name, count]) => `${name} ${String(count)}`).join(', ')} tokens`;
  return missing.length === 0
    ? described
    : `${described} (${missing.map(([name]) => name).join(' and ')} not reported by ${vendorTitle})`;
}

function describeFinishReason(finishReason: TextgenFinishReason, vendorTitle: string): string {
  if (finishReason.raw === undefined) {
    // `unknown` without a raw value means the vendor sent no finish reason at all, not one the SDK could not map.
    return finishReason.unified === 'unknown' ? `not reported by ${vendorTitle}` : finishReason.unified;
  }
  return `${finishReason.unified} (${vendorTitle} said "${finishReason.raw}")`;
}

function quote(value: unknown): string {
  return JSON.stringify(value) ?? 'not sent';
}

/**
 * The fields of the sent body that carry the system text and the question (`x-textgen-demo.input`): the same input
 * lands in different fields for each vendor (see the mapping table in the @textgen/sdk README).
 */
function describeSentPrompt(vendor: DemoVendor, body: Record<string, unknown>): Row[] {
  const { input } = vendor.demo;
  if ('messages' in input) {
    return readMessages(body[input.messages]).map((message): Row => [
      `${input.messages}[] ${String(message.role)}`,
      quote(message.content),
    ]);
  }
  const fields = input.system === undefined ? [input.prompt] : [input.system, input.prompt];
  return fields.map((field): Row => [field, quote(body[field])]);
}

/** The fields of a JSON or multipart request body, read from a clone so the request itself is sent untouched. */
async function readSentFields(request: Request): Promise<Record<string, unknown> | undefined> {
  const contentType = request.headers.get('content-type') ?? '';
  try {
    if (contentType.includes('application/json')) return (await request.clone().json()) as Record<string, unknown>;
    if (contentType.includes('multipart/form-data')) {
      const form = await request.clone().formData();
      return Object.fromEntries(
        [...form.entries()].map(([name, value]) => [name, typeof value === 'string' ? value : '(a file)']),
      );
    }
  } catch {
    // Showing the request is a nicety of the demo; a body it cannot read must not fail the call.
  }
  return undefined;
}

function indent(text: string): string {
  return text.replaceAll('\n', '\n      ');
}

async function showVendor(options: {
  textgen: Textgen;
  vendor: DemoVendor;
  demo: RunDemoOptions;
  sentBodies: Map<TextgenProvider, Record<string, unknown>>;
}): Promise<void> {
  const { textgen, vendor, demo, sentBodies } = options;
  const { style, write } = demo;
  const details = (rows: Row[]) => {
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows) write(`      ${style.dim(label.padEnd(width))}  ${value}\n`);
  };
  const warnings = (list: string[]): Row[] => list.map((warning): Row => ['warning', warning]);
  const notReported = `not reported by ${vendor.title}`;

  /** The call's input: the question of its request example, and the mock told to serve the paired answer. */
  const prepare = (call: DemoCall): { input: TextgenCallInput; model: string } => {
    const question = readExampleQuestion(vendor, findRequestExample({ vendor, call }));
    // `x-textgen-demo.model` where the example's own model does not fit the facade (e.g. it names several providers).
    const model = vendor.demo.model ?? question.model ?? vendor.defaultModel;
    const input: TextgenCallInput = {
      provider: vendor.id,
      model,
      system: question.system,
      prompt: question.prompt,
      temperature: demoTemperature,
      headers: { Prefer: `example=${call.response}` },
    };
    return { input, model };
  };
  const describePairing = (call: DemoCall) =>
    style.dim(`(the question of request example "${call.request}"; the mock answers with "${call.response}")`);
  const showSent = () => {
    const sent = sentBodies.get(vendor.id);
    if (sent === undefined) return;
    write(`    ${style.bold('sent')} ${style.dim('(the prompt fields of the request body)')}\n`);
    details(describeSentPrompt(vendor, sent));
  };

  const generate = prepare(vendor.demo.generate);
  write(
    `\n${style.bold(style.accent(`== ${vendor.title} ==`))} ${style.dim(`provider ${vendor.id}, model ${generate.model}`)}\n`,
  );
  write(`  ${style.bold('generateText')} ${describePairing(vendor.demo.generate)}\n`);
  const result = await textgen.generateText(generate.input);
  showSent();
  write(`    ${style.bold('answer')}\n`);
  write(`      ${indent(result.text.trim())}\n`);
  details([
    ['model', result.model],
    ['usage', describeUsage(result.usage, vendor.title)],
    ['finish', describeFinishReason(result.finishReason, vendor.title)],
    ['request id', result.requestId ?? notReported],
    ...warnings(result.warnings),
  ]);

  const streamed = prepare(vendor.demo.stream);
  write(`  ${style.bold('streamText')} ${describePairing(vendor.demo.stream)}\n`);
  const stream = textgen.streamText(streamed.input);
  let atLineStart = true;
  let shownSent = false;
  for await (const part of stream) {
    if (!shownSent) {
      // The request body is known once the first part has arrived.
      showSent();
      write(`    ${style.bold('answer')} ${style.dim('(deltas printed as they arrive)')}\n      `);
      shownSent = true;
    }
    // Leading newlines (OpenAI-style completions start with "\n\n") would leave the indented line empty.
    const text = atLineStart ? part.text.replace(/^\n+/, '') : part.text;
    if (text === '') continue;
    atLineStart = false;
    write(indent(text));
  }
  write('\n');
  details([
    ['model', await stream.responseModel],
    ['usage', describeUsage(await stream.usage, vendor.title)],
    ['finish', describeFinishReason(await stream.finishReason, vendor.title)],
    ['request id', (await stream.requestId) ?? notReported],
    ...warnings(stream.warnings),
  ]);
}

/**
 * The main job: every vendor through the facade, generated and streamed, against an in-process mock server on a free
 * port. Clients get placeholder keys and the mock's base URLs explicitly, so neither the environment nor the network is
 * used. Returns the number of vendors that failed.
 */
export async function runDemo(demo: RunDemoOptions): Promise<number> {
  const server = await startMockHttpServer({ port: 0 });
  const { style, write } = demo;
  let failures = 0;
  try {
    // Each client's fetch keeps the JSON body it last sent, so the demo can show what the vendor was asked.
    const sentBodies = new Map<TextgenProvider, Record<string, unknown>>();
    const clientOptions = (provider: TextgenProvider) => ({
      apiKey: `demo-placeholder-key-${provider}`,
      baseURL: server.baseUrls[provider],
      maxRetries: 0,
      // A failure is printed in the demo's own output; the client's log line would repeat it on stderr.
      logLevel: 'off' as const,
      fetch: async (url: string, init: RequestInit) => {
        const fields = await readSentFields(new Request(url, init));
        if (fields !== undefined) sentBodies.set(provider, fields);
        return fetch(url, init);
      },
    });
    const textgen = createTextgen(
      Object.fromEntries(vendorRegistry.map((vendor) => [vendor.id, clientOptions(vendor.id)])),
    );
    const vendorCount = `${vendorRegistry.length} vendor${vendorRegistry.length === 1 ? '' : 's'}`;
    write(`${style.bold('textgen demo')}: one facade, ${vendorCount}, each called with generateText and streamText.\n`);
    write(
      style.dim(
        `Every request goes to a local mock server (${server.url}) built from the OpenAPI specs: no network, no API keys.\n`,
      ),
    );
    write(
      style.dim("The mock replies with the specs' canned example responses, so each vendor is asked the question of\n"),
    );
    write(style.dim('the spec request example that its canned answer pairs with.\n'));
    for (const vendor of vendorRegistry) {
      try {
        await showVendor({ textgen, vendor, demo, sentBodies });
      } catch (error) {
        failures += 1;
        write(`\n  ${vendor.title} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    write(
      `\n${failures === 0 ? 'Done' : 'Finished with failures'}: ${vendorRegistry.length - failures} of ${vendorRegistry.length} vendors answered both calls.\n`,
    );
  } finally {
    await server.close();
  }
  return failures;
}
