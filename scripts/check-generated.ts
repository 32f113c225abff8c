/**
 * Fails when a generated file is stale: it regenerates everything and asks git whether anything changed.
 * `openapi-typescript --check` is unreliable with several APIs (docs/architecture.md, toolchain pitfalls), so we
 * compare against the committed files.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChangedGeneratedFiles } from './find-changed-generated-files';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

execFileSync(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'scripts', 'generate.ts')], {
  cwd: repositoryRoot,
  stdio: 'inherit',
});

const changed = findChangedGeneratedFiles(repositoryRoot);
if (changed.length > 0) {
  console.error(
    `Generated files are stale. Run \`pnpm generate\` and commit the result:\n${changed.map((file) => `  ${file}`).join('\n')}`,
  );
  process.exit(1);
}
console.log('Generated files are fresh.');
