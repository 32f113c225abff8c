import { defineConfig } from 'tsdown';
import { createPackageBuildConfig } from '../../tsdown.shared';

export default defineConfig({
  ...createPackageBuildConfig({ entry: { index: 'src/index.ts', internal: 'src/internal.ts' } }),
  // One output file per source file. Bundled, the two entries share a chunk, and rolldown's CommonJS output made that
  // chunk require internal.js back: a require cycle that left the error classes undefined when index.js loaded first
  // (test/dist.test.ts, "without a require cycle").
  unbundle: true,
});
