/**
 * Memory figures for issue 9: what one large answer costs each way of reading it, each in its own process.
 *
 *   pnpm faults:memory                 (from the repository root; builds the packages first)
 *
 * The parent builds the bodies and serves them from a minimal `node:http` server on 127.0.0.1:0; for every
 * (scenario, contender) pair it spawns a fresh `node --expose-gc` child that warms up with a small call, collects
 * garbage, notes its RSS and heap, makes the one large call, and reports the growth: peak RSS (the kernel's maxRSS, so
 * a
 * peak between samples is not missed) and heap still used while the answer is held. Figures are printed, never
 * asserted.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  buildScenarioBodies,
  completionJson,
  memoryScenarios,
  scenarioTextBytes,
  type MemoryScenario,
  type ScenarioBodies,
} from './memory-bodies';
import { findMemoryContender, listMemoryContenders, type MemoryContender } from './memory-contenders';

interface ChildReport {
  contender: string;
  scenario: MemoryScenario;
  textLength: number;
  /** How the call ended: `read` with the text, or the error it rejected with (a line over the reader's limit). */
  outcome: string;
  peakRssGrowthMiB: number;
  heapGrowthMiB: number;
  elapsedMs: number;
}

const mebibyte = 1024 * 1024;
const childFlag = '--memory-child';

function toMiB(bytes: number): number {
  return Math.round((bytes / mebibyte) * 10) / 10;
}

async function collectGarbage(): Promise<void> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('Run with node --expose-gc.');
  // Twice, with a turn of the event loop between: finalizers queued by the first pass free more in the second.
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

async function runChild(contenderName: string, scenario: MemoryScenario, origin: string): Promise<void> {
  const contender = findMemoryContender(contenderName);
  // Warm-up: modules loaded, the connection pool and parsers initialised, so only the large call is measured.
  await contender.call(`${origin}/warmup/${contender.body}`);
  await collectGarbage();
  const baseline = process.memoryUsage();
  const started = performance.now();
  let outcome = 'read';
  const text = await contender.call(`${origin}/${scenario}/${contender.body}`).catch((error: unknown) => {
    outcome = error instanceof Error ? `${error.name}: ${error.message.slice(0, 80)}` : String(error);
    return '';
  });
  const elapsedMs = Math.round(performance.now() - started);
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  await collectGarbage();
  const held = process.memoryUsage();
  const report: ChildReport = {
    contender: contenderName,
    scenario,
    // Read after the figures, so the text is held while they are taken.
    textLength: text.length,
    outcome,
    peakRssGrowthMiB: toMiB(peakRssBytes - baseline.rss),
    heapGrowthMiB: toMiB(held.heapUsed + held.external - baseline.heapUsed - baseline.external),
    elapsedMs,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function startBodyServer(
  bodies: Map<MemoryScenario, ScenarioBodies>,
): Promise<{ origin: string; close(): Promise<void> }> {
  const warmup = buildWarmupBodies();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    // Drain the request first: answering before reading it can reset the connection under the client.
    request.resume();
    request.on('end', () => {
      const [, scenario, kind] = (request.url ?? '').split('/') as [string, string, keyof ScenarioBodies];
      const scenarioBodies = scenario === 'warmup' ? warmup : bodies.get(scenario as MemoryScenario);
      const body = scenarioBodies?.[kind];
      if (!body) {
        response.writeHead(404).end();
        return;
      }
      const contentType = { json: 'application/json', ndjson: 'application/x-ndjson', sse: 'text/event-stream' }[kind];
      response.writeHead(200, { 'content-type': contentType, 'content-length': body.byteLength });
      response.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((closed) => server.close(() => closed())),
      });
    });
  });
}

/** The same shapes with a four-character text, for the warm-up call. */
function buildWarmupBodies(): ScenarioBodies {
  const completion = completionJson('warm');
  return {
    json: Buffer.from(completion),
    ndjson: Buffer.from(`${JSON.stringify({ response: 'warm' })}\n`),
    sse: Buffer.from(`data: ${completion}\n\ndata: [DONE]\n\n`),
  };
}

function spawnChild(contender: MemoryContender, scenario: MemoryScenario, origin: string): Promise<ChildReport> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, childFlag, contender.name, scenario, origin], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.trim().split('\n').at(-1);
      if (code !== 0 || !line) reject(new Error(`${contender.name} / ${scenario} exited with ${code}: ${output}`));
      else resolve(JSON.parse(line) as ChildReport);
    });
  });
}

function contendersFor(scenario: MemoryScenario): MemoryContender[] {
  return listMemoryContenders().filter((contender) => (scenario === 'json-100mb') === (contender.body === 'json'));
}

async function runParent(): Promise<void> {
  const bodies = new Map(memoryScenarios.map((scenario) => [scenario, buildScenarioBodies(scenario)] as const));
  const server = await startBodyServer(bodies);
  const reports: ChildReport[] = [];
  try {
    for (const scenario of memoryScenarios) {
      for (const contender of contendersFor(scenario)) {
        const report = await spawnChild(contender, scenario, server.origin);
        // A contender that returned the wrong text measured something else; say so rather than print its figure.
        if (report.outcome === 'read' && report.textLength !== scenarioTextBytes[scenario]) {
          throw new Error(
            `${contender.name} / ${scenario} decoded ${report.textLength} characters, expected ${scenarioTextBytes[scenario]}.`,
          );
        }
        reports.push(report);
      }
    }
  } finally {
    await server.close();
  }
  printTable(reports);
}

function printTable(reports: ChildReport[]): void {
  const header = ['scenario', 'contender', 'peak RSS growth (MiB)', 'heap+external held (MiB)', 'time (ms)', 'outcome'];
  const rows = reports.map((report) => [
    report.scenario,
    report.contender,
    report.peakRssGrowthMiB.toFixed(1),
    report.heapGrowthMiB.toFixed(1),
    String(report.elapsedMs),
    report.outcome,
  ]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const format = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(`node ${process.version}, ${process.platform} ${process.arch}; each row is a fresh process`);
  console.log(format(header));
  console.log(format(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(format(row));
}

const [flag, contenderName, scenario, origin] = process.argv.slice(2);
if (flag === childFlag && contenderName && scenario && origin) {
  await runChild(contenderName, scenario as MemoryScenario, origin);
} else {
  await runParent();
}
