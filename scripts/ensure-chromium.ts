/**
 * The first step of `pnpm run ci`: the docs and browser tests drive a real Chromium (CHROMIUM_PATH, default Debian's
 * /usr/bin/chromium) through playwright-core, never a browser download. When it is missing this installs it with
 * apt-get where that is possible (Debian or Ubuntu, as root, as on CI), and otherwise says in one line what to install,
 * before any test has run rather than two minutes into them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function fail(message: string): never {
  console.error(`ensure-chromium: ${message}`);
  process.exit(1);
}

if (!isExecutable(chromiumPath)) {
  if (process.env.CHROMIUM_PATH !== undefined) {
    fail(`CHROMIUM_PATH=${chromiumPath} is not an executable file. Point it at a Chromium or Chrome binary.`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !hasCommand('apt-get')) {
    fail(
      'the browser tests need Chromium at /usr/bin/chromium. Install it first (Debian/Ubuntu: ' +
        '`sudo apt-get install -y chromium`), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  console.log('ensure-chromium: installing Debian chromium for the browser tests (apt-get, about 15 s)');
  try {
    execFileSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq chromium'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr) : '';
    fail(`apt-get could not install chromium:\n${output}`);
  }
  if (!isExecutable(chromiumPath)) fail(`apt-get installed chromium, but ${chromiumPath} is still missing.`);
}
