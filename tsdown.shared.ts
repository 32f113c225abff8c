import type { UserConfig } from 'tsdown';

/**
 * One build shape for every package: ESM (.mjs) + CJS (.cjs) + declarations.
 * The packages are not "type": "module" on purpose: with it, tsdown's CJS output calls
 * `openapi_fetch.default(...)` and breaks at runtime (docs/architecture.md, toolchain pitfall 1). Each package keeps a
 * dist test that
 * require()s and import()s the build and makes a real call.
 */
export function createPackageBuildConfig(options: { entry: Record<string, string> }): UserConfig {
  return {
    entry: options.entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    platform: 'neutral',
    target: 'es2022',
    // rolldown warns when plugins (dts generation, mostly) take a large share of a build; on a busy 2-core machine that
    // is every build, and the lines bury real warnings. Build speed is measured by benchmarks, not by build logs.
    checks: { pluginTimings: false },
  };
}
