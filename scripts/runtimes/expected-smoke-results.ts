/**
 * What each smoke case must report, derived from the vendor specs' examples (through @textgen/mocks' built
 * `listMockExamples`, the same examples the mock serves), never from the clients under test; and the judge that
 * compares a runtime's reports with it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MockExample } from '@textgen/mocks';
import type { TextgenProvider } from '@textgen/sdk';
import { repositoryRoot } from './bundle-smoke-program';
import {
  authenticationErrorExample,
  smokeApiKey,
  smokeCaseNames,
  smokeModels,
  type SmokeCaseName,
  type SmokeCaseReport,
  type TypedErrorObservation,
} from './smoke/smoke-inputs';

/** The operation each facade call lands on when no provider options pick another: [JSON call, stream call]. */
const facadeOperationIds: Record<TextgenProvider, { generate: string; stream: string }> = {
  wetrocloud: { generate: 'createTextGeneration', stream: 'createTextGeneration' },
  edenai: { generate: 'createTextChat', stream: 'createTextChatStream' },
  worqhat: { generate: 'generateContent', stream: 'generateContent' },
  aitre: { generate: 'createCompletion', stream: 'createCompletion' },
};

const providers = Object.keys(smokeModels) as TextgenProvider[];

export interface ExpectedSmokeResults {
  vendorClientTexts: string[];
  vendorStreamChunkTexts: string[];
  generatedTexts: Record<TextgenProvider, string>;
  streamedTexts: Record<TextgenProvider, string>;
  authenticationErrorMessage: string;
}

function readProperty(value: unknown, key: string | number): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[key] : undefined;
}

