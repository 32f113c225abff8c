import { configDefaults, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

// The dist test needs a fresh build, so it runs on its own (`pnpm run test:dist`, see vitest.dist.config.mts).
// Type-level tests (*.test-d.ts) are never executed: typecheck mode runs tsc over them alongside the runtime tests,
// so a broken overload fails `vitest run` (they are in tsconfig.json's `include` too, so `pnpm typecheck` fails as well).
export default mergeConfig(sharedVitestConfig, {
  test: {
    exclude: [...configDefaults.exclude, 'test/dist.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
