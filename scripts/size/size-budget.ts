import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleSize } from './measure-bundle-sizes';

export const sizeBudgetPath = join(import.meta.dirname, 'size-budget.json');

export interface SizeBudget {
  /** min+gzip of one vendor client's factory, with core and openapi-fetch bundled in. */
  vendorClientMaxGzipBytes: number;
  /** min+gzip of the facade's whole public surface, with every vendor. */
  facadeMaxGzipBytes: number;
}

export function readSizeBudget(): SizeBudget {
  const budget = JSON.parse(readFileSync(sizeBudgetPath, 'utf8')) as Partial<SizeBudget>;
  for (const field of ['vendorClientMaxGzipBytes', 'facadeMaxGzipBytes'] as const) {
    if (typeof budget[field] !== 'number' || !(budget[field] > 0)) {
      throw new Error(`${sizeBudgetPath}: \`${field}\` must be a positive number of bytes.`);
    }
  }
  return budget as SizeBudget;
}

/** The budget that applies to a measured bundle; peers (openai, openapi-fetch) have none. */
export function budgetFor(size: BundleSize, budget: SizeBudget): number | undefined {
  switch (size.kind) {
    case 'vendor client':
      return budget.vendorClientMaxGzipBytes;
    case 'facade':
      return budget.facadeMaxGzipBytes;
    case 'peer':
      return undefined;
    default: {
      const unknownKind: never = size.kind;
      throw new Error(`Unknown bundle kind ${String(unknownKind)}`);
    }
  }
}

export function formatKilobytes(bytes: number): string {
  return `${(bytes / 1000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} kB`;
}
