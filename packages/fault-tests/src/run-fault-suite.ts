/**
 * The fault suite: every case against every target, then the timeout and abort cases again after a warm-up and a
 * forced GC. Prints one row per case and target (outcome, time, attempts at the server) and exits 1 when any outcome
 * differs from the declared one, when a call outlives its deadline, when a rejection goes unhandled, or when the key
 * appears in an error or a debug log line.
 *
 *   pnpm test:faults                       (from the repository root; builds the packages first)
 *   pnpm test:faults -- --only "redirect"  (cases whose name contains the text)
 *   pnpm test:faults -- --target sdk/aitre (one target)
 *   pnpm test:faults -- --workers 1        (one process; by default one worker process per core, targets split)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TextgenError,
  UnprocessableEntityError,
  type Logger,
} from '@textgen/core';
import type { CaseContext, Expectation, FaultCase } from './fault-case';
import { faultCases, warmBurstCases, warmUpCallCount, warmUpExpectedText, warmUpScript } from './fault-cases';
import { faultTargets, type FaultTarget, type SessionOptions, type TargetSession } from './fault-targets';
import { findKeyInError, findKeyInLog } from './find-key-leaks';
import { findClosedPort, startHostileServer, startRawServer, type HostileServer } from './hostile-server';

// A fresh key per run, so nothing can have been written against its value.
const apiKey = `sk-fault-${randomBytes(12).toString('hex')}`;
const defaultDeadlineMs = 5_000;

const errorClasses: Record<string, { isInstance(value: unknown): boolean }> = {
  TextgenError,
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
};

type Settlement = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Row {
  /** Sort key for the table: phase, then case and target (cold) or target and case (warm). */
  order: number[];
  caseName: string;
  target: string;
  outcome: string;
  elapsedMs: number;
  attempts: number;
  failures: string[];
}

// Every client logs into the log of the case that is running (a client made for the warm-up outlives one case).
let currentLog: string[] = [];
const forwardingLogger: Logger = {
  error: (message) => currentLog.push(`error ${message}`),
  warn: (message) => currentLog.push(`warn ${message}`),
  info: (message) => currentLog.push(`info ${message}`),
  debug: (message) => currentLog.push(`debug ${message}`),
};

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

const delay = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function collectGarbage(): void {
  if (typeof globalThis.gc !== 'function')
    throw new Error('Run the fault suite with node --expose-gc (pnpm test:faults does).');
  globalThis.gc();
}

function sessionOptions(baseURL: string, overrides: { maxRetries?: number; timeout?: number } = {}): SessionOptions {
  return {
    baseURL,
    apiKey,
    logger: forwardingLogger,
    maxRetries: overrides.maxRetries ?? 0,
    timeout: overrides.timeout ?? 5_000,
  };
}

