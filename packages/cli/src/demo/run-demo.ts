import { listMockOperations, startMockHttpServer, type MockRequestExample } from '@textgen/mocks';
import { createTextgen, type Textgen, type TextgenCallInput, type TextgenFinishReason, type TextgenProvider, type TextgenUsage } from '@textgen/sdk';
import type { TerminalStyle } from '../cli/terminal-style';

/**
 * One call of the demo: the spec's request example whose question is asked, and the response example that answers
 * it, which the mock is told to serve (`Prefer: example=`). Their pairing is read off the specs (same operation,
 * matching names: `llm-question` and `llm-answer`), so every canned answer follows the question it is shown under.
 */
interface DemoCall {
  operationId: string;
  requestExample: string;
  responseExample: string;
}

interface DemoVendor {
  provider: TextgenProvider;
  title: string;
  /** Eden AI's request examples name several providers at once; the facade asks one provider (and model). */
  model?: string;
  generate: DemoCall;
  stream: DemoCall;
}

const demoVendors: DemoVendor[] = [
  {
    provider: 'wetrocloud',
    title: 'Wetrocloud',
    generate: { operationId: 'createTextGeneration', requestExample: 'llm-question', responseExample: 'llm-answer' },
    stream: { operationId: 'createTextGeneration', requestExample: 'llm-question-stream', responseExample: 'llm-answer-stream' },
  },
  {
    provider: 'edenai',
    title: 'Eden AI',
    model: 'openai/gpt-4o',
    generate: { operationId: 'createTextChat', requestExample: 'keyword-extraction', responseExample: 'keyword-extraction-answers' },
    stream: { operationId: 'createTextChatStream', requestExample: 'stream-keyword-extraction', responseExample: 'stream-keyword-answer' },
  },
  {
    provider: 'worqhat',
    title: 'WorqHat',
    generate: { operationId: 'generateContent', requestExample: 'tour-guide-text', responseExample: 'tour-guide-text-response' },
    stream: { operationId: 'generateContent', requestExample: 'tour-guide-stream', responseExample: 'tour-guide-stream-events' },
  },
  {
    provider: 'aitre',
    title: 'AITRE',
    generate: { operationId: 'createCompletion', requestExample: 'basic-request', responseExample: 'basic' },
    // The example with a usage chunk, so the demo can show AITRE's streamed token counts.
    stream: { operationId: 'createCompletion', requestExample: 'stream-with-usage-request', responseExample: 'stream-with-usage' },
  },
];

const demoTemperature = 0.7;

/** The question of a request example, read from the fields where the vendor's wire format puts it. */
interface ExampleQuestion {
  system: string | undefined;
  prompt: string;
  model: string | undefined;
}

function readExampleQuestion(provider: TextgenProvider, example: MockRequestExample): ExampleQuestion {
  const body = example.value as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const fail = (): never => {
    throw new Error(`The ${provider} request example "${example.name}" holds no question the demo can read.`);
  };
  switch (provider) {
    case 'wetrocloud': {
      // In the multipart examples, `messages` is one JSON-encoded text field.
      const field = typeof body.messages === 'string' ? (JSON.parse(body.messages) as unknown) : body.messages;
      const messages = Array.isArray(field) ? (field as { role?: unknown; content?: unknown }[]) : [];
      const system = messages.filter((message) => message.role === 'system').map((message) => String(message.content));
      const question = messages.filter((message) => message.role === 'user').at(-1);
      return { system: system.length > 0 ? system.join('\n\n') : undefined, prompt: text(question?.content) ?? fail(), model: text(body.model) };
    }
    case 'edenai':
      return { system: text(body.chatbot_global_action), prompt: text(body.text) ?? fail(), model: undefined };
    case 'worqhat':
      return { system: text(body.training_data), prompt: text(body.question) ?? fail(), model: text(body.model) };
    case 'aitre':
      return { system: undefined, prompt: text(body.prompt) ?? fail(), model: text(body.model) };
    default: {
      const unknownProvider: never = provider;
      throw new Error(`No question reader for ${String(unknownProvider)}`);
    }
  }
}

