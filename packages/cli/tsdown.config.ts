import { defineConfig } from 'tsdown';
import { createPackageBuildConfig } from '../../tsdown.shared';

export default defineConfig({
  // The CLI is an ESM-only entry (bin/textgen.mjs imports dist/bin/textgen.mjs); its shebang comes from the source.
  ...createPackageBuildConfig({ entry: { index: 'src/index.ts', 'bin/textgen': 'src/bin/textgen.ts' } }),
  // The CLI and the demo run only on Node; builtins stay external instead of being resolved for the neutral platform.
  deps: { neverBundle: [/^node:/] },
});
