import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packageNames = ['core', 'wetrocloud', 'edenai', 'worqhat', 'aitre', 'mocks', 'sdk', 'cli'] as const;

// Tests run against the TypeScript sources of sibling packages, so a change in core is seen by every vendor test
// without a build step. The built dist/ is exercised separately by each package's dist test.
const sourceAliases = {
  // Subpath entries come first: an alias also matches `<name>/<subpath>`, so `@textgen/sdk` would take them over.
  '@textgen/sdk/adapters': fileURLToPath(new URL('./packages/sdk/src/adapters.ts', import.meta.url)),
  '@textgen/core/internal': fileURLToPath(new URL('./packages/core/src/internal.ts', import.meta.url)),
  '@textgen/mocks/testing': fileURLToPath(new URL('./packages/mocks/src/testing/index.ts', import.meta.url)),
  ...Object.fromEntries(
    packageNames.map((name) => [
      `@textgen/${name}`,
      fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
    ]),
  ),
};

export const sharedVitestConfig = defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    unstubEnvs: true,
    restoreMocks: true,
  },
});
