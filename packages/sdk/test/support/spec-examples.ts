import { listMockExamples, type MockExample, type MockVendor } from '@textgen/mocks';

/**
 * A 200 example of the spec, by name, or the first one of its kind (the one the mock serves by default). It imports
 * only @textgen/mocks, so the dist test can use it without loading the SDK's sources.
 */
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

/** The JSON payload of every `data:` event of an SSE example, up to OpenAI's `[DONE]` sentinel. */
export function sseDataPayloads(example: MockExample): unknown[] {
  return String(example.value)
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice('data: '.length)) as unknown);
}
