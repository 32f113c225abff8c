import { defineConfig } from 'vitest/config';

// The browser test builds nothing itself (the `test` script runs build-docs.ts first); it serves docs/site and drives
// Debian chromium, which can take several seconds per page on the 2-core CI machine, hence the generous timeouts.
// vitest only reads a default export.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // One browser at a time: Chromium parses a 2.3 MB Redoc bundle per page.
    fileParallelism: false,
    // Redoc renders an operation's section a few seconds after the click on a busy 2-core machine; expect.poll's
    // default of 1 s failed there while the page was fine.
    expect: { poll: { timeout: 15_000 } },
  },
});
