import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs only the dist test, against the built package: `pnpm run test:dist` builds first. Only @textgen/mocks is
// aliased to its sources (it is a test tool, not a dependency); @textgen/core resolves as a user's install would,
// to its own dist/.
export default defineConfig({
  resolve: { alias: { '@textgen/mocks': fileURLToPath(new URL('../mocks/src/index.ts', import.meta.url)) } },
  test: { include: ['test/dist.test.ts'], testTimeout: 20_000 },
});
