import { configDefaults, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

// The dist tests (the built CLI and the demo as child processes) need a fresh build, so they run on their own
// (`pnpm run test:dist`, see vitest.dist.config.mts). The other tests run the CLI in-process against the sources.
export default mergeConfig(sharedVitestConfig, {
  test: { exclude: [...configDefaults.exclude, 'test/*dist.test.ts'] },
});
