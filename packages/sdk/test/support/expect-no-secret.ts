import { inspect } from 'node:util';
import { expect } from 'vitest';

/**
 * Every way an error reaches a log or a bug report: message, stack, String, JSON.stringify, util.inspect at full
 * depth, and the same for each error down the cause chain, plus an APIError's body and headers.
 */
export function renderError(error: unknown): string[] {
  const renderings: string[] = [inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })];
  const seen = new Set<unknown>();
  for (let current: unknown = error; current !== undefined && current !== null && !seen.has(current);) {
    seen.add(current);
    renderings.push(JSON.stringify(current) ?? '');
    if (!(current instanceof Error)) break;
    renderings.push(String(current), current.message, current.stack ?? '');
    const { body, headers } = current as { body?: unknown; headers?: unknown };
    renderings.push(JSON.stringify(body) ?? '');
    if (headers instanceof Headers) renderings.push(JSON.stringify(Object.fromEntries(headers)));
    current = current.cause;
  }
  return renderings;
}

/** Fails when any rendering of the error holds the secret. */
export function expectNoSecret(error: unknown, secret: string): void {
  for (const rendering of renderError(error)) expect(rendering).not.toContain(secret);
}
