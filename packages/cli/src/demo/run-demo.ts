import { startMockHttpServer } from '@textgen/mocks';
import { createTextgen, type Textgen, type TextgenCallInput, type TextgenFinishReason, type TextgenProvider, type TextgenUsage } from '@textgen/sdk';
import type { TerminalStyle } from '../cli/terminal-style';

interface DemoVendor {
  provider: TextgenProvider;
  title: string;
  model: string;
  /** Extra headers for the streamed call; AITRE's mock sends the usage chunk only for the example that has one. */
  streamHeaders?: Record<string, string>;
}

const demoVendors: DemoVendor[] = [
  { provider: 'wetrocloud', title: 'Wetrocloud', model: 'llama-3.3-70b' },
  { provider: 'edenai', title: 'Eden AI', model: 'openai/gpt-4o' },
  { provider: 'worqhat', title: 'WorqHat', model: 'aicon-v4-nano-160824' },
  { provider: 'aitre', title: 'AITRE', model: 'gpt-3.5-turbo-instruct', streamHeaders: { Prefer: 'example=stream-with-usage' } },
];

const demoSystem = 'Answer in one short paragraph.';
const demoPrompt = 'What is a large language model?';

export interface RunDemoOptions {
  write: (text: string) => void;
  style: TerminalStyle;
}

type Row = [label: string, value: string];

function describeUsage(usage: TextgenUsage): string {
  const parts = [
    usage.inputTokens === undefined ? undefined : `input ${usage.inputTokens}`,
    usage.outputTokens === undefined ? undefined : `output ${usage.outputTokens}`,
    usage.totalTokens === undefined ? undefined : `total ${usage.totalTokens}`,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? 'not reported by this vendor' : `${parts.join(', ')} tokens`;
}

function describeFinishReason(finishReason: TextgenFinishReason): string {
  return finishReason.raw === undefined ? finishReason.unified : `${finishReason.unified} (vendor said "${finishReason.raw}")`;
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
  const input: TextgenCallInput = { provider: vendor.provider, model: vendor.model, system: demoSystem, prompt: demoPrompt, temperature: 0.7 };
  const details = (rows: Row[]) => {
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows) write(`      ${style.dim(label.padEnd(width))}  ${value}\n`);
  };
  const warnings = (list: string[]): Row[] => list.map((warning): Row => ['warning', warning]);

  write(`\n${style.bold(style.accent(`== ${vendor.title} ==`))} ${style.dim(`provider ${vendor.provider}, model ${vendor.model}`)}\n`);

  const result = await textgen.generateText(input);
  const sent = sentBodies.get(vendor.provider);
  if (sent !== undefined) {
    write(`  ${style.bold('sent')} ${style.dim('(the prompt fields of the request body)')}\n`);
    details(describeSentPrompt(vendor.provider, sent));
  }

  write(`  ${style.bold('generateText')}\n`);
  write(`      ${indent(result.text.trim())}\n`);
  details([
    ['model', result.model],
    ['usage', describeUsage(result.usage)],
    ['finish', describeFinishReason(result.finishReason)],
    ['request id', result.requestId ?? 'not reported by this vendor'],
    ...warnings(result.warnings),
  ]);

  write(`  ${style.bold('streamText')} ${style.dim('(deltas printed as they arrive)')}\n      `);
  const stream = textgen.streamText({ ...input, headers: vendor.streamHeaders });
  let atLineStart = true;
  for await (const part of stream) {
    // Leading newlines (AITRE's completions start with "\n\n") would leave the indented line empty.
    const text = atLineStart ? part.text.replace(/^\n+/, '') : part.text;
    if (text === '') continue;
    atLineStart = false;
    write(indent(text));
  }
  write('\n');
  details([
    ['model', await stream.responseModel],
    ['usage', describeUsage(await stream.usage)],
    ['finish', describeFinishReason(await stream.finishReason)],
    ['request id', (await stream.requestId) ?? 'not reported by this vendor'],
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
    const textgen = createTextgen({
      wetrocloud: clientOptions('wetrocloud'),
      edenai: clientOptions('edenai'),
      worqhat: clientOptions('worqhat'),
      aitre: clientOptions('aitre'),
    });
    write(`${style.bold('textgen demo')}: one facade, four vendors, each called with generateText and streamText.\n`);
    write(style.dim(`Every request goes to a local mock server (${server.url}) built from the OpenAPI specs: no network, no API keys.\n`));
    write(style.dim("The mock replies with the specs' canned example responses, so the answers are examples and do not follow the question.\n"));
    write(`\nEvery call asks the same thing:\n`);
    write(`      ${style.dim('system'.padEnd(6))}  ${quote(demoSystem)}\n`);
    write(`      ${style.dim('prompt'.padEnd(6))}  ${quote(demoPrompt)}\n`);
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