function findRequestExample(options: { provider: TextgenProvider; call: DemoCall }): MockRequestExample {
  const { provider, call } = options;
  const operation = listMockOperations({ vendor: provider }).find((candidate) => candidate.operationId === call.operationId);
  const example = operation?.requestExamples.find((candidate) => candidate.name === call.requestExample);
  if (example === undefined) throw new Error(`specs/${provider}.yaml has no request example "${call.requestExample}" in ${call.operationId}.`);
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
  return missing.length === 0 ? described : `${described} (${missing.map(([name]) => name).join(' and ')} not reported by ${vendorTitle})`;
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
 * Where each vendor's wire body carries the system text and the question: the same input lands in different fields
 * (see the mapping table in the @textgen/sdk README).
 */
function describeSentPrompt(provider: TextgenProvider, body: Record<string, unknown>): Row[] {
  switch (provider) {
    case 'wetrocloud': {
      // The multipart form carries `messages` as one JSON-encoded text field.
      const field = typeof body.messages === 'string' ? (JSON.parse(body.messages) as unknown) : body.messages;
      const messages = Array.isArray(field) ? (field as { role?: unknown; content?: unknown }[]) : [];
      return messages.map((message): Row => [`messages[] ${String(message.role)}`, quote(message.content)]);
    }
    case 'edenai':
      return [
        ['chatbot_global_action', quote(body.chatbot_global_action)],
        ['text', quote(body.text)],
      ];
    case 'worqhat':
      return [
        ['training_data', quote(body.training_data)],
        ['question', quote(body.question)],
      ];
    case 'aitre':
      return [['prompt', quote(body.prompt)]];
    default: {
      const unknownProvider: never = provider;
      throw new Error(`No prompt description for ${String(unknownProvider)}`);
    }
  }
}

/** The fields of a JSON or multipart request body, read from a clone so the request itself is sent untouched. */
async function readSentFields(request: Request): Promise<Record<string, unknown> | undefined> {
  const contentType = request.headers.get('content-type') ?? '';
  try {
    if (contentType.includes('application/json')) return (await request.clone().json()) as Record<string, unknown>;
    if (contentType.includes('multipart/form-data')) {
      const form = await request.clone().formData();
      return Object.fromEntries([...form.entries()].map(([name, value]) => [name, typeof value === 'string' ? value : '(a file)']));
    }
  } catch {
    // Showing the request is a nicety of the demo; a body it cannot read must not fail the call.
  }
  return undefined;
}

function indent(text: string): string {
  return text.replaceAll('\n', '\n      ');
}

async function showVendor(options: { textgen: Textgen; vendor: DemoVendor; demo: RunDemoOptions; sentBodies: Map<TextgenProvider, Record<string, unknown>> }): Promise<void> {
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
    const question = readExampleQuestion(vendor.provider, findRequestExample({ provider: vendor.provider, call }));
    const model = vendor.model ?? question.model ?? fail(`specs/${vendor.provider}.yaml example "${call.requestExample}" names no model.`);
    const input: TextgenCallInput = {
      provider: vendor.provider,
      model,
      system: question.system,
      prompt: question.prompt,
      temperature: demoTemperature,
      headers: { Prefer: `example=${call.responseExample}` },
    };
    return { input, model };
  };
  const describePairing = (call: DemoCall) =>
    style.dim(`(the question of request example "${call.requestExample}"; the mock answers with "${call.responseExample}")`);
  const showSent = () => {
    const sent = sentBodies.get(vendor.provider);
    if (sent === undefined) return;
    write(`    ${style.bold('sent')} ${style.dim('(the prompt fields of the request body)')}\n`);
    details(describeSentPrompt(vendor.provider, sent));
  };

  const generate = prepare(vendor.generate);
  write(`\n${style.bold(style.accent(`== ${vendor.title} ==`))} ${style.dim(`provider ${vendor.provider}, model ${generate.model}`)}\n`);
  write(`  ${style.bold('generateText')} ${describePairing(vendor.generate)}\n`);
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

  const streamed = prepare(vendor.stream);
  write(`  ${style.bold('streamText')} ${describePairing(vendor.stream)}\n`);
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
    // Leading newlines (AITRE's completions start with "\n\n") would leave the indented line empty.
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

function fail(message: string): never {
  throw new Error(message);
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
    const textgen = createTextgen({
      wetrocloud: clientOptions('wetrocloud'),
      edenai: clientOptions('edenai'),
      worqhat: clientOptions('worqhat'),
      aitre: clientOptions('aitre'),
    });
    write(`${style.bold('textgen demo')}: one facade, four vendors, each called with generateText and streamText.\n`);
    write(style.dim(`Every request goes to a local mock server (${server.url}) built from the OpenAPI specs: no network, no API keys.\n`));
    write(style.dim("The mock replies with the specs' canned example responses, so each vendor is asked the question of\n"));
    write(style.dim('the spec request example that its canned answer pairs with.\n'));
    for (const vendor of demoVendors) {
      try {
        await showVendor({ textgen, vendor, demo, sentBodies });
      } catch (error) {
        failures += 1;
        write(`\n  ${vendor.title} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    write(`\n${failures === 0 ? 'Done' : 'Finished with failures'}: ${demoVendors.length - failures} of ${demoVendors.length} vendors answered both calls.\n`);
  } finally {
    await server.close();
  }
  return failures;
}
