import { execFileSync } from 'node:child_process';

/**
 * Where generate.ts writes: every package's `src/generated/` folder. The `:(glob)` magic makes `**` match the files
 * inside; a plain pathspec `packages/*\/src/generated` would match only that exact path and report stale files as
 * fresh.
 */
export const generatedPathspec = ':(glob)packages/*/src/generated/**';

/** Generated files that differ from the commit: modified, deleted or untracked (`git status --porcelain`). */
export function findChangedGeneratedFiles(repositoryRoot: string): string[] {
  const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', generatedPathspec], {
    cwd: repositoryRoot,
    encoding: 'utf8',
  });
  return status
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.slice(3));
}
