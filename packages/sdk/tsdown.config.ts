import { defineConfig } from 'tsdown';
import { createPackageBuildConfig } from '../../tsdown.shared';

export default defineConfig(
  createPackageBuildConfig({ entry: { index: 'src/index.ts', adapters: 'src/adapters.ts' } }),
);
