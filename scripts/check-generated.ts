/**
 * Fails when a generated file is stale: it regenerates everything and asks git whether anything changed.
 * `openapi-typescript --check` is unreliable with several APIs (DESIGN.md), so we compare against the committed files.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const generatedPaths = ['packages/*/src/generated'];

execFileSync(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'scripts', 'generate.ts')], {
  cwd: repositoryRoot,
  stdio: 'inherit',
});

// --porcelain lists modified, deleted and untracked files alike, so a new spec without committed output fails too.
const status = execFileSync('git', ['status', '--porcelain', '--', ...generatedPaths], {
  cwd: repositoryRoot,
  encoding: 'utf8',
});
if (status.trim() !== '') {
  const diff = execFileSync('git', ['diff', '--stat', '--', ...generatedPaths], { cwd: repositoryRoot, encoding: 'utf8' });
  console.error(`Generated files are stale. Run \`pnpm generate\` and commit the result.\n${status}${diff}`);
  process.exit(1);
}
console.log('Generated files are fresh.');
