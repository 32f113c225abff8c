import { startMockHttpServer } from '@textgen/mocks';
import type { TerminalStyle } from '../cli/terminal-style';
import { createTextgen, type Textgen } from '../create-textgen';
import type { TextgenCallInput, TextgenFinishReason, TextgenProvider, TextgenUsage } from '../textgen-types';

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

export interface RunDemoOptions {
  write: (text: string) => void;
  style: TerminalStyle;
}

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

function indent(text: string): string {
  return text.replaceAll('\n', '\n    ');
}

async function showVendor(options: { textgen: Textgen; vendor: DemoVendor; demo: RunDemoOptions }): Promise<void> {
  const { textgen, vendor, demo } = options;
  const { style, write } = demo;
  const input: TextgenCallInput = {
    provider: vendor.provider,
    model: vendor.model,
    system: 'Answer in one short paragraph.',
    prompt: 'What is a large language model?',
    temperature: 0.7,
  };
  const details = (rows: [string, string][]) => {
    for (const [label, value] of rows) write(`    ${style.dim(label.padEnd(11))} ${value}\n`);
  };

  write(`\n${style.bold(style.accent(`== ${vendor.title} ==`))} ${style.dim(`provider ${vendor.provider}, model ${vendor.model}`)}\n`);

  write(`  ${style.bold('generateText')}\n`);
  const result = await textgen.generateText(input);
  write(`    ${indent(result.text.trim())}\n`);
  details([
    ['model', result.model],
    ['usage', describeUsage(result.usage)],
    ['finish', describeFinishReason(result.finishReason)],
    ['request id', result.requestId ?? 'not reported by this vendor'],
    ...result.warnings.map((warning): [string, string] => ['warning', warning]),
  ]);

  write(`  ${style.bold('streamText')} ${style.dim('(deltas printed as they arrive)')}\n    `);
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
    ['usage', describeUsage(await stream.usage)],
    ['finish', describeFinishReason(await stream.finishReason)],
    ['request id', (await stream.requestId) ?? 'not reported by this vendor'],
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
    const clientOptions = (provider: TextgenProvider) => ({ apiKey: `demo-placeholder-key-${provider}`, baseURL: server.baseUrls[provider], maxRetries: 0 });
    const textgen = createTextgen({
      wetrocloud: clientOptions('wetrocloud'),
      edenai: clientOptions('edenai'),
      worqhat: clientOptions('worqhat'),
      aitre: clientOptions('aitre'),
    });
    write(`${style.bold('textgen demo')}: one facade, four vendors.\n`);
    write(style.dim(`Every answer comes from the local mock server at ${server.url} (built from the specs); no network, no API keys.\n`));
    for (const vendor of demoVendors) {
      try {
        await showVendor({ textgen, vendor, demo });
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
