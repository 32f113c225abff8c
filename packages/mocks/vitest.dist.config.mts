import { defineConfig } from 'vitest/config';

// Runs only the dist test, against the built package and bin (no source aliases): `pnpm run test:dist` builds first.
export default defineConfig({
  test: { include: ['test/dist.test.ts'], testTimeout: 20_000 },
});
