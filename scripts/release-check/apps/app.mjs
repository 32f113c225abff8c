// The ESM app of `pnpm release:check`: what a user writes after `npm install @textgen/sdk`, run for every vendor. The
// mock's base URLs and throw-away keys come from the environment (<PREFIX>_BASE_URL, <PREFIX>_API_KEY); which vendors
// there are and what to ask each comes from vendors.json, written by release:check from the vendor registry (each
// spec's demo call: its request example, the response example the mock is asked for, and that example's answer text).
import { readFileSync } from 'node:fs';
import { generateText, streamText } from '@textgen/sdk';

const vendors = JSON.parse(readFileSync(new URL('./vendors.json', import.meta.url), 'utf8'));

/** Every string of a JSON value: where a client keeps the answer text differs by vendor. */
function stringValues(value) {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(stringValues);
}

function fail(vendor, what, actual) {
  throw new Error(`${vendor.id}: ${what} gave ${JSON.stringify(actual)?.slice(0, 200)}`);
}

const answers = {};
for (const vendor of vendors) {
  const prefer = (example) => ({ headers: { Prefer: `example=${example}` } });
  // The vendor package comes with @textgen/sdk; its factory reads the key and base URL from the environment.
  const client = (await import(vendor.packageName))[vendor.factory]();
  const method = (call) => client[call.resource][call.name].bind(client[call.resource]);

  const reply = await method(vendor.generate)(vendor.generate.body, prefer(vendor.generate.responseExample));
  if (!stringValues(reply).includes(vendor.answerText)) fail(vendor, 'the client', reply);

  const chunks = [];
  for await (const chunk of await method(vendor.stream)(vendor.stream.body, prefer(vendor.stream.responseExample)))
    chunks.push(chunk);
  let next = 0;
  for (const chunk of chunks) if (stringValues(chunk).includes(vendor.streamTexts[next])) next += 1;
  if (next !== vendor.streamTexts.length) fail(vendor, 'the client stream', chunks);

  const input = { provider: vendor.id, model: vendor.model, system: vendor.system, prompt: vendor.prompt };
  const generated = await generateText({ ...input, ...prefer(vendor.generate.responseExample) });
  if (generated.text !== vendor.answerText) fail(vendor, 'generateText', generated.text);

  let streamed = '';
  for await (const part of streamText({ ...input, ...prefer(vendor.stream.responseExample) })) streamed += part.text;
  if (streamed !== vendor.streamTexts.join('')) fail(vendor, 'streamText', streamed);
  answers[vendor.id] = generated.text;
}
if (Object.keys(answers).length === 0) throw new Error('vendors.json lists no vendor');
console.log(JSON.stringify(answers));
