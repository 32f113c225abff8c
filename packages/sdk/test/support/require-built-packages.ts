import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The dist test loads the built sdk, which imports the other packages through their dist/ (package.json "exports"),
// and serves requests with the built mocks. turbo builds them before `test` (turbo.json: test depends on build and
// ^build); run by hand without a build, say so instead of failing obscurely.
const packageNames = ['core', 'wetrocloud', 'edenai', 'worqhat', 'aitre', 'mocks', 'sdk'];

export function setup(): void {
  const missing = packageNames.filter(
    (name) => !existsSync(fileURLToPath(new URL(`../../../${name}/dist/index.mjs`, import.meta.url))),
  );
  if (missing.length > 0) {
    throw new Error(
      `The dist tests need built packages; missing: ${missing.join(', ')}. Run \`pnpm build\` at the repository root first.`,
    );
  }
}
