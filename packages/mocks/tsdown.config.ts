import { defineConfig } from 'tsdown';
import { createPackageBuildConfig } from '../../tsdown.shared';

export default defineConfig({
  ...createPackageBuildConfig({
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', 'bin/textgen-mock': 'src/bin/textgen-mock.ts' },
  }),
  // The mocks run only on Node (node:http, msw/node). Builtins are declared external so the neutral platform of the
  // shared config does not try to resolve them (it would warn and then externalize them anyway).
  deps: { neverBundle: [/^node:/] },
});
