import { configDefaults, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

// The dist tests (the package through require()/import(), the CLI and the demo as child processes) need a fresh build,
// so they run on their own (`pnpm run test:dist`, see vitest.dist.config.mts).
export default mergeConfig(sharedVitestConfig, {
  test: { exclude: [...configDefaults.exclude, 'test/*dist.test.ts'] },
});
