import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleSize } from './measure-bundle-sizes';

export const sizeBudgetPath = join(import.meta.dirname, 'size-budget.json');

/**
 * Two kinds of number, kept apart on purpose. `limits` are what CI enforces (`pnpm size`): one ceiling per bundle,
 * set just above today's size, so any growth fails until a reviewed change raises it. `goals` are issue 11's targets,
 * which `pnpm bench` reports as met or not; a goal the code does not reach yet cannot be a CI check that must pass.
 */
export interface SizeBudget {
  goals: {
    /** min+gzip of one vendor client's factory, with core and openapi-fetch bundled in. */
    vendorClientMaxGzipBytes: number;
    /** min+gzip of the facade's whole public surface, with every vendor. */
    facadeMaxGzipBytes: number;
  };
  /** Largest min+gzip bytes per bundle name (a vendor package or `@textgen/sdk`). */
  limits: Record<string, number>;
}

const isPositive = (value: unknown): value is number => typeof value === 'number' && value > 0;

export function readSizeBudget(): SizeBudget {
  const budget = JSON.parse(readFileSync(sizeBudgetPath, 'utf8')) as Partial<SizeBudget>;
  for (const field of ['vendorClientMaxGzipBytes', 'facadeMaxGzipBytes'] as const) {
    if (!isPositive(budget.goals?.[field])) {
      throw new Error(`${sizeBudgetPath}: \`goals.${field}\` must be a positive number of bytes.`);
    }
  }
  const limits = budget.limits;
  if (typeof limits !== 'object' || limits === null || !Object.values(limits).every(isPositive)) {
    throw new Error(`${sizeBudgetPath}: \`limits\` must map each bundle name to a positive number of bytes.`);
  }
  return budget as SizeBudget;
}

/**
 * The enforced limit of a measured bundle; peers (openai, openapi-fetch) have none. A bundle of ours with no limit
 * (a new vendor) is an error that says where to add one, so no bundle goes unchecked.
 */
export function limitFor(size: BundleSize, budget: SizeBudget): number | undefined {
  if (size.kind === 'peer') return undefined;
  const limit = budget.limits[size.name];
  if (limit === undefined) {
    throw new Error(
      `${sizeBudgetPath} has no limit for ${size.name} (${size.gzipBytes} B min+gz today): add "${size.name}" to \`limits\`.`,
    );
  }
  return limit;
}

/** The goal for a kind of bundle. */
export function goalFor(kind: BundleSize['kind'], budget: SizeBudget): number | undefined {
  if (kind === 'vendor client') return budget.goals.vendorClientMaxGzipBytes;
  if (kind === 'facade') return budget.goals.facadeMaxGzipBytes;
  return undefined;
}

export function formatKilobytes(bytes: number): string {
  return `${(bytes / 1000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} kB`;
}
