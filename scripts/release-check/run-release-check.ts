/**
 * `pnpm release:check`: the packages go through a real npm registry the way a release and a user would take them.
 *
 * 1. builds the packages (turbo; cached after `pnpm run ci`);
 * 2. starts Verdaccio on loopback with a throw-away storage folder, and publishes every package with
 *    `pnpm publish`, as the release workflow does (workspace:* ranges become real versions);
 * 3. downloads each published tarball back and checks what it holds;
 * 4. in empty scratch folders, with plain npm pointed at that registry: installs `@textgen/sdk` alone (npm resolves
 *    the rest), runs an ESM app, a CommonJS app and two strict TypeScript apps (moduleResolution node16 and bundler)
 *    against `textgen-mock` from the installed `@textgen/mocks`, and runs `npx @textgen/cli demo`.
 *
 * Nothing is left behind: the registry stops, child processes are killed and the temporary folder is removed, on
 * failure and on Ctrl-C too. npm's download cache is kept in node_modules/.cache/textgen-release-check/ between runs;
 * installs revalidate every package document (prefer-online), so a warm cache only saves downloads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPublishablePackages } from '../find-release-file-problems';
import { smokeVendorPlan } from '../runtimes/expected-smoke-results';
import { readVendorExamples } from '../vendor-examples';
import { checkPublishedPackage, type PublishedPackageReport } from './check-published-package';
import { startLocalRegistry, type LocalRegistry } from './start-local-registry';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const appsFolder = join(dirname(fileURLToPath(import.meta.url)), 'apps');
const cacheFolder = join(repositoryRoot, 'node_modules', '.cache', 'textgen-release-check');
const npmCacheFolder = join(cacheFolder, 'npm');
/** The versions a TypeScript user would have; the same as the workspace's. */
const typescriptVersion = '5.9.3';
const nodeTypesVersion = '20.19.43';
const throwAwayApiKey = 'release-check-key';
const vendors = readVendorExamples();

const startedAt = Date.now();
const liveChildren = new Set<ChildProcess>();
const cleanups: (() => Promise<void> | void)[] = [];

interface RunResult {
  stdout: string;
  stderr: string;
  seconds: number;
}

function log(message: string): void {
  console.log(`release:check: ${message}`);
}

/**
 * The environment for every child: none of the npm_* / pnpm variables that `pnpm run` sets (they would configure the
 * user's npm), and no workspace node_modules/.bin on PATH (a scratch app must find only what it installed itself).
 */
function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_)/i.test(key) || key === 'INIT_CWD') continue;
    environment[key] = value;
  }
  environment.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.startsWith(repositoryRoot))
    .join(delimiter);
  return { ...environment, ...extra };
}

