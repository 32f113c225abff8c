import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root, two folders above this file. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface BuiltPackages {
  aitre: typeof import('@textgen/aitre');
  core: typeof import('@textgen/core');
}

/** The ESM entry of a built workspace package (what its `exports["."].import` points at). */
export function builtEntryPath(packageFolder: string): string {
  return join(repositoryRoot, 'packages', packageFolder, 'dist', 'index.mjs');
}

async function importBuilt<Module>(packageFolder: string): Promise<Module> {
  const entry = builtEntryPath(packageFolder);
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: build first with \`turbo run build --filter=@textgen/sdk...\` (or run \`pnpm bench\`).`);
  }
  // Imported by path: the root has no node_modules/@textgen, and the root tsconfig `paths` would point at src.
  return (await import(pathToFileURL(entry).href)) as Module;
}

/** The built dist output of the packages under test, never their src. */
export async function loadBuiltPackages(): Promise<BuiltPackages> {
  const [aitre, core] = await Promise.all([
    importBuilt<BuiltPackages['aitre']>('aitre'),
    importBuilt<BuiltPackages['core']>('core'),
  ]);
  return { aitre, core };
}
