import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What every published tarball holds besides package.json (npm adds that one itself). Anything else, such as the
 * committed bin shims or the tests, stays in the repository.
 */
export const publishedFiles: readonly string[] = ['dist', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/** The repository the package.json files point to; the READMEs link its pages with absolute URLs. */
export const repositoryUrl = 'git+https://github.com/textgen/textgen.git';

interface PackageManifest {
  name?: string;
  version?: string;
  private?: boolean;
  files?: unknown;
  bin?: Record<string, string>;
  repository?: { url?: string; directory?: string };
  publishConfig?: { access?: unknown; provenance?: unknown; bin?: Record<string, string> };
}

export interface PublishablePackage {
  folder: string;
  manifest: PackageManifest;
}

/** The non-private packages under packages/: the ones a release publishes. */
export function listPublishablePackages(repositoryRoot: string): PublishablePackage[] {
  const packagesFolder = join(repositoryRoot, 'packages');
  return readdirSync(packagesFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesFolder, entry.name, 'package.json')))
    .map((entry) => {
      const folder = join('packages', entry.name);
      const manifest = JSON.parse(
        readFileSync(join(repositoryRoot, folder, 'package.json'), 'utf8'),
      ) as PackageManifest;
      return { folder, manifest };
    })
    .filter((entry) => entry.manifest.private !== true);
}

/**
 * Each package carries a copy of the root LICENSE, because npm packs only files inside the package folder. `write`
 * refreshes the copies; otherwise a missing or stale copy is reported, so the copies cannot drift from the root file.
 */
export function findReleaseFileProblems(repositoryRoot: string, options: { write?: boolean } = {}): string[] {
  const problems: string[] = [];
  const rootLicensePath = join(repositoryRoot, 'LICENSE');
  if (!existsSync(rootLicensePath)) return ['LICENSE is missing at the repository root.'];
  const rootLicense = readFileSync(rootLicensePath, 'utf8');

  for (const { folder, manifest } of listPublishablePackages(repositoryRoot)) {
    const name = manifest.name ?? folder;
    const licensePath = join(repositoryRoot, folder, 'LICENSE');
    if (options.write === true) copyFileSync(rootLicensePath, licensePath);
    if (!existsSync(licensePath) || readFileSync(licensePath, 'utf8') !== rootLicense) {
      problems.push(
        `${folder}/LICENSE is missing or differs from the root LICENSE. Run \`pnpm check:release-files --write\`.`,
      );
    }

    const changelogPath = join(repositoryRoot, folder, 'CHANGELOG.md');
    const changelog = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : undefined;
    if (changelog === undefined) {
      problems.push(`${folder}/CHANGELOG.md is missing. Add one headed "# ${name}" (changesets appends to it).`);
    } else if (!changelog.includes(`## ${manifest.version ?? ''}\n`)) {
      problems.push(`${folder}/CHANGELOG.md has no "## ${manifest.version ?? ''}" entry for the package's version.`);
    }

    const files = Array.isArray(manifest.files) ? (manifest.files as unknown[]) : [];
    if (files.length !== publishedFiles.length || publishedFiles.some((file) => !files.includes(file))) {
      problems.push(`${folder}/package.json "files" must be exactly ${JSON.stringify(publishedFiles)}.`);
    }

    if (manifest.publishConfig?.access !== 'public' || manifest.publishConfig.provenance !== true) {
      problems.push(`${folder}/package.json needs "publishConfig": { "access": "public", "provenance": true }.`);
    }

    if (manifest.repository?.url !== repositoryUrl || manifest.repository.directory !== folder) {
      problems.push(
        `${folder}/package.json "repository" must be { "url": "${repositoryUrl}", "directory": "${folder}" }.`,
      );
    }

    // The repository's bin entries are shims outside "files"; the published manifest must point into dist/ instead.
    for (const command of Object.keys(manifest.bin ?? {})) {
      const publishedBin = manifest.publishConfig?.bin?.[command];
      if (publishedBin === undefined || !publishedBin.startsWith('./dist/')) {
        problems.push(
          `${folder}/package.json "publishConfig.bin.${command}" must point into ./dist/ (bin/ is not published).`,
        );
      }
    }
  }
  return problems;
}
