/**
 * Entry for runtimes with a process (Node, Bun, Deno): `<runtime> smoke.mjs <mock URL>` prints one line,
 * `TEXTGEN_SMOKE_RESULT <json>`, with every case's report, and exits 0 whatever the cases did (the runner judges).
 */
import { runSmokeCases } from './smoke-cases';
import { resultLinePrefix } from './smoke-inputs';

// Deno has `process` too, but reading its argv is Node compatibility; Deno.args is Deno's own API.
const denoArgs = (globalThis as { Deno?: { args: string[] } }).Deno?.args;
const [mockUrl] = denoArgs ?? process.argv.slice(2);
if (mockUrl === undefined || mockUrl === '') throw new Error('Usage: <runtime> smoke.mjs <textgen-mock URL>');
console.log(`${resultLinePrefix}${JSON.stringify(await runSmokeCases(mockUrl))}`);
