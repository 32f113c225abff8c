/**
 * A fifth vendor, added the way CONTRIBUTING.md says, in a scratch checkout of HEAD: `pnpm new-vendor` from the
 * fixture spec, then `pnpm generate`. It must change nothing but the new spec, the new package and the generated
 * registry; then the new package is built and its client, its facade provider and the mock serving its spec are run
 * against each other.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repositoryRoot } from '../../read-vendor-specs';

const fixture = join(repositoryRoot, 'scripts', 'new-vendor', 'test', 'fixtures', 'fifth-vendor.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'textgen-fifth-vendor-'));
const checkout = join(scratch, 'repository');

function run(command: string, parameters: string[], options: { cwd?: string } = {}): string {
  return execFileSync(command, parameters, {
    cwd: options.cwd ?? checkout,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

let changedBeforeInstall: string[] = [];
let created: string[] = [];

beforeAll(() => {
  run('git', ['worktree', 'add', '--detach', checkout, 'HEAD'], { cwd: repositoryRoot });
  // The store on this machine has every package; --offline keeps the install from reaching the network.
  run('pnpm', ['install', '--offline', '--frozen-lockfile']);
  const output = run('pnpm', [
    'run',
    '--silent',
    'new-vendor',
    'fifth-vendor',
    '--spec',
    fixture,
    '--title',
    'Fifth Vendor',
  ]);
  created = output
    .split('\n')
    .filter((line) => line.startsWith('created '))
    .map((line) => line.slice('created '.length));
  changedBeforeInstall = run('git', ['status', '--porcelain', '--untracked-files=all'])
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.slice(3));
  // The new package joins the workspace: pnpm records it in the lockfile and links its dependencies. A new importer
  // makes pnpm resolve the workspace's peer dependencies again, which needs the registry's metadata of those packages
  // (typescript, for one). The install above, from the lockfile, never fetches metadata, so a fresh machine has none
  // cached and `--offline` fails there (ERR_PNPM_NO_OFFLINE_META); `--prefer-offline` takes what the cache holds and
  // fetches the rest from the registry, as any `pnpm install` after `pnpm new-vendor` does. Packages still come from
  // the store.
  run('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile']);
  run('pnpm', [
    'exec',
    'turbo',
    'run',
    'build',
    '--filter=@textgen/fifth-vendor...',
    '--filter=@textgen/sdk...',
    '--filter=@textgen/mocks...',
    '--output-logs=errors-only',
  ]);
}, 600_000);

afterAll(() => {
  execFileSync('git', ['worktree', 'remove', '--force', checkout], { cwd: repositoryRoot, stdio: 'ignore' });
  rmSync(scratch, { recursive: true, force: true });
});

describe('a fifth vendor from pnpm new-vendor', () => {
  it('changes only the new spec, the new package and the generated registry', () => {
    const outside = changedBeforeInstall.filter(
      (path) =>
        path !== 'specs/fifth-vendor.yaml' &&
        !path.startsWith('packages/fifth-vendor/') &&
        path !== 'packages/mocks/src/generated/vendor-registry.ts',
    );
    expect(outside).toEqual([]);
    expect(changedBeforeInstall).toContain('specs/fifth-vendor.yaml');
    expect(changedBeforeInstall).toContain('packages/mocks/src/generated/vendor-registry.ts');
    expect(changedBeforeInstall).toContain('packages/fifth-vendor/src/generated/fifth-vendor-client.ts');
    expect(created).toContain('packages/fifth-vendor/src/fifth-vendor-provider.ts');
    // What `pnpm check:release-files` asks of every published package, so the new one ships like the others.
    for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md'])
      expect(created).toContain(`packages/fifth-vendor/${file}`);
  });

  it("passes the new package's own tests against the mock", () => {
    // vitest colours its summary whatever the environment says; the escape codes are taken out before reading it.
    const output = run('pnpm', ['--filter', '@textgen/fifth-vendor', 'test']).replace(/\x1b\[[0-9;]*m/g, '');
    expect(output).toMatch(/Tests\s+3 passed \(3\)/);
    expect(output).not.toMatch(/failed/);
  });

  it('runs the built client, its facade provider and the mock against each other', () => {
    const spec = parse(readFileSync(fixture, 'utf8')) as {
      paths: Record<
        string,
        { post: { responses: { 200: { content: Record<string, { examples: Record<string, { value: unknown }> }> } } } }
      >;
    };
    const content = spec.paths['/generate']!.post.responses[200].content;
    const answer = content['application/json']!.examples['basic-answer']!.value as { text: string; id: string };
    const streamed = String(content['application/x-ndjson']!.examples['basic-stream-answer']!.value)
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { text: string }).text)
      .join('');
    const program = join(checkout, 'packages', 'fifth-vendor', 'run-fifth-vendor.mjs');
    writeFileSync(
      program,
      // The built entries by path: the scratch program belongs to no package, so it has no node_modules of its own.
      `const built = (name) => import(new URL(\`../\${name}/dist/index.mjs\`, import.meta.url).href);
const { startMockHttpServer } = await built('mocks');
const { createTextgen } = await built('sdk');
const { createFifthVendor, fifthVendorProvider } = await built('fifth-vendor');
const server = await startMockHttpServer({ port: 0, streamChunkDelayMs: 0 });
try {
  const options = { apiKey: 'fifth-key', baseURL: server.baseUrls['fifth-vendor'], logLevel: 'off' };
  const client = createFifthVendor(options);
  const { data, requestId } = await client.generations.create({ model: 'example-model', prompt: 'Hello' }).withResponse();
  let streamedText = '';
  for await (const chunk of await client.generations.create({ model: 'example-model', prompt: 'Hello', stream: true })) streamedText += chunk.text;
  const textgen = createTextgen({ providers: { 'fifth-vendor': fifthVendorProvider }, 'fifth-vendor': options });
  const facade = await textgen.generateText({ provider: 'fifth-vendor', model: 'example-model', prompt: 'Hello' });
  const stream = textgen.streamText({ provider: 'fifth-vendor', model: 'example-model', prompt: 'Hello' });
  let facadeStreamed = '';
  for await (const text of stream.textStream) facadeStreamed += text;
  console.log(JSON.stringify({ text: data.text, requestId, streamedText, facadeText: facade.text, facadeRequestId: facade.requestId, facadeStreamed }));
} finally {
  await server.close();
}
`,
    );
    const result = JSON.parse(
      run('node', [program], { cwd: join(checkout, 'packages', 'fifth-vendor') })
        .trim()
        .split('\n')
        .at(-1)!,
    ) as Record<string, unknown>;
    expect(result).toMatchObject({
      text: answer.text,
      requestId: answer.id,
      streamedText: streamed,
      facadeText: answer.text,
      facadeRequestId: answer.id,
      facadeStreamed: streamed,
    });
  });
});
