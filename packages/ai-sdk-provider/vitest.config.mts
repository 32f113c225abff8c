import { configDefaults, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

// The dist test (the package through require()/import(), against a loopback mock server) needs a fresh build,
// so it runs on its own (`pnpm run test:dist`, see vitest.dist.config.mts).
export default mergeConfig(sharedVitestConfig, {
  test: {
    exclude: [...configDefaults.exclude, 'test/*dist.test.ts'],
    setupFiles: ['test/support/silence-ai-sdk-warnings.ts'],
  },
});
