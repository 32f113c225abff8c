/**
 * `pnpm new-vendor <id> [--spec <path>] [--title <name>]`: starts a vendor. It writes `specs/<id>.yaml` (from the
 * template, or a copy of `--spec` with its `x-textgen-vendor` set to <id>) and `packages/<id>/` from
 * scripts/new-vendor/template/package, then runs `pnpm generate`. Nothing else in the repository is edited: the
 * generated registry picks the vendor up (CONTRIBUTING.md, "Adding a vendor").
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { repositoryRoot } from '../read-vendor-specs';

const templateRoot = join(repositoryRoot, 'scripts', 'new-vendor', 'template');

function fail(message: string): never {
  console.error(`new-vendor: ${message}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { spec: { type: 'string' }, title: { type: 'string' }, 'no-generate': { type: 'boolean' } },
});
const id = positionals[0];
if (id === undefined || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) {
  fail('pass the vendor id, in lower case with optional dashes, e.g. `pnpm new-vendor acme-ai`.');
}
const specPath = join(repositoryRoot, 'specs', `${id}.yaml`);
const packagePath = join(repositoryRoot, 'packages', id);
if (existsSync(specPath) || existsSync(packagePath)) fail(`specs/${id}.yaml or packages/${id} already exists.`);

const words = id.split('-');
const placeholders: Record<string, string> = {
  __ID__: id,
  __TITLE__: values.title ?? words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' '),
  __CLIENT__: words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(''),
  __CAMEL__: words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join(''),
  __PREFIX__: id.toUpperCase().replace(/-/g, '_'),
};
const fill = (text: string): string => text.replace(/__[A-Z]+__/g, (name) => placeholders[name] ?? name);

const written: string[] = [];
function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  written.push(relative(repositoryRoot, path));
}

// The spec: the caller's (its vendor id rewritten) or the template.
const specText =
  values.spec === undefined
    ? fill(readFileSync(join(templateRoot, 'spec.yaml'), 'utf8'))
    : readFileSync(values.spec, 'utf8');
write(specPath, specText.replace(/^(\s*x-textgen-vendor:\s*).*$/m, `$1${id}`));

// The package: every template file, placeholders filled in names and contents, `.template` dropped.
function copyTemplate(from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, fill(name).replace(/\.template$/, ''));
    if (statSync(source).isDirectory()) copyTemplate(source, target);
    else write(target, fill(readFileSync(source, 'utf8')));
  }
}
copyTemplate(join(templateRoot, 'package'), packagePath);
copyFileSync(join(repositoryRoot, 'LICENSE'), join(packagePath, 'LICENSE'));
written.push(relative(repositoryRoot, join(packagePath, 'LICENSE')));

for (const file of written) console.log(`created ${file}`);
if (values['no-generate'] !== true)
  execFileSync('pnpm', ['run', '--silent', 'generate'], { cwd: repositoryRoot, stdio: 'inherit' });
console.log(
  `\nNext: pnpm install, then edit specs/${id}.yaml and packages/${id}/src (CONTRIBUTING.md, "Adding a vendor").`,
);
