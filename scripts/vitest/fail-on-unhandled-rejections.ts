/**
 * A setup file of every package's unit project (vitest.config.ts): a test file fails when a promise rejection goes
 * unhandled while its tests run, in the test that caused it. vitest alone reports such a rejection for the whole run,
 * often after the test that caused it has passed.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

const rejections: unknown[] = [];
const listener = (reason: unknown) => rejections.push(reason);

beforeAll(() => {
  process.on('unhandledRejection', listener);
});

afterEach(async () => {
  // Let pending rejections surface: Node reports them after the microtask queue drains.
  await new Promise((resolve) => setImmediate(resolve));
  expect(rejections.splice(0), 'unhandled rejections').toEqual([]);
});

afterAll(() => {
  process.off('unhandledRejection', listener);
});