function describeSettlement(settlement: Settlement): string {
  if (settlement.ok) return 'ok';
  const { error } = settlement;
  if (TextgenError.isInstance(error)) {
    const status = (error as { status?: unknown }).status;
    return typeof status === 'number' ? `${error.name} ${status}` : error.name;
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${typeof error}: ${String(error)}`;
  return text.length > 70 ? `${text.slice(0, 70)}…` : text;
}

function checkSettlement(settlement: Settlement, expectation: Expectation): string | undefined {
  if (expectation.outcome === 'ok') {
    if (!settlement.ok) {
      const error = settlement.error;
      return `expected ok, got ${describeSettlement(settlement)}${error instanceof Error ? `: ${error.message.slice(0, 160)}` : ''}`;
    }
    const { text } = settlement.value as { text: string | undefined };
    if (expectation.text !== undefined && text !== expectation.text) {
      return `expected text ${JSON.stringify(expectation.text)}, got ${JSON.stringify(text?.slice(0, 60))}`;
    }
    if (expectation.textLength !== undefined && text?.length !== expectation.textLength) {
      return `expected ${expectation.textLength} characters of text, got ${text?.length ?? 'none'}`;
    }
    return undefined;
  }
  if (settlement.ok)
    return `expected ${expectation.names.join(' or ')}, got ok (${JSON.stringify(settlement.value)?.slice(0, 100)})`;
  const { error } = settlement;
  const name = error instanceof Error ? error.name : undefined;
  const accepted = expectation.names.some((expected) => expected === name && errorClasses[expected]?.isInstance(error));
  const message = error instanceof Error ? error.message : String(error);
  if (!accepted)
    return `expected ${expectation.names.join(' or ')}, got ${describeSettlement(settlement)}: ${message.slice(0, 160)}`;
  const status = (error as { status?: unknown }).status;
  if (expectation.status !== undefined && status !== expectation.status)
    return `expected status ${expectation.status}, got ${String(status)}`;
  if (expectation.message && !expectation.message.test(message)) {
    return `the message does not say what went wrong (${String(expectation.message)}): ${message.slice(0, 160)}`;
  }
  return undefined;
}

function summarize(settlements: readonly Settlement[]): string {
  const counts = new Map<string, number>();
  for (const settlement of settlements) {
    const label = describeSettlement(settlement);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  if (settlements.length === 1) return [...counts.keys()][0] ?? '';
  return [...counts].map(([label, count]) => `${label} ×${count}`).join(', ');
}

interface Phase {
  warm: boolean;
  /** In the warm phase: the warmed-up server and client, used by the cases' default session. */
  warmServer?: HostileServer | undefined;
  warmSession?: TargetSession | undefined;
}

async function runCase(faultCase: FaultCase, target: FaultTarget, phase: Phase): Promise<Omit<Row, 'order'>> {
  const caseName = phase.warm ? `warm: ${faultCase.name}` : faultCase.name;
  const log: string[] = [];
  currentLog = log;
  const cleanups: (() => Promise<void>)[] = [];
  const defaultScript = faultCase.script
    ? (exchange: Parameters<typeof warmUpScript>[1]) => faultCase.script?.(target.wire, exchange)
    : () => undefined;
  let server: HostileServer;
  if (phase.warmServer) {
    server = phase.warmServer;
    server.reset();
    server.setScript(defaultScript);
  } else {
    server = await startHostileServer(defaultScript);
    cleanups.push(() => server.close());
  }
  let other: Promise<HostileServer> | undefined;
  const rawCounts: (() => number)[] = [];
  const tracked: Promise<void>[] = [];
  const settlements: Settlement[] = [];

  const context: CaseContext = {
    target,
    wire: target.wire,
    apiKey,
    server,
    warm: phase.warm,
    collectGarbage,
    otherServer: (script) => {
      other ??= startHostileServer(script).then((started) => {
        cleanups.push(() => started.close());
        return started;
      });
      return other;
    },
    rawServer: async (behaviour) => {
      const raw = await startRawServer(behaviour);
      cleanups.push(() => raw.close());
      rawCounts.push(raw.requestCount);
      return raw.origin;
    },
    closedOrigin: findClosedPort,
    session: (options = {}) => {
      const isDefault =
        options.baseURL === undefined && options.maxRetries === undefined && options.timeout === undefined;
      if (isDefault && phase.warmSession) return phase.warmSession;
      return target.createSession(sessionOptions(options.baseURL ?? server.origin, options));
    },
    settledCount: () => settlements.length,
    track: (call) => {
      tracked.push(
        call.then(
          (value) => void settlements.push({ ok: true, value }),
          (error: unknown) => void settlements.push({ ok: false, error }),
        ),
      );
    },
  };

  const expectation = faultCase.expect(target);
  const deadlineMs = faultCase.deadlineMs ?? defaultDeadlineMs;
  const unhandledBefore = unhandled.length;
  const failures: string[] = [];
  // After the warm-up, collect garbage while the calls are in flight: that is when a weakly held abort link is lost.
  // (Not on a short interval: full collections back to back starve the calls they are meant to test.)
  const gcTimers = phase.warm ? [setTimeout(collectGarbage, 60), setTimeout(collectGarbage, 180)] : [];
  const started = performance.now();
  let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    deadlineTimer = setTimeout(() => resolve('deadline'), deadlineMs);
  });
  try {
    const finished = await Promise.race([
      Promise.resolve()
        .then(() => faultCase.run(context))
        .then(async () => {
          await Promise.all(tracked);
          return 'settled' as const;
        }),
      deadline,
    ]);
    if (finished === 'deadline') {
      failures.push(
        settlements.length < tracked.length
          ? `HANG: ${settlements.length}/${tracked.length} calls settled within the ${deadlineMs} ms deadline`
          : `the case's own steps did not finish within the ${deadlineMs} ms deadline`,
      );
    }
  } catch (error) {
    failures.push(`the case itself failed: ${error instanceof Error ? error.stack : String(error)}`);
  } finally {
    clearTimeout(deadlineTimer);
    for (const timer of gcTimers) clearTimeout(timer);
  }
  const elapsedMs = Math.round(performance.now() - started);
  if (tracked.length === 0) failures.push('the case made no call');

  const mismatches = new Map<string, number>();
  for (const settlement of settlements) {
    const mismatch = checkSettlement(settlement, expectation);
    if (mismatch) mismatches.set(mismatch, (mismatches.get(mismatch) ?? 0) + 1);
    if (!settlement.ok) {
      const places = findKeyInError(settlement.error, apiKey);
      if (places.length > 0) failures.push(`KEY LEAK in the error: ${places.join(', ')}`);
    }
  }
  for (const [mismatch, count] of mismatches) failures.push(count > 1 ? `${count}×: ${mismatch}` : mismatch);

  const verified = await faultCase.verify?.(context);
  if (verified) failures.push(verified);

  // Unhandled rejections are reported after the microtask queue drains; give stragglers a moment.
  await delay(30);
  const attempts =
    server.requests.length +
    (other ? (await other).requests.length : 0) +
    rawCounts.reduce((sum, count) => sum + count(), 0);
  if (expectation.attempts !== undefined && attempts !== expectation.attempts) {
    failures.push(`expected ${expectation.attempts} attempt(s) at the server, got ${attempts}`);
  }
  const logLeaks = findKeyInLog(log, apiKey);
  if (logLeaks.length > 0) failures.push(`KEY LEAK in the debug log: ${logLeaks.slice(0, 3).join(', ')}`);
  if (!log.some((line) => line.startsWith('debug')) && attempts > 0)
    failures.push('no debug log line was written (is logLevel honoured?)');
  const newUnhandled = unhandled.slice(unhandledBefore);
  if (newUnhandled.length > 0) {
    failures.push(
      `${newUnhandled.length} unhandled rejection(s): ${newUnhandled.map((reason) => (reason instanceof Error ? reason.name : String(reason))).join(', ')}`,
    );
  }
  for (const cleanup of cleanups) await cleanup();
  // Keep the warm server between cases, but cut what the case left hanging (held requests, endless heartbeats).
  if (phase.warmServer) phase.warmServer.setScript(() => undefined);
  return {
    caseName,
    target: target.name,
    outcome: summarize(settlements) || '(nothing settled)',
    elapsedMs,
    attempts,
    failures,
  };
}

