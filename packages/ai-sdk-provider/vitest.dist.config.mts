import { defineConfig } from 'vitest/config';

// Runs only the dist tests, against the built packages (no source aliases). turbo builds them first; the global setup
// names any that are missing.
export default defineConfig({
  test: {
    include: ['test/*dist.test.ts'],
    globalSetup: ['test/support/require-built-packages.ts'],
    testTimeout: 30_000,
  },
});
