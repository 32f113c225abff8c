// The TypeScript app of `pnpm release:check`, type-checked with `strict` under moduleResolution node16 and bundler
// against the published declarations. The bundler app has no @types/node (a browser app has none), so this file uses
// nothing from Node: the clients read their keys and base URLs from the environment themselves. Which vendors there
// are and what to ask each comes from src/vendors.ts, written by release:check from the vendor registry.
import {
  generateText,
  streamText,
  type GenerateTextResult,
  type TextgenProvider,
  type TextStreamPart,
} from '@textgen/sdk';
import { vendors as writtenVendors } from './vendors.js';

interface AppCall {
  resource: string;
  name: string;
  body: Record<string, unknown>;
  responseExample: string;
}

interface AppVendor {
  id: string;
  packageName: string;
  factory: string;
  model: string;
  system?: string;
  prompt: string;
  generate: AppCall;
  stream: AppCall;
  answerText: string;
  streamTexts: readonly string[];
}

type ClientMethod = (body: Record<string, unknown>, options: { headers: Record<string, string> }) => Promise<unknown>;

const vendors: readonly AppVendor[] = writtenVendors;

/** Every string of a JSON value: where a client keeps the answer text differs by vendor. */
function stringValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(stringValues);
}

function fail(vendor: AppVendor, what: string, actual: unknown): never {
  throw new Error(`${vendor.id}: ${what} gave ${JSON.stringify(actual)?.slice(0, 200) ?? 'nothing'}`);
}

const answers: Record<string, string> = {};
for (const vendor of vendors) {
  const prefer = (example: string) => ({ headers: { Prefer: `example=${example}` } });
  // The vendor package comes with @textgen/sdk; its factory reads the key and base URL from the environment.
  const vendorPackage = (await import(vendor.packageName)) as Record<
    string,
    () => Record<string, Record<string, ClientMethod>>
  >;
  const client = vendorPackage[vendor.factory]!();
  const method = (call: AppCall): ClientMethod => client[call.resource]![call.name]!.bind(client[call.resource]);

  const reply = await method(vendor.generate)(vendor.generate.body, prefer(vendor.generate.responseExample));
  if (!stringValues(reply).includes(vendor.answerText)) fail(vendor, 'the client', reply);

  const chunks: unknown[] = [];
  const stream = (await method(vendor.stream)(
    vendor.stream.body,
    prefer(vendor.stream.responseExample),
  )) as AsyncIterable<unknown>;
  for await (const chunk of stream) chunks.push(chunk);
  let next = 0;
  for (const chunk of chunks) if (stringValues(chunk).includes(vendor.streamTexts[next] ?? '')) next += 1;
  if (next !== vendor.streamTexts.length) fail(vendor, 'the client stream', chunks);

  const input = {
    provider: vendor.id as TextgenProvider,
    model: vendor.model,
    system: vendor.system,
    prompt: vendor.prompt,
  };
  const generated: GenerateTextResult = await generateText({ ...input, ...prefer(vendor.generate.responseExample) });
  if (generated.text !== vendor.answerText) fail(vendor, 'generateText', generated.text);

  let streamed = '';
  for await (const part of streamText({ ...input, ...prefer(vendor.stream.responseExample) })) {
    const textPart: TextStreamPart = part;
    streamed += textPart.text;
  }
  if (streamed !== vendor.streamTexts.join('')) fail(vendor, 'streamText', streamed);
  answers[vendor.id] = generated.text;
}
if (Object.keys(answers).length === 0) throw new Error('src/vendors.ts lists no vendor');
console.log(JSON.stringify(answers));
