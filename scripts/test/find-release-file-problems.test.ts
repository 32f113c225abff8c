import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  findReleaseFileProblems,
  listPublishablePackages,
  publishedFiles,
  repositoryUrl,
} from '../find-release-file-problems';
import { vendorIds } from '../../packages/mocks/src/generated/vendor-registry';
import { repositoryRoot } from './read-source-spec';

const license = 'MIT License\n\nCopyright (c) 2026 textgen contributors\n';
const temporaryRoots: string[] = [];

afterEach(() => {
  for (const root of temporaryRoots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function readyManifest(folder: string): Record<string, unknown> {
  return {
    name: '@textgen/example',
    version: '1.2.3',
    files: [...publishedFiles],
    repository: { type: 'git', url: repositoryUrl, directory: folder },
    bin: { example: './bin/example.mjs' },
    publishConfig: { access: 'public', provenance: true, bin: { example: './dist/bin/example.mjs' } },
  };
}

/** A repository with one package that has everything a release needs; `change` then breaks one thing. */
function makeRepository(change: (packageFolder: string, manifest: Record<string, unknown>) => void = () => {}): string {
  const root = mkdtempSync(join(tmpdir(), 'release-files-'));
  temporaryRoots.push(root);
  writeFileSync(join(root, 'LICENSE'), license);
  const packageFolder = join(root, 'packages', 'example');
  mkdirSync(packageFolder, { recursive: true });
  writeFileSync(join(packageFolder, 'LICENSE'), license);
  writeFileSync(join(packageFolder, 'CHANGELOG.md'), '# @textgen/example\n\n## 1.2.3\n\n- First release.\n');
  const manifest = readyManifest('packages/example');
  change(packageFolder, manifest);
  writeFileSync(join(packageFolder, 'package.json'), JSON.stringify(manifest));
  // A private package is never published and is not checked.
  mkdirSync(join(root, 'packages', 'internal'));
  writeFileSync(
    join(root, 'packages', 'internal', 'package.json'),
    JSON.stringify({ name: 'internal', private: true }),
  );
  return root;
}

describe('findReleaseFileProblems', () => {
  it('accepts a package that has every release file and setting', () => {
    expect(findReleaseFileProblems(makeRepository())).toEqual([]);
  });

  it('reports a LICENSE copy that differs from the root one, and --write refreshes it', () => {
    let packageFolder = '';
    const root = makeRepository((folder) => {
      packageFolder = folder;
      writeFileSync(join(folder, 'LICENSE'), 'MIT License\n\nCopyright (c) 2025 someone else\n');
    });
    expect(findReleaseFileProblems(root)).toEqual([
      'packages/example/LICENSE is missing or differs from the root LICENSE. Run `pnpm check:release-files --write`.',
    ]);
    expect(findReleaseFileProblems(root, { write: true })).toEqual([]);
    expect(readFileSync(join(packageFolder, 'LICENSE'), 'utf8')).toBe(license);
  });

  it('reports a CHANGELOG without an entry for the current version', () => {
    const root = makeRepository((_packageFolder, manifest) => {
      manifest.version = '2.0.0';
    });
    expect(findReleaseFileProblems(root)).toEqual([
      'packages/example/CHANGELOG.md has no "## 2.0.0" entry for the package\'s version.',
    ]);
  });

  it('reports extra published files, a missing provenance setting and a bin that points outside dist', () => {
    const root = makeRepository((_packageFolder, manifest) => {
      manifest.files = [...publishedFiles, 'bin'];
      manifest.publishConfig = { access: 'public' };
    });
    const problems = findReleaseFileProblems(root);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('"files" must be exactly');
    expect(problems[1]).toContain('"provenance": true');
    expect(problems[2]).toContain('"publishConfig.bin.example" must point into ./dist/');
  });
});

describe('the repository itself', () => {
  it('publishes the shared packages and one package per vendor of the registry, each ready for a release', () => {
    const names = listPublishablePackages(repositoryRoot).map((entry) => entry.manifest.name);
    const sharedPackages = [
      '@textgen/ai-sdk-provider',
      '@textgen/cli',
      '@textgen/core',
      '@textgen/mocks',
      '@textgen/sdk',
    ];
    const vendorPackages = vendorIds.map((vendor) => `@textgen/${vendor}`);
    expect(names.sort()).toEqual([...sharedPackages, ...vendorPackages].sort());
    expect(findReleaseFileProblems(repositoryRoot)).toEqual([]);
  });
});
