/** The freshness check must see every kind of drift in every generated folder, and nothing outside them. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChangedGeneratedFiles } from '../find-changed-generated-files';

// Folders of packages that do not exist yet: the check must cover a package added later without being told about it.
const generatedFolders = [
  'packages/first-vendor/src/generated',
  'packages/mocks/src/generated',
  'packages/added-later/src/generated',
];

let repository: string;

function git(...parameters: string[]): void {
  execFileSync('git', parameters, { cwd: repository, stdio: 'ignore' });
}

function write(path: string, text: string): void {
  mkdirSync(join(repository, path, '..'), { recursive: true });
  writeFileSync(join(repository, path), text);
}

beforeEach(() => {
  repository = mkdtempSync(join(tmpdir(), 'textgen-generated-check-'));
  git('init', '-q');
  for (const folder of generatedFolders) write(`${folder}/committed.ts`, 'export {};\n');
  write('packages/core/src/hand-written.ts', 'export {};\n');
  git('add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', 'fixture');
});

afterEach(() => rmSync(repository, { recursive: true, force: true }));

describe('findChangedGeneratedFiles', () => {
  it('reports nothing for a clean tree', () => {
    expect(findChangedGeneratedFiles(repository)).toEqual([]);
  });

  it.each(generatedFolders.map((folder) => ({ folder })))(
    'sees a modified, a deleted and a new file in $folder',
    ({ folder }) => {
      write(`${folder}/committed.ts`, 'export const changed = 1;\n');
      expect(findChangedGeneratedFiles(repository)).toEqual([`${folder}/committed.ts`]);
      unlinkSync(join(repository, folder, 'committed.ts'));
      expect(findChangedGeneratedFiles(repository)).toEqual([`${folder}/committed.ts`]);
      git('checkout', '-q', '--', `${folder}/committed.ts`);
      write(`${folder}/nested/new-file.json`, '{}\n');
      expect(findChangedGeneratedFiles(repository)).toEqual([`${folder}/nested/new-file.json`]);
    },
  );

  it('ignores changes outside the generated folders', () => {
    write('packages/core/src/hand-written.ts', 'export const edited = 1;\n');
    expect(findChangedGeneratedFiles(repository)).toEqual([]);
  });
});
