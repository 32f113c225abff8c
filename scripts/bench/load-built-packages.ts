import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchmarkVendor } from './benchmark-vendor';

/** The repository root, two folders above this file. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface BuiltPackages {
  /** The benchmark vendor's package (benchmark-vendor.ts): its client factory is read by name. */
  vendor: Record<string, unknown>;
  core: typeof import('@textgen/core');
}

/** The ESM entry of a built workspace package (what its `exports["."].import` points at). */
export function builtEntryPath(packageFolder: string): string {
  return join(repositoryRoot, 'packages', packageFolder, 'dist', 'index.mjs');
}

async function importBuilt<Module>(packageFolder: string): Promise<Module> {
  const entry = builtEntryPath(packageFolder);
  if (!existsSync(entry)) {
    throw new Error(
      `${entry} is missing: build first with \`turbo run build --filter=@textgen/sdk...\` (or run \`pnpm bench\`).`,
    );
  }
  // Imported by path: the root has no node_modules/@textgen, and the root tsconfig `paths` would point at src.
  return (await import(pathToFileURL(entry).href)) as Module;
}

/** The built dist output of the packages under test, never their src. */
export async function loadBuiltPackages(): Promise<BuiltPackages> {
  const [vendor, core] = await Promise.all([
    importBuilt<BuiltPackages['vendor']>(benchmarkVendor.id),
    importBuilt<BuiltPackages['core']>('core'),
  ]);
  return { vendor, core };
}

/** Our client for the benchmark vendor, from its built package's factory (`x-textgen-client.factory`). */
export function createOurClient(packages: BuiltPackages, options: Record<string, unknown>): unknown {
  const factory = packages.vendor[benchmarkVendor.factory];
  if (typeof factory !== 'function')
    throw new Error(`${benchmarkVendor.packageName} dist exports no ${benchmarkVendor.factory}().`);
  return (factory as (options: Record<string, unknown>) => unknown)(options);
}
