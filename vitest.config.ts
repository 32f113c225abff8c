import { defineConfig } from 'vitest/config';

// Root-level tests cover the pipeline itself (scripts/): the generated files against the specs.
export default defineConfig({
  test: { include: ['scripts/test/**/*.test.ts'], testTimeout: 60_000 },
});
