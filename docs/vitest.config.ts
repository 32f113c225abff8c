import { defineConfig } from 'vitest/config';

// The browser test builds nothing itself (the `test` script runs build-docs.ts first); it serves docs/site and drives
// Debian chromium, which can take several seconds per page on the 2-core CI machine, hence the generous timeouts.
// vitest only reads a default export.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // One browser at a time: each Redoc page holds a 2.5 MB inline bundle.
    fileParallelism: false,
  },
});