function readString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} is not a string in the spec example`);
  return value;
}

/** The answer text a vendor keeps in one JSON body or one stream chunk. */
function answerText(provider: TextgenProvider, body: unknown, model: string): string {
  switch (provider) {
    case 'wetrocloud':
      return readString(readProperty(body, 'response'), 'wetrocloud response');
    case 'edenai':
      // A JSON answer is keyed by provider; a stream chunk carries the text itself.
      return readString(
        readProperty(body, 'text') ?? readProperty(readProperty(body, model), 'generated_text'),
        'edenai text',
      );
    case 'worqhat':
      return readString(readProperty(body, 'content'), 'worqhat content');
    case 'aitre':
      return readString(readProperty(readProperty(readProperty(body, 'choices'), 0), 'text'), 'aitre choices[0].text');
    default: {
      const unknownProvider: never = provider;
      throw new Error(`No answer field for ${String(unknownProvider)}`);
    }
  }
}

/** The items of a stream example: NDJSON lines, or the `data:` payloads of server-sent events up to `[DONE]`. */
function streamExampleItems(example: MockExample): unknown[] {
  const text = readString(example.value, `${example.vendor} ${example.name}`);
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (example.mediaType === 'application/x-ndjson') return lines.map((line) => JSON.parse(line) as unknown);
  return lines
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice('data:'.length).trim())
    .filter((payload) => payload !== '[DONE]')
    .map((payload) => JSON.parse(payload) as unknown);
}

/** The example the mock serves by default: the first 200 example, of a stream media type for a stream request. */
function defaultExample(
  examples: MockExample[],
  options: { provider: TextgenProvider; operationId: string; streams: boolean },
): MockExample {
  const example = examples.find(
    (candidate) =>
      candidate.vendor === options.provider &&
      candidate.operationId === options.operationId &&
      candidate.status === 200 &&
      candidate.streams === options.streams,
  );
  if (example === undefined)
    throw new Error(`The ${options.provider} spec has no 200 example for ${options.operationId}`);
  return example;
}

export async function loadExpectedSmokeResults(): Promise<ExpectedSmokeResults> {
  const mocksEntry = join(repositoryRoot, 'packages', 'mocks', 'dist', 'index.mjs');
  if (!existsSync(mocksEntry)) throw new Error(`${mocksEntry} is missing: build first (pnpm test:runtimes does).`);
  const { listMockExamples } = (await import(pathToFileURL(mocksEntry).href)) as typeof import('@textgen/mocks');
  const examples = listMockExamples();

  const generatedTexts = {} as Record<TextgenProvider, string>;
  const streamedTexts = {} as Record<TextgenProvider, string>;
  for (const provider of providers) {
    const model = smokeModels[provider];
    const operationIds = facadeOperationIds[provider];
    const jsonExample = defaultExample(examples, { provider, operationId: operationIds.generate, streams: false });
    generatedTexts[provider] = answerText(provider, jsonExample.value, model);
    const streamExample = defaultExample(examples, { provider, operationId: operationIds.stream, streams: true });
    streamedTexts[provider] = streamExampleItems(streamExample)
      .map((item) => answerText(provider, item, model))
      .join('');
  }

  const aitreJson = defaultExample(examples, { provider: 'aitre', operationId: 'createCompletion', streams: false });
  const aitreStream = defaultExample(examples, { provider: 'aitre', operationId: 'createCompletion', streams: true });
  const authenticationExample = examples.find(
    (candidate) =>
      candidate.vendor === 'aitre' &&
      candidate.operationId === 'createCompletion' &&
      candidate.name === authenticationErrorExample,
  );
  if (authenticationExample?.status !== 401)
    throw new Error(`specs/aitre.yaml has no 401 example named ${authenticationErrorExample}`);

  return {
    vendorClientTexts: (readProperty(aitreJson.value, 'choices') as unknown[]).map((choice) =>
      readString(readProperty(choice, 'text'), 'text'),
    ),
    vendorStreamChunkTexts: streamExampleItems(aitreStream).map((item) => answerText('aitre', item, smokeModels.aitre)),
    generatedTexts,
    streamedTexts,
    authenticationErrorMessage: readString(
      readProperty(readProperty(authenticationExample.value, 'error'), 'message'),
      'error.message',
    ),
  };
}

export interface CaseVerdict {
  passed: boolean;
  /** One line: what was checked when it passed, what differed when it failed. */
  detail: string;
}

function sameStrings(actual: unknown, expected: string[]): boolean {
  return (
    Array.isArray(actual) &&
    actual.length === expected.length &&
    actual.every((value, index) => value === expected[index])
  );
}

function shorten(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

function describeProviders(wrong: TextgenProvider[], observed: unknown): string {
  return wrong.map((provider) => `${provider} ${shorten(readProperty(observed, provider))}`).join(', ');
}

function judgeObserved(name: SmokeCaseName, observed: unknown, expected: ExpectedSmokeResults): CaseVerdict {
  switch (name) {
    case 'vendor client':
      return sameStrings(observed, expected.vendorClientTexts)
        ? { passed: true, detail: 'aitre completions.create returned the spec example text' }
        : { passed: false, detail: `aitre completions.create returned ${shorten(observed)}` };
    case 'vendor stream':
      return sameStrings(observed, expected.vendorStreamChunkTexts) && expected.vendorStreamChunkTexts.length > 1
        ? { passed: true, detail: `${expected.vendorStreamChunkTexts.length} SSE chunks as in the spec example` }
        : {
            passed: false,
            detail: `chunks ${shorten(observed)}, expected ${shorten(expected.vendorStreamChunkTexts)}`,
          };
    case 'ai-sdk generateText': {
      // The mock sizes usage and finish reason to the request, so only the text is the spec example's.
      const exampleText = expected.generatedTexts.aitre;
      return observed === exampleText
        ? { passed: true, detail: "ai's generateText through @textgen/ai-sdk-provider: aitre's spec example text" }
        : { passed: false, detail: `ai's generateText gave ${shorten(observed)}, expected ${shorten(exampleText)}` };
    }
    case 'generateText': {
      const wrong = providers.filter(
        (provider) => readProperty(observed, provider) !== expected.generatedTexts[provider],
      );
      return wrong.length === 0
        ? { passed: true, detail: `${providers.length} vendors answered the spec example text` }
        : {
            passed: false,
            detail: `wrong text from ${describeProviders(wrong, observed)}`,
          };
    }
    case 'streamText': {
      const wrong = providers.filter((provider) => {
        const deltas = readProperty(observed, provider);
        return !Array.isArray(deltas) || deltas.length < 2 || deltas.join('') !== expected.streamedTexts[provider];
      });
      return wrong.length === 0
        ? { passed: true, detail: `${providers.length} vendors streamed the spec example text in several deltas` }
        : {
            passed: false,
            detail: `wrong deltas from ${describeProviders(wrong, observed)}`,
          };
    }
    case 'typed error': {
      const error = observed as Partial<TypedErrorObservation> | undefined;
      const problems = [
        error?.threw === true ? undefined : 'did not throw',
        error?.isAuthenticationError === true ? undefined : 'AuthenticationError.isInstance was false',
        error?.isAPIError === true ? undefined : 'APIError.isInstance was false',
        error?.status === 401 ? undefined : `status ${String(error?.status)}`,
        error?.message?.includes(expected.authenticationErrorMessage)
          ? undefined
          : `message ${shorten(error?.message)}`,
        error?.message?.includes(smokeApiKey) ? 'the message holds the API key' : undefined,
      ].filter((problem) => problem !== undefined);
      return problems.length === 0
        ? { passed: true, detail: '401 is AuthenticationError and APIError (isInstance) with the vendor message' }
        : { passed: false, detail: problems.join('; ') };
    }
    default: {
      const unknownCase: never = name;
      throw new Error(`No judge for ${String(unknownCase)}`);
    }
  }
}

/** One verdict per case, in `smokeCaseNames` order; a missing or thrown case fails with its reason. */
export function judgeSmokeReports(
  reports: SmokeCaseReport[],
  expected: ExpectedSmokeResults,
): Record<SmokeCaseName, CaseVerdict> {
  const verdicts = {} as Record<SmokeCaseName, CaseVerdict>;
  for (const name of smokeCaseNames) {
    const report = reports.find((candidate) => candidate.name === name);
    if (report === undefined)
      verdicts[name] = { passed: false, detail: 'the smoke program reported nothing for this case' };
    else if (report.error !== undefined) verdicts[name] = { passed: false, detail: `threw ${report.error}` };
    else verdicts[name] = judgeObserved(name, report.observed, expected);
  }
  return verdicts;
}
