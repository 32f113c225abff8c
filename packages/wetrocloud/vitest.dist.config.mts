import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs only the dist test, against the built package: `pnpm run test:dist` builds first. Only the mock server is
// aliased to its sources (it is a test tool, not a dependency); @textgen/core resolves to its real package, as for users.
export default defineConfig({
  resolve: { alias: { '@textgen/mocks': fileURLToPath(new URL('../mocks/src/index.ts', import.meta.url)) } },
  test: { include: ['test/dist.test.ts'], testTimeout: 20_000 },
});
