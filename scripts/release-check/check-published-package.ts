import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishablePackage } from '../find-release-file-problems';

export interface PublishedPackageReport {
  name: string;
  version: string;
  /** The tarball's entries without npm's `package/` prefix, sorted. */
  files: string[];
  tarballBytes: number;
  /** The published `dependencies`, as `name@range`, to show that workspace:* became a version. */
  dependencies: string;
}

interface PublishedManifest {
  version: string;
  main?: string;
  module?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: unknown;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  dist?: { tarball?: string };
}

/** What a tarball may hold: the build, the three documents, and package.json. */
const allowedEntry = /^(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
const requiredEntries = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

function collectExportTargets(node: unknown, into: string[] = []): string[] {
  if (typeof node === 'string') into.push(node);
  else if (typeof node === 'object' && node !== null)
    for (const value of Object.values(node)) collectExportTargets(value, into);
  return into;
}

/**
 * Reads one package back from the registry as npm would see it and checks it: the version is there, no `workspace:`
 * range survived, the tarball holds only the allowed files, and every entry point the manifest names is inside it.
 */
export async function checkPublishedPackage(options: {
  registryUrl: string;
  folder: string;
  entry: PublishablePackage;
}): Promise<PublishedPackageReport> {
  const { name, version } = options.entry.manifest;
  if (name === undefined || version === undefined)
    throw new Error(`${options.entry.folder}/package.json has no name or version`);
  const documentUrl = new URL(name.replace('/', '%2f'), options.registryUrl);
  const documentResponse = await fetch(documentUrl);
  if (!documentResponse.ok) throw new Error(`${name} is not on the local registry (HTTP ${documentResponse.status})`);
  const document = (await documentResponse.json()) as { versions?: Record<string, PublishedManifest> };
  const manifest = document.versions?.[version];
  if (manifest === undefined) throw new Error(`${name}@${version} was not published`);

  const problems: string[] = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (range.startsWith('workspace:')) problems.push(`${field}.${dependency} is still "${range}"`);
    }
  }

  const tarballUrl = manifest.dist?.tarball;
  if (tarballUrl === undefined) throw new Error(`${name}@${version} has no dist.tarball`);
  const tarballResponse = await fetch(tarballUrl);
  if (!tarballResponse.ok)
    throw new Error(`${name}@${version}: tarball download failed (HTTP ${tarballResponse.status})`);
  const tarball = Buffer.from(await tarballResponse.arrayBuffer());
  mkdirSync(options.folder, { recursive: true });
  const tarballPath = join(options.folder, `${name.replace('/', '-').replace('@', '')}-${version}.tgz`);
  writeFileSync(tarballPath, tarball);
  const files = execFileSync('tar', ['-tzf', tarballPath], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''))
    .sort();

  for (const file of files)
    if (!allowedEntry.test(file)) problems.push(`the tarball holds ${file}, which is not published`);
  for (const file of requiredEntries) if (!files.includes(file)) problems.push(`the tarball lacks ${file}`);
  const entryPoints = [
    manifest.main,
    manifest.module,
    manifest.types,
    ...Object.values(manifest.bin ?? {}),
    ...collectExportTargets(manifest.exports),
  ].filter((target): target is string => target !== undefined);
  for (const target of entryPoints) {
    const file = target.replace(/^\.\//, '');
    if (!files.includes(file)) problems.push(`package.json names ${target}, which is not in the tarball`);
  }

  if (problems.length > 0) throw new Error(`${name}@${version} as published:\n  ${problems.join('\n  ')}`);
  return {
    name,
    version,
    files,
    tarballBytes: tarball.length,
    dependencies: Object.entries(manifest.dependencies ?? {})
      .map(([dependency, range]) => `${dependency}@${range}`)
      .join(', '),
  };
}
