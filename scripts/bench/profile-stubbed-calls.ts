/**
 * `pnpm bench:profile`: a CPU profile of N sequential stubbed calls of one contender (default: ours, 20,000 calls),
 * taken by `node --cpu-prof` in a child process, then its top entries by self time and its GC share.
 *
 *   pnpm bench:profile                                 ours (the benchmark vendor's client), 20,000 calls
 *   pnpm bench:profile --client "openai SDK"           or "raw fetch", "openapi-fetch"
 *   pnpm bench:profile --calls 5000 --top 40
 *   pnpm bench:profile --loopback                      against the canned-response server (own process) instead
 *   pnpm bench:profile --summarize <file.cpuprofile>   only print the summary of an existing profile
 *
 * Profiles are written to bench-results/profiles/ (gitignored); open one in Chrome DevTools' Performance panel.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repositoryRoot } from './load-built-packages';
import { oursName } from './non-stream-callers';
import { profiledFunctionName } from './stubbed-calls-for-profile-name';
import { formatProfileSummary, readCpuProfile, summarizeCpuProfile } from './summarize-cpu-profile';

function readOption(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const top = Number(readOption('top') ?? '25');
let profilePath = readOption('summarize');

if (profilePath === undefined) {
  const client = readOption('client') ?? oursName;
  const calls = readOption('calls') ?? '20000';
  const loopback = process.argv.includes('--loopback');
  const folder = join(repositoryRoot, 'bench-results', 'profiles');
  mkdirSync(folder, { recursive: true });
  const name = `${client.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}-${calls}-${loopback ? 'loopback-' : ''}calls-${new Date().toISOString().replaceAll(':', '-')}.cpuprofile`;
  const script = join(repositoryRoot, 'scripts', 'bench', 'stubbed-calls-for-profile.ts');
  const argv = [
    '--cpu-prof',
    '--cpu-prof-dir',
    folder,
    '--cpu-prof-name',
    name,
    '--import',
    'tsx',
    script,
    '--client',
    client,
    '--calls',
    calls,
    ...(loopback ? ['--loopback'] : []),
  ];
  process.stdout.write(
    `$ TSX_TSCONFIG_PATH=scripts/bench/tsconfig.json node ${argv
      .map((argument) => relative(repositoryRoot, argument) || argument)
      .map((argument) => (/\s/.test(argument) ? JSON.stringify(argument) : argument))
      .join(' ')}\n`,
  );
  const child = spawnSync(process.execPath, argv, {
    cwd: repositoryRoot,
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(repositoryRoot, 'scripts', 'bench', 'tsconfig.json') },
  });
  if (child.status !== 0) throw new Error(`The profiled run failed (exit ${child.status ?? child.signal}).`);
  profilePath = join(folder, name);
}

process.stdout.write(`Profile: ${relative(repositoryRoot, profilePath)}\n`);
const summary = summarizeCpuProfile(readCpuProfile(profilePath), profiledFunctionName);
process.stdout.write(`${formatProfileSummary(summary, { top, windowFunction: profiledFunctionName })}\n`);
