import { listMockExamples, type MockExample } from '../list-mock-examples';
import type { MockVendor } from '../vendor-specs';

/** A 200 example of the spec by name, or the first one of its kind (the one the mock serves by default). */
export function specExample(options: {
  vendor: MockVendor;
  operationId: string;
  streams: boolean;
  name?: string;
}): MockExample {
  const example = listMockExamples({ vendor: options.vendor }).find(
    (candidate) =>
      candidate.operationId === options.operationId &&
      candidate.status === 200 &&
      candidate.streams === options.streams &&
      (options.name === undefined || candidate.name === options.name),
  );
  if (example === undefined)
    throw new Error(`No 200 example ${options.name ?? '(first)'} for ${options.vendor} ${options.operationId}`);
  return example;
}