/** Hundreds of quick calls through one client, then a forced GC: the state a long-running server is in. */
async function warmUp(
  target: FaultTarget,
): Promise<{ server: HostileServer; session: TargetSession; failures: string[]; elapsedMs: number }> {
  currentLog = [];
  const started = performance.now();
  const server = await startHostileServer((exchange) => warmUpScript(target.wire, exchange));
  // A long timeout: after the warm-up, a lost caller abort must show as a call that never ends, not be rescued by it.
  const session = target.createSession(sessionOptions(server.origin, { timeout: 60_000 }));
  const failures: string[] = [];
  // One after another, as the calls of a long-running server come: V8 optimizes the request path on the way, and an
  // optimized frame may keep less alive across an await than the interpreter's did.
  for (let done = 0; done < warmUpCallCount; done++) {
    const answer = await session.generate({}).catch(() => undefined);
    if (answer?.text !== warmUpExpectedText) failures.push('a warm-up call did not answer');
  }
  collectGarbage();
  return { server, session, failures: [...new Set(failures)], elapsedMs: Math.round(performance.now() - started) };
}

function printTable(rows: readonly Row[]): void {
  const header = ['case', 'target', 'outcome', 'time (ms)', 'attempts', 'result'];
  const cells = rows.map((row) => [
    row.caseName,
    row.target,
    row.outcome,
    String(row.elapsedMs),
    String(row.attempts),
    row.failures.length === 0 ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...cells.map((row) => row[column]?.length ?? 0)));
  const format = (row: readonly string[]) =>
    `| ${row.map((cell, column) => cell.replaceAll('|', '/').padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(format(header));
  console.log(format(widths.map((width) => '-'.repeat(width))));
  for (const row of cells) console.log(format(row));
}

const optionValue = (name: string) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};

/**
 * Runs the selected cases on some targets in this process; rows in table order (cold cases first, then warm per
 * target).
 */
async function runTargets(targets: readonly FaultTarget[]): Promise<Row[]> {
  const only = optionValue('--only');
  const selected = (cases: readonly FaultCase[]) =>
    cases.filter((faultCase) => only === undefined || faultCase.name.includes(only));
  const rows: Row[] = [];
  const orderOf = (target: FaultTarget) => faultTargets.indexOf(target);
  for (const [caseIndex, faultCase] of selected(faultCases).entries()) {
    for (const target of targets)
      rows.push({ ...(await runCase(faultCase, target, { warm: false })), order: [0, caseIndex, orderOf(target)] });
  }
  const warmCases = [...selected(faultCases.filter((faultCase) => faultCase.rerunWarm)), ...selected(warmBurstCases)];
  if (warmCases.length === 0) return rows;
  for (const target of targets) {
    const warmed = await warmUp(target);
    rows.push({
      caseName: `warm-up: ${warmUpCallCount} calls + GC`,
      target: target.name,
      outcome: warmed.failures.length === 0 ? `ok ×${warmUpCallCount}` : 'failed',
      elapsedMs: warmed.elapsedMs,
      attempts: warmed.server.requests.length,
      failures: warmed.failures,
      order: [1, orderOf(target), -1],
    });
    for (const [caseIndex, faultCase] of warmCases.entries()) {
      const row = await runCase(faultCase, target, {
        warm: true,
        warmServer: warmed.server,
        warmSession: warmed.session,
      });
      rows.push({ ...row, order: [1, orderOf(target), caseIndex] });
    }
    await warmed.server.close();
  }
  return rows;
}

const rowsMarker = 'fault-suite-rows ';

/**
 * Splits the targets over `workers` child processes (one per core by default): each case is sequential within its
 * process, so the wall time is what the slowest share takes.
 */
async function runInWorkers(targets: readonly FaultTarget[], workers: number): Promise<Row[]> {
  const shares = Array.from({ length: Math.min(workers, targets.length) }, (_unused, share) =>
    targets.filter((_target, index) => index % workers === share),
  );
  const script = fileURLToPath(import.meta.url);
  const forwarded = ['--only'].flatMap((name) => {
    const value = optionValue(name);
    return value === undefined ? [] : [name, value];
  });
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<Row[]>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [...process.execArgv, script, ...forwarded, '--targets', share.map((target) => target.name).join(',')],
            {
              stdio: ['ignore', 'pipe', 'inherit'],
            },
          );
          let output = '';
          child.stdout.setEncoding('utf8');
          child.stdout.on('data', (chunk: string) => (output += chunk));
          child.on('error', reject);
          child.on('close', (code) => {
            const line = output.split('\n').find((candidate) => candidate.startsWith(rowsMarker));
            if (!line) reject(new Error(`A fault-suite worker exited with ${code} and no rows:\n${output}`));
            else resolve(JSON.parse(line.slice(rowsMarker.length)) as Row[]);
          });
        }),
    ),
  );
  return results.flat();
}

function compareOrder(left: Row, right: Row): number {
  for (let index = 0; index < left.order.length; index++) {
    const difference = (left.order[index] ?? 0) - (right.order[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

async function main(): Promise<void> {
  const workerTargets = optionValue('--targets');
  if (workerTargets !== undefined) {
    const names = workerTargets.split(',');
    const rows = await runTargets(faultTargets.filter((target) => names.includes(target.name)));
    process.stdout.write(`${rowsMarker}${JSON.stringify(rows)}\n`);
    return;
  }
  const onlyTarget = optionValue('--target');
  const targets = faultTargets.filter((target) => onlyTarget === undefined || target.name === onlyTarget);
  const workers = Number(optionValue('--workers') ?? availableParallelism());
  const started = performance.now();
  const rows = (workers > 1 ? await runInWorkers(targets, workers) : await runTargets(targets)).sort(compareOrder);
  printTable(rows);
  const failed = rows.filter((row) => row.failures.length > 0);
  console.log(
    `\n${rows.length - failed.length}/${rows.length} passed in ${Math.round((performance.now() - started) / 1000)} s, ${workers} worker(s) (node ${process.version}).`,
  );
  if (failed.length > 0) {
    console.log('\nFailures:');
    for (const row of failed) console.log(`- ${row.caseName} × ${row.target}: ${row.failures.join('; ')}`);
    process.exitCode = 1;
  }
}

await main();
// Calls that never settled (a failed case) may hold sockets open; the verdict is in, so do not wait for them.
process.exit(process.exitCode ?? 0);
