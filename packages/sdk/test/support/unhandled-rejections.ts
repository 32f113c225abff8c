import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** Fails the test file when any promise rejection goes unhandled while its tests run. */
export function failOnUnhandledRejections(): void {
  const rejections: unknown[] = [];
  const listener = (reason: unknown) => rejections.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', listener);
  });
  afterEach(async () => {
    // Let pending rejections surface: Node reports them after the microtask queue drains.
    await new Promise((resolve) => setImmediate(resolve));
    expect(rejections, 'unhandled rejections').toEqual([]);
  });
  afterAll(() => {
    process.off('unhandledRejection', listener);
  });
}
