import { listMockExamples, type MockExample, type MockVendor } from '@textgen/mocks';

/**
 * The answers written in the specs' own examples, which the mock server sends by default (the first 200 example of
 * each kind). Tests compare the CLI's output with these, not with anything the CLI or the SDK computes.
 */
const operations: Record<MockVendor, { json: string; stream: string }> = {
  wetrocloud: { json: 'createTextGeneration', stream: 'createTextGeneration' },
  edenai: { json: 'createTextChat', stream: 'createTextChatStream' },
  worqhat: { json: 'generateContent', stream: 'generateContent' },
  aitre: { json: 'createCompletion', stream: 'createCompletion' },
};

/** The first 200 example of the operation, or the one named `name`. */
function firstExample(options: {
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
    throw new Error(
      `No 200 example for ${options.vendor} ${options.operationId} (streams: ${String(options.streams)})`,
    );
  return example;
}

/** The reply text of the default JSON example (or the one named), read from where each vendor's spec puts it. */
export function specAnswerText(vendor: MockVendor, exampleName?: string): string {
  const value = firstExample({ vendor, operationId: operations[vendor].json, streams: false, name: exampleName }).value;
  switch (vendor) {
    case 'wetrocloud':
      return (value as { response: string }).response;
    case 'edenai':
      return (value as { openai: { generated_text: string } }).openai.generated_text;
    case 'worqhat':
      return (value as { content: string }).content;
    case 'aitre':
      return (value as { choices: { text: string }[] }).choices[0]!.text;
    default: {
      const unknownVendor: never = vendor;
      throw new Error(`unknown vendor ${String(unknownVendor)}`);
    }
  }
}

/** The JSON payload of every line (NDJSON) or every `data:` event before `[DONE]` (SSE) of a stream example. */
function streamPayloads(example: MockExample): unknown[] {
  const text = String(example.value);
  if (example.mediaType === 'text/event-stream') {
    return text
      .split('\n')
      .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
      .map((line) => JSON.parse(line.slice('data: '.length)) as unknown);
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** The non-empty text pieces of the default stream example (or the one named), in order, as each spec puts them. */
export function specStreamDeltas(vendor: MockVendor, exampleName?: string): string[] {
  const payloads = streamPayloads(
    firstExample({ vendor, operationId: operations[vendor].stream, streams: true, name: exampleName }),
  );
  const texts = payloads.map((payload) => {
    switch (vendor) {
      case 'wetrocloud':
        return (payload as { response: string }).response;
      case 'edenai':
        return (payload as { text: string }).text;
      case 'worqhat':
        return (payload as { content: string }).content;
      case 'aitre':
        return (payload as { choices: { text: string }[] }).choices[0]?.text ?? '';
      default: {
        const unknownVendor: never = vendor;
        throw new Error(`unknown vendor ${String(unknownVendor)}`);
      }
    }
  });
  return texts.filter((text) => text !== '');
}
