/**
 * `pnpm size`: fails when a vendor client or the facade, bundled and minified for the browser and gzipped, is larger
 * than its limit in scripts/size/size-budget.json. Sizes are deterministic for a given build and esbuild version, so
 * unlike speed this can be a check; `pnpm run ci` runs it. Run after building (pnpm size builds first).
 */
import { formatKilobytes, goalFor, limitFor, readSizeBudget } from './size-budget';
import { listBundleEntries, measureBundleSizes } from './measure-bundle-sizes';

const budget = readSizeBudget();
const entries = listBundleEntries().filter((entry) => entry.kind !== 'peer');
const { esbuild, sizes } = await measureBundleSizes(entries);

const over: string[] = [];
process.stdout.write(
  `Bundle sizes (esbuild ${esbuild}, minified ESM for the browser, gzip level 9) against scripts/size/size-budget.json:\n`,
);
for (const size of sizes) {
  const limit = limitFor(size, budget)!;
  const goal = goalFor(size.kind, budget)!;
  const fits = size.gzipBytes <= limit;
  process.stdout.write(
    `  ${fits ? 'ok  ' : 'OVER'} ${size.name.padEnd(22)} ${size.kind.padEnd(13)} ` +
      `${size.gzipBytes.toLocaleString('en-US').padStart(7)} B min+gz (${formatKilobytes(size.gzipBytes)}), ` +
      `limit ${limit.toLocaleString('en-US')} B; issue 11's goal ${formatKilobytes(goal)} ` +
      `(${size.gzipBytes <= goal ? 'met' : 'not met'})\n`,
  );
  if (!fits) {
    over.push(
      `${size.name} (${size.kind}) is ${size.gzipBytes} B min+gz, ${size.gzipBytes - limit} B over its ${limit} B limit. ` +
        'Make it smaller, or raise its limit in scripts/size/size-budget.json in a reviewed change that says why.',
    );
  }
}
if (over.length > 0) {
  process.stderr.write(`\nSize budget exceeded:\n${over.map((line) => `- ${line}`).join('\n')}\n`);
  process.exitCode = 1;
}
