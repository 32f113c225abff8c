/**
 * Fails when a publishable package would ship without what every release carries: its LICENSE copy (identical to the
 * root one), a CHANGELOG entry for its version, the agreed "files", publishConfig and repository. `--write` refreshes
 * the LICENSE copies from the root file first.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findReleaseFileProblems } from './find-release-file-problems';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const write = process.argv.slice(2).includes('--write');

const problems = findReleaseFileProblems(repositoryRoot, { write });
if (problems.length > 0) {
  console.error(`Release files are not ready:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  process.exit(1);
}
console.log('Release files are ready: every publishable package has its LICENSE, CHANGELOG.md and publish settings.');
