import { defineConfig } from 'vitest/config';

// `pnpm test:new-vendor`: a scratch checkout, installs from the local store and a build, so it runs on its own,
// not in `pnpm test`.
export default defineConfig({
  test: { include: ['scripts/new-vendor/test/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 900_000 },
});
