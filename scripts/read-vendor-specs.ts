/**
 * The vendors of the workspace, found rather than listed: every `specs/<id>.yaml` whose `info.x-textgen-vendor` is its
 * file name is one vendor, with its package in `packages/<id>`. Adding a spec is how a vendor is added.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface VendorSpec {
  id: string;
  /** Path from the repository root, e.g. `specs/<id>.yaml`. */
  specPath: string;
  /** The parsed YAML, `$ref`s left as written. */
  document: Record<string, unknown>;
  info: Record<string, unknown>;
}

export async function readVendorSpecs(root: string = repositoryRoot): Promise<VendorSpec[]> {
  const names = (await readdir(join(root, 'specs'))).filter((name) => name.endsWith('.yaml')).sort();
  const specs: VendorSpec[] = [];
  for (const name of names) {
    const specPath = join('specs', name);
    const document = parse(await readFile(join(root, specPath), 'utf8')) as Record<string, unknown>;
    const info = (document.info ?? {}) as Record<string, unknown>;
    const id = info['x-textgen-vendor'];
    if (id === undefined) continue;
    if (id !== name.slice(0, -'.yaml'.length)) {
      throw new Error(
        `${specPath}: info.x-textgen-vendor is ${JSON.stringify(id)}; it must equal the file name without .yaml.`,
      );
    }
    specs.push({ id, specPath, document, info });
  }
  return specs;
}
