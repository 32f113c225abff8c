import { execFileSync } from 'node:child_process';
import { vendorIds } from './vendors';

/**
 * The folders generate.ts writes into. Literal folders, not a glob: a git pathspec such as `packages/*\/src/generated`
 * matches only that exact path, never the files inside it, and would report every stale file as fresh.
 */
export const generatedFolders: readonly string[] = [
  ...vendorIds.map((vendor) => `packages/${vendor}/src/generated`),
  'packages/mocks/src/generated',
];

/** Generated files that differ from the commit: modified, deleted or untracked (`git status --porcelain`). */
export function findChangedGeneratedFiles(repositoryRoot: string): string[] {
  const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ...generatedFolders], {
    cwd: repositoryRoot,
    encoding: 'utf8',
  });
  return status
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.slice(3));
}
