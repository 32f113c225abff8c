import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root, two folders above this file. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export type BuiltPackageName = 'aitre' | 'core' | 'mocks';

export interface BuiltPackages {
  aitre: typeof import('@textgen/aitre');
  core: typeof import('@textgen/core');
  mocks: typeof import('@textgen/mocks');
}

/** The ESM entry of a built workspace package (what its `exports["."].import` points at). */
export function builtEntryPath(packageName: BuiltPackageName): string {
  return join(repositoryRoot, 'packages', packageName, 'dist', 'index.mjs');
}

async function importBuilt<Module>(packageName: BuiltPackageName): Promise<Module> {
  const entry = builtEntryPath(packageName);
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: build first with \`turbo run build --filter=@textgen/aitre...\` (or run \`pnpm bench\`).`);
  }
  // Imported by path: the root has no node_modules/@textgen, and the root tsconfig `paths` would point at src.
  return (await import(pathToFileURL(entry).href)) as Module;
}

/** The built dist output of the packages under test, never their src. */
export async function loadBuiltPackages(): Promise<BuiltPackages> {
  const [aitre, core, mocks] = await Promise.all([
    importBuilt<BuiltPackages['aitre']>('aitre'),
    importBuilt<BuiltPackages['core']>('core'),
    importBuilt<BuiltPackages['mocks']>('mocks'),
  ]);
  return { aitre, core, mocks };
}
