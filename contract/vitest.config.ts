import { defineConfig } from 'vitest/config';
import { sourceAliases } from '../vitest.config.ts';

// `pnpm test:contract` (against the mock) and `pnpm test:contract:live` (through run-live-contract.ts) run these
// suites; the source aliases of the root vitest.config.ts resolve @textgen/* to the packages' sources, as in the
// package tests.
export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.contract.test.ts', '**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 60_000,
  },
});
