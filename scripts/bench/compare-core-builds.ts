/**
 * `pnpm bench:ab <revision>`: the built @textgen/core of the working tree against the one of an earlier revision, side
 * by side in one process, both under this tree's built client of the benchmark vendor, with raw fetch as the anchor.
 * Sequential calls to the canned-response server (own process), rounds interleaved as in `pnpm bench`. It prints
 * new ÷ baseline per round, summarized, which is how a change to core's call path is judged: one full `pnpm bench`
 * swings by a few percent between runs, more than most single changes are worth.
 *
 *   pnpm bench:ab HEAD~1                   the last commit's core against the working tree's
 *   pnpm bench:ab 577a819 --rounds 100
 *
 * The baseline is built from a detached git worktree in a scratch folder that borrows this tree's node_modules; it
 * needs the vendor client of this tree to run on it, so it fails fast when the two cores' internal API differs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchmarkVendor, clientMethod, readAnswerText } from './benchmark-vendor';
import { readCannedCompletion } from './canned-bodies';
import { repositoryRoot } from './load-built-packages';
import { measureInterleaved, pairedRatios, spreadOf, type Spread } from './measure-interleaved';
import { startCannedResponseServer } from './start-canned-response-server';

const argv = process.argv.slice(2).filter((argument) => argument !== '--');
const roundsAt = argv.indexOf('--rounds');
const rounds = roundsAt === -1 ? 80 : Number(argv[roundsAt + 1]);
const revision = argv.find((argument, index) => !argument.startsWith('--') && index !== roundsAt + 1);
if (revision === undefined || !Number.isSafeInteger(rounds) || rounds < 1) {
  throw new Error('Usage: pnpm bench:ab <git revision> [--rounds N] (N a whole number, 80 by default).');
}

const scratch = mkdtempSync(join(tmpdir(), 'textgen-bench-ab-'));
const git = (...args: string[]) => execFileSync('git', args, { cwd: repositoryRoot, stdio: 'pipe' }).toString().trim();

/**
 * A folder that resolves like an install of the vendor package on top of one build of core: the vendor's dist, whose
 * `@textgen/core` import lands on `coreDist`, and core's own two dependencies linked from this tree.
 */
function layOut(name: string, coreDist: string): string {
  const root = join(scratch, name);
  const core = join(root, 'core');
  const vendor = join(root, 'vendor');
  mkdirSync(join(core, 'node_modules'), { recursive: true });
  mkdirSync(join(vendor, 'node_modules', '@textgen'), { recursive: true });
  cpSync(join(repositoryRoot, 'packages', 'core', 'package.json'), join(core, 'package.json'));
  cpSync(coreDist, join(core, 'dist'), { recursive: true });
  for (const dependency of ['openapi-fetch', 'eventsource-parser']) {
    symlinkSync(
      join(repositoryRoot, 'packages', 'core', 'node_modules', dependency),
      join(core, 'node_modules', dependency),
    );
  }
  const vendorFolder = join(repositoryRoot, 'packages', benchmarkVendor.id);
  cpSync(join(vendorFolder, 'package.json'), join(vendor, 'package.json'));
  cpSync(join(vendorFolder, 'dist'), join(vendor, 'dist'), { recursive: true });
  symlinkSync(core, join(vendor, 'node_modules', '@textgen', 'core'), 'dir');
  return join(vendor, 'dist', 'index.mjs');
}

function formatSpread(spread: Spread): string {
  return `${spread.median.toFixed(3)} (quartiles ${spread.q1.toFixed(3)}–${spread.q3.toFixed(3)})`;
}

const worktree = join(scratch, 'baseline-tree');
try {
  const commit = git('rev-parse', '--short', revision);
  git('worktree', 'add', '--detach', worktree, commit);
  // The baseline builds with this tree's toolchain: its lockfile may differ, its build config is its own.
  symlinkSync(join(repositoryRoot, 'node_modules'), join(worktree, 'node_modules'), 'dir');
  symlinkSync(
    join(repositoryRoot, 'packages', 'core', 'node_modules'),
    join(worktree, 'packages', 'core', 'node_modules'),
    'dir',
  );
  execFileSync(join(repositoryRoot, 'node_modules', '.bin', 'tsdown'), [], {
    cwd: join(worktree, 'packages', 'core'),
    stdio: 'pipe',
  });
  const entries = {
    baseline: layOut('baseline', join(worktree, 'packages', 'core', 'dist')),
    current: layOut('current', join(repositoryRoot, 'packages', 'core', 'dist')),
  };

  const completion = readCannedCompletion();
  const server = await startCannedResponseServer({ streamChunks: 1 });
  const baseURL = `${server.origin}/json/v1`;
  const apiKey = 'bench-local-key';
  const check = (name: string, body: unknown) => {
    if (readAnswerText(body) !== completion.expectedText) throw new Error(`${name} did not return the completion.`);
  };
  const callOf = async (name: keyof typeof entries) => {
    const module = (await import(pathToFileURL(entries[name]).href)) as Record<string, unknown>;
    const factory = module[benchmarkVendor.factory] as (options: object) => unknown;
    const create = clientMethod(factory({ baseURL, apiKey }));
    return async () => check(name, await create(completion.request));
  };
  const calls = {
    'raw fetch': async () => {
      const response = await fetch(`${baseURL}/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(completion.request),
      });
      check('raw fetch', await response.json());
    },
    [`core at ${commit}`]: await callOf('baseline'),
    'core of the working tree': await callOf('current'),
  };
  const callsPerSample = 150;
  const samples = await measureInterleaved({
    warmupRounds: 3,
    rounds,
    expectedUnits: callsPerSample,
    contenders: Object.entries(calls).map(([name, call]) => ({
      name,
      run: async () => {
        for (let index = 0; index < callsPerSample; index += 1) await call();
        return callsPerSample;
      },
    })),
  });
  await server.close();
  const [raw, baseline, current] = samples as [(typeof samples)[0], (typeof samples)[0], (typeof samples)[0]];
  process.stdout.write(
    [
      `${benchmarkVendor.packageName} on two builds of @textgen/core, ${rounds} rounds of ${callsPerSample} sequential ` +
        'loopback calls (canned-response server, own process):',
      ...[baseline, current].map(
        (contender) =>
          `  ${contender.name}: ${Math.round(spreadOf(contender.perSecond).median)} calls/s, ÷ raw fetch ` +
          formatSpread(spreadOf(pairedRatios(contender.perSecond, raw.perSecond))),
      ),
      `  working tree ÷ ${commit}, paired by round: ${formatSpread(spreadOf(pairedRatios(current.perSecond, baseline.perSecond)))}`,
      '',
    ].join('\n'),
  );
} finally {
  try {
    git('worktree', 'remove', '--force', worktree);
  } catch {
    // Never added (a bad revision): nothing to remove.
  }
  rmSync(scratch, { recursive: true, force: true });
}
