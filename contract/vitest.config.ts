import { mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../vitest.shared.ts';

// `pnpm test:contract` (against the mock) and `pnpm test:contract:live` (through run-live-contract.ts) run these
// suites; the source aliases of vitest.shared.ts resolve @textgen/* to the packages' sources, as in the package tests.
export default mergeConfig(sharedVitestConfig, {
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.contract.test.ts', '**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 60_000,
  },
});
