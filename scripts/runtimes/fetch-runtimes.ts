/**
 * Downloads the pinned runtimes from the npm registry into a cache outside the clone, so CI reruns skip the download.
 * A cached runtime is used only after it runs and reports the pinned version; anything else is downloaded again, so a
 * stale, partial or tampered cache costs time, never a wrong result.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { miniflarePackage, runtimePackages, type DownloadedRuntime } from './runtime-versions';

const execFileAsync = promisify(execFile);

export const runtimeCacheFolder = join(
  process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'),
  'textgen',
  'runtimes',
);

/** Runs a command and returns its stdout; on failure the error carries the command's own output. */
export async function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, {
      cwd: options.cwd,
      timeout: options.timeoutMs ?? 300_000,
      maxBuffer: 64 * 1024 * 1024,
      // npm's update notice and funding lines are noise here.
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    const output = `${failed.stderr ?? ''}${failed.stdout ?? ''}`.trim();
    throw new Error(
      `${command} ${args.join(' ')} failed: ${failed.message.split('\n')[0]}${output ? `\n${output}` : ''}`,
      { cause: error },
    );
  }
}

function cacheFolderName(packageName: string, version: string): string {
  return `${packageName.replace(/^@/, '').replace(/\//g, '+')}@${version}`;
}

/** Moves a finished download into place; when a parallel run got there first, keeps theirs. */
async function publishDownload(options: { from: string; to: string }): Promise<void> {
  await rm(options.to, { recursive: true, force: true });
  try {
    await rename(options.from, options.to);
  } catch (error) {
    if (!existsSync(options.to)) throw error;
  }
}

export interface RuntimeBinary {
  executable: string;
  /** What the binary says its version is. */
  version: string;
  /** True when this run downloaded it. */
  downloaded: boolean;
}

async function reportedVersion(executable: string): Promise<string | undefined> {
  if (!existsSync(executable)) return undefined;
  try {
    return (await runCommand(executable, ['--version'], { timeoutMs: 30_000 })).trim();
  } catch {
    return undefined;
  }
}

/**
 * The binary of one pinned runtime: from the cache when it runs and reports the pinned version, else from `npm pack`
 * (which checks the tarball's integrity against the registry) unpacked with tar.
 */
export async function fetchRuntimeBinary(runtime: DownloadedRuntime): Promise<RuntimeBinary> {
  const { packageName, version, binary } = runtimePackages[runtime];
  const folder = join(runtimeCacheFolder, cacheFolderName(packageName, version));
  const executable = join(folder, binary);
  const reportsPinnedVersion = (reported: string | undefined) => reported !== undefined && reported.includes(version);

  const cached = await reportedVersion(executable);
  if (reportsPinnedVersion(cached)) return { executable, version: cached!, downloaded: false };

  await mkdir(runtimeCacheFolder, { recursive: true });
  const scratch = await mkdtemp(join(runtimeCacheFolder, '.download-'));
  try {
    await runCommand('npm', ['pack', `${packageName}@${version}`, '--pack-destination', scratch, '--loglevel=error'], {
      cwd: scratch,
    });
    const tarball = (await readdir(scratch)).find((name) => name.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`npm pack ${packageName}@${version} wrote no tarball`);
    await runCommand('tar', ['-xzf', join(scratch, tarball), '-C', scratch]);
    const unpacked = join(scratch, 'package');
    if (!existsSync(join(unpacked, binary))) throw new Error(`${packageName}@${version} holds no ${binary}`);
    await chmod(join(unpacked, binary), 0o755);
    await publishDownload({ from: unpacked, to: folder });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const downloaded = await reportedVersion(executable);
  if (!reportsPinnedVersion(downloaded)) {
    throw new Error(`${executable} reports "${downloaded ?? 'nothing'}" for --version, not ${version}`);
  }
  return { executable, version: downloaded!, downloaded: true };
}

export interface MiniflareInstall {
  /** The folder to resolve `miniflare` from. */
  prefix: string;
  version: string;
  downloaded: boolean;
}

/** Miniflare and its dependencies (workerd's binary among them) in their own npm prefix inside the cache. */
export async function fetchMiniflare(): Promise<MiniflareInstall> {
  const { packageName, version } = miniflarePackage;
  const prefix = join(runtimeCacheFolder, cacheFolderName(packageName, version));
  const marker = join(prefix, 'node_modules', packageName, 'package.json');
  // The workerd binary is the last thing npm writes that we need; with it and miniflare present the install finished.
  const workerdBinary = join(prefix, 'node_modules', '@cloudflare', 'workerd-linux-64', 'bin', 'workerd');
  if (existsSync(marker) && existsSync(workerdBinary)) return { prefix, version, downloaded: false };

  await mkdir(runtimeCacheFolder, { recursive: true });
  const scratch = await mkdtemp(join(runtimeCacheFolder, '.download-'));
  try {
    // --ignore-scripts: workerd's and sharp's install scripts only re-check what the optional platform packages
    // already hold, and npm 11 skips them anyway; skipping them everywhere keeps npm 10 and 11 alike.
    await runCommand('npm', [
      'install',
      '--prefix',
      scratch,
      '--ignore-scripts',
      '--no-package-lock',
      '--loglevel=error',
      `${packageName}@${version}`,
    ]);
    await publishDownload({ from: scratch, to: prefix });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  if (!existsSync(marker) || !existsSync(workerdBinary))
    throw new Error(`npm install ${packageName}@${version} left no workerd binary`);
  return { prefix, version, downloaded: true };
}