/**
 * Runs a command in its own process group, so a kill reaches what it started (npx starts the CLI as a grandchild).
 * Rejects with the command's output when it fails or outlives `timeoutSeconds`.
 */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutSeconds: number },
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    liveChildren.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    const timer = setTimeout(() => {
      killGroup(child);
      stderr += `\n(killed after ${options.timeoutSeconds} s)`;
    }, options.timeoutSeconds * 1000);
    child.once('error', (error) => {
      clearTimeout(timer);
      liveChildren.delete(child);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      liveChildren.delete(child);
      const seconds = (Date.now() - started) / 1000;
      if (code === 0) {
        resolve({ stdout, stderr, seconds });
        return;
      }
      const status = signal === null ? `exit code ${String(code)}` : `signal ${signal}`;
      reject(new Error(`\`${command} ${args.join(' ')}\` in ${options.cwd} failed (${status}):\n${stdout}\n${stderr}`));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function cleanUp(): Promise<void> {
  // Every child is stopped, and has exited, before its folders are removed: a process still writing would re-create
  // them.
  await Promise.all(
    [...liveChildren].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const forceTimer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
          child.once('close', () => {
            clearTimeout(forceTimer);
            resolve();
          });
          killGroup(child);
        }),
    ),
  );
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`release:check: clean-up step failed: ${String(error)}`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`release:check: ${signal}, cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** How this script was started (`pnpm release:check` or `npx pnpm@... release:check`): pnpm's own CLI file. */
function pnpmCommand(): { command: string; prefixArgs: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm/.test(execPath)) return { command: process.execPath, prefixArgs: [execPath] };
  return { command: 'npx', prefixArgs: ['--yes', 'pnpm@10.34.9'] };
}

/**
 * textgen-mock prints `textgen-mock listening on <url>` and then one `  <vendor> <base URL>` line per vendor. The
 * base URLs are read from those lines, the only place this script learns the mock's URL layout.
 */
function startMockServer(folder: string, env: NodeJS.ProcessEnv): Promise<{ baseUrls: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(folder, 'node_modules', '.bin', 'textgen-mock'), ['--port', '0', '--host', '127.0.0.1'], {
      cwd: folder,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    liveChildren.add(child);
    cleanups.push(
      () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('close', () => done());
          killGroup(child);
        }),
    );
    let output = '';
    const baseUrls: Record<string, string> = {};
    const timer = setTimeout(
      () => reject(new Error(`textgen-mock did not print its base URLs in 30 s:\n${output}`)),
      30_000,
    );
    child.once('close', (code) => {
      liveChildren.delete(child);
      clearTimeout(timer);
      reject(new Error(`textgen-mock exited (code ${String(code)}) before it was ready:\n${output}`));
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      output += text;
      for (const match of output.matchAll(/^\s+([a-z][a-z0-9-]*)\s+(https?:\/\/\S+)\s*$/gm)) {
        baseUrls[match[1] ?? ''] = match[2] ?? '';
      }
      if (vendors.every((vendor) => baseUrls[vendor.id] !== undefined)) {
        clearTimeout(timer);
        resolve({ baseUrls });
      }
    });
  });
}

interface InstallReport {
  folder: string;
  requested: string[];
  installed: string[];
  seconds: number;
}

async function main(): Promise<void> {
  const pnpm = pnpmCommand();
  log('building the packages (turbo; cached after pnpm run ci)');
  await run(
    join(repositoryRoot, 'node_modules', '.bin', 'turbo'),
    ['run', 'build', '--filter=./packages/*', '--output-logs=errors-only'],
    { cwd: repositoryRoot, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }, timeoutSeconds: 600 },
  );

  const temporaryRoot = mkdtempSync(join(tmpdir(), 'textgen-release-check-'));
  cleanups.push(() => rmSync(temporaryRoot, { recursive: true, force: true, maxRetries: 3 }));
  mkdirSync(npmCacheFolder, { recursive: true });
  // npx reuses a package it installed before when the version matches; this run's freshly published 0.1.0 must win.
  rmSync(join(npmCacheFolder, '_npx'), { recursive: true, force: true });

  const registryFolder = join(temporaryRoot, 'registry');
  mkdirSync(registryFolder);
  const upstreamRegistry = (
    await run('npm', ['config', 'get', 'registry'], {
      cwd: temporaryRoot,
      env: childEnvironment({}),
      timeoutSeconds: 30,
    })
  ).stdout.trim();
  const registry: LocalRegistry = await startLocalRegistry({ folder: registryFolder, upstreamRegistry });
  cleanups.push(() => registry.close());
  log(`Verdaccio on ${registry.url} (uplink ${upstreamRegistry}, storage in a temporary folder)`);

  // The only npm configuration the children see: this registry, the throw-away token, the shared download cache.
  const userConfig = join(temporaryRoot, 'npmrc');
  const registryHost = registry.url.replace(/^https?:/, '');
  writeFileSync(
    userConfig,
    [
      `registry=${registry.url}`,
      `${registryHost}:_authToken=${registry.token}`,
      `cache=${npmCacheFolder}`,
      'prefer-online=true',
      'fund=false',
      'audit=false',
      'update-notifier=false',
      'loglevel=error',
      '',
    ].join('\n'),
  );
  const npmEnvironment = childEnvironment({ npm_config_userconfig: userConfig, npm_config_registry: registry.url });

  // `changeset publish` (the release workflow's publish step) runs `pnpm publish` in each package folder; so does this.
  // pnpm packs the package (workspace:* ranges become the versions) and hands the tarball to npm. One flag differs from
  // a release: provenance needs a CI provider's OIDC token, which a local run has not, and `pnpm publish -r` would
  // drop the flag, hence one call per package.
  const packages = listPublishablePackages(repositoryRoot);
  log(`publishing ${packages.length} packages with pnpm publish`);
  // Side by side: a registry takes packages in any order (npm resolves dependencies only at install time).
  await Promise.all(
    packages.map((entry) =>
      run(
        pnpm.command,
        [...pnpm.prefixArgs, 'publish', '--registry', registry.url, '--no-git-checks', '--provenance=false'],
        {
          cwd: join(repositoryRoot, entry.folder),
          env: npmEnvironment,
          timeoutSeconds: 300,
        },
      ),
    ),
  );

  const published: PublishedPackageReport[] = [];
  for (const entry of packages) {
    published.push(
      await checkPublishedPackage({ registryUrl: registry.url, folder: join(temporaryRoot, 'tarballs'), entry }),
    );
  }

  const mockEnvironment = (baseUrls: Record<string, string>) => {
    const variables: Record<string, string> = {};
    // Each vendor's own variables (`x-textgen-client.environmentPrefix`), as a user sets them.
    for (const vendor of vendors) {
      const baseUrl = baseUrls[vendor.id];
      if (baseUrl === undefined) throw new Error(`textgen-mock printed no base URL for ${vendor.id}.`);
      variables[`${vendor.environmentPrefix}_BASE_URL`] = baseUrl;
      variables[`${vendor.environmentPrefix}_API_KEY`] = throwAwayApiKey;
    }
    return variables;
  };

  const scratch = (scratchName: string, packageJson: Record<string, unknown>) => {
    const folder = join(temporaryRoot, scratchName);
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'package.json'),
      JSON.stringify({ name: scratchName, private: true, ...packageJson }, null, 2),
    );
    return folder;
  };
  const folderName = (folder: string) => folder.slice(temporaryRoot.length + 1);
  const installs: InstallReport[] = [];
  // The time limits only stop a hung command. On a machine shared by many jobs (load 50 on 2 cores) an install with a
  // warm cache was seen to take 8 minutes; alone, it takes seconds.
  const install = async (folder: string, requested: string[]) => {
    const result = await run('npm', ['install', '--registry', registry.url, '--no-audit', '--no-fund', ...requested], {
      cwd: folder,
      env: npmEnvironment,
      timeoutSeconds: 1200,
    });
    const installed = readdirSync(join(folder, 'node_modules', '@textgen')).map((entry) => `@textgen/${entry}`);
    installs.push({ folder: folderName(folder), requested, installed, seconds: result.seconds });
  };

  log('installing into empty scratch folders with plain npm');
  const mockFolder = scratch('mock-server', {});
  // One folder holds the ESM and the CommonJS app (.mjs and .cjs), the other the TypeScript app and its two configs.
  const jsFolder = scratch('js-app', {});
  const tsFolder = scratch('ts-app', { type: 'module' });
  // Installs run side by side: they wait on the network and the registry far more than on the CPU.
  await Promise.all([
    install(jsFolder, ['@textgen/sdk']),
    install(tsFolder, ['@textgen/sdk', `typescript@${typescriptVersion}`, `@types/node@${nodeTypesVersion}`]),
    install(mockFolder, ['@textgen/mocks']),
  ]);

  // `npm install @textgen/sdk` must bring exactly the sdk's own dependency tree: the vendors and core, and nothing the
  // sdk needs only for its tests (@textgen/mocks).
  const expectedWithSdk = ['@textgen/core', '@textgen/sdk', ...vendors.map((vendor) => vendor.packageName)].sort();
  for (const report of installs.filter((entry) => entry.requested[0] === '@textgen/sdk')) {
    if (JSON.stringify([...report.installed].sort()) !== JSON.stringify(expectedWithSdk)) {
      throw new Error(
        `${report.folder}: npm install @textgen/sdk brought ${report.installed.join(', ')}; expected ${expectedWithSdk.join(', ')}`,
      );
    }
  }

  log('starting textgen-mock from the installed @textgen/mocks');
  const mock = await startMockServer(mockFolder, childEnvironment({}));
  const appEnvironment = childEnvironment(mockEnvironment(mock.baseUrls));

  copyFileSync(join(appsFolder, 'app.mjs'), join(jsFolder, 'app.mjs'));
  copyFileSync(join(appsFolder, 'app.cjs'), join(jsFolder, 'app.cjs'));
  mkdirSync(join(tsFolder, 'src'));
  copyFileSync(join(appsFolder, 'app.ts'), join(tsFolder, 'src', 'app.ts'));
  // What the apps ask each vendor and what its spec says comes back, from the vendor registry.
  const appVendors = vendors.map((vendor) => ({
    ...smokeVendorPlan(vendor),
    packageName: vendor.packageName,
    factory: vendor.factory,
    answerText: vendor.answerText,
    streamTexts: vendor.streamTexts,
  }));
  writeFileSync(join(jsFolder, 'vendors.json'), `${JSON.stringify(appVendors, null, 2)}\n`);
  writeFileSync(
    join(tsFolder, 'src', 'vendors.ts'),
    `export const vendors = ${JSON.stringify(appVendors, null, 2)};\n`,
  );
  const typescriptConfigs = {
    node16: { module: 'Node16', moduleResolution: 'Node16', types: ['node'] },
    // What a browser bundle sees: the DOM library and no @types/node.
    bundler: { module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [] },
  };
  for (const [resolution, options] of Object.entries(typescriptConfigs)) {
    const compilerOptions = {
      strict: true,
      target: 'ES2022',
      skipLibCheck: false,
      rootDir: 'src',
      outDir: `out-${resolution}`,
      ...options,
    };
    writeFileSync(
      join(tsFolder, `tsconfig.${resolution}.json`),
      JSON.stringify({ compilerOptions, include: ['src'] }, null, 2),
    );
  }

  const apps: { name: string; how: string; seconds: number; output: string }[] = [];
  const runApp = async (appName: string, how: string, folder: string, args: string[]) => {
    const result = await run(process.execPath, args, { cwd: folder, env: appEnvironment, timeoutSeconds: 120 });
    // Each app prints one JSON object of answers; the summary shows the start of each.
    const answers = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, string>;
    const output = Object.entries(answers)
      .map(([key, text]) => `${key} ${JSON.stringify(text.length > 24 ? `${text.slice(0, 24)}...` : text)}`)
      .join(', ');
    apps.push({ name: appName, how, seconds: result.seconds, output });
  };
  log('running the apps against textgen-mock');
  await runApp('esm-app', 'node app.mjs (import)', jsFolder, ['app.mjs']);
  await runApp('cjs-app', 'node app.cjs (require)', jsFolder, ['app.cjs']);
  for (const resolution of Object.keys(typescriptConfigs)) {
    const tsc = await run(
      process.execPath,
      [join(tsFolder, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', `tsconfig.${resolution}.json`],
      {
        cwd: tsFolder,
        env: appEnvironment,
        timeoutSeconds: 300,
      },
    );
    const how = `tsc -p tsconfig.${resolution}.json (strict, ${tsc.seconds.toFixed(1)} s), then node out-${resolution}/app.js`;
    await runApp(`ts-${resolution}-app`, how, tsFolder, [`out-${resolution}/app.js`]);
  }

  log('running npx @textgen/cli demo from the registry');
  const npxFolder = scratch('npx-demo', {});
  const demo = await run('npx', ['--yes', '--registry', registry.url, '@textgen/cli', 'demo'], {
    cwd: npxFolder,
    env: npmEnvironment,
    timeoutSeconds: 1200,
  });
  apps.push({
    name: 'npx-demo',
    how: 'npx --yes @textgen/cli demo',
    seconds: demo.seconds,
    output: `${demo.stdout.split('\n').length} lines of demo output`,
  });

  printSummary({ published, installs, apps });
}

function printSummary(summary: {
  published: PublishedPackageReport[];
  installs: InstallReport[];
  apps: { name: string; how: string; seconds: number; output: string }[];
}): void {
  const lines: string[] = ['', 'release:check summary', ''];
  lines.push(`Packages published (${summary.published.length}):`);
  for (const entry of summary.published) {
    lines.push(
      `  ${entry.name}@${entry.version}  ${entry.files.length} files, ${(entry.tarballBytes / 1024).toFixed(1)} kB packed; dependencies: ${entry.dependencies}`,
    );
  }
  lines.push('', `Installs with plain npm (${summary.installs.length}):`);
  for (const entry of summary.installs) {
    lines.push(
      `  ${entry.folder}: npm install ${entry.requested.join(' ')} -> ${entry.installed.join(', ')} (${entry.seconds.toFixed(1)} s)`,
    );
  }
  lines.push('', `Apps run against textgen-mock (${summary.apps.length}):`);
  for (const entry of summary.apps)
    lines.push(`  ${entry.name}: ${entry.how}, ok in ${entry.seconds.toFixed(1)} s: ${entry.output}`);
  lines.push('', 'Tarball contents:');
  for (const entry of summary.published) {
    lines.push(`  ${entry.name}@${entry.version}:`);
    for (const file of entry.files) lines.push(`    ${file}`);
  }
  lines.push('', `release:check passed in ${((Date.now() - startedAt) / 1000).toFixed(0)} s.`);
  console.log(lines.join('\n'));
}

try {
  await main();
} catch (error) {
  console.error(`release:check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
