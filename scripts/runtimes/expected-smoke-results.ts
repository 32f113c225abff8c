/**
 * What each smoke case must report, derived from the vendor specs' examples (scripts/vendor-examples.ts reads them from
 * the vendor registry: the same examples the mock serves), never from the clients under test; and the judge that
 * compares a runtime's reports with it.
 */
import { readVendorExamples, stringValues, type VendorExamples } from '../vendor-examples';
import {
  smokeApiKey,
  smokeCaseNames,
  type SmokeCaseName,
  type SmokeCaseReport,
  type SmokeVendorPlan,
  type TypedErrorObservation,
} from './smoke/smoke-inputs';

export interface ExpectedVendorResults {
  /** The answer text of the response example the generate calls ask for. */
  answerText: string;
  /** The answer text of each payload of the stream example, in order. */
  streamTexts: string[];
  /** The strings of the 401 example's body, one of which is the vendor's message; undefined without such an example. */
  authenticationErrorStrings: string[] | undefined;
}

export type ExpectedSmokeResults = Record<string, ExpectedVendorResults>;

/** What the smoke program is told to ask each vendor; bundled into it. */
export function smokeVendorPlan(vendor: VendorExamples): SmokeVendorPlan {
  const { generate, stream } = vendor;
  return {
    id: vendor.id,
    mockPath: vendor.mockPath,
    model: vendor.model,
    prompt: vendor.prompt,
    system: vendor.system,
    generate: {
      resource: generate.resource,
      name: generate.name,
      body: generate.body,
      responseExample: generate.responseExample,
    },
    stream: {
      resource: stream.resource,
      name: stream.name,
      body: stream.body,
      responseExample: stream.responseExample,
    },
    authenticationErrorExample: vendor.authenticationError?.name,
  };
}

export function expectedResultsOf(vendors: VendorExamples[]): ExpectedSmokeResults {
  return Object.fromEntries(
    vendors.map((vendor): [string, ExpectedVendorResults] => [
      vendor.id,
      {
        answerText: vendor.answerText,
        streamTexts: vendor.streamTexts,
        // Short strings (a type, a code) would match nearly any message; the vendor's message is a sentence.
        authenticationErrorStrings:
          vendor.authenticationError === undefined
            ? undefined
            : stringValues(vendor.authenticationError.value).filter((value) => value.length >= 8),
      },
    ]),
  );
}

export function loadExpectedSmokeResults(): ExpectedSmokeResults {
  return expectedResultsOf(readVendorExamples());
}

export interface CaseVerdict {
  passed: boolean;
  /** One line: what was checked when it passed, what differed when it failed. */
  detail: string;
}

function shorten(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

function readVendor(observed: unknown, vendor: string): unknown {
  return typeof observed === 'object' && observed !== null ? (observed as Record<string, unknown>)[vendor] : undefined;
}

/** True when the payloads carry the expected texts in order (a payload may carry none, e.g. a usage chunk). */
function carriesInOrder(chunks: unknown[], texts: string[]): boolean {
  let next = 0;
  for (const chunk of chunks) if (next < texts.length && stringValues(chunk).includes(texts[next]!)) next += 1;
  return next === texts.length;
}

type VendorCheck = (observed: unknown, expected: ExpectedVendorResults) => string | undefined;

const vendorChecks: Record<SmokeCaseName, { check: VendorCheck; passed: string }> = {
  'vendor client': {
    check: (observed, expected) =>
      stringValues(observed).includes(expected.answerText) ? undefined : `returned ${shorten(observed)}`,
    passed: "the vendor client returned the spec example's answer",
  },
  'vendor stream': {
    check: (observed, expected) =>
      Array.isArray(observed) && observed.length > 1 && carriesInOrder(observed, expected.streamTexts)
        ? undefined
        : `chunks ${shorten(observed)}, expected texts ${shorten(expected.streamTexts)}`,
    passed: "the vendor stream yielded the spec example's chunks in order",
  },
  generateText: {
    check: (observed, expected) => (observed === expected.answerText ? undefined : `text ${shorten(observed)}`),
    passed: 'the facade answered the spec example text',
  },
  streamText: {
    check: (observed, expected) =>
      Array.isArray(observed) && observed.length > 1 && observed.join('') === expected.streamTexts.join('')
        ? undefined
        : `deltas ${shorten(observed)}`,
    passed: 'the facade streamed the spec example text in several deltas',
  },
  'typed error': {
    check: (observed, expected) => {
      if (expected.authenticationErrorStrings === undefined)
        return observed === undefined ? undefined : 'ran without a 401 example';
      const error = observed as Partial<TypedErrorObservation> | undefined;
      const problems = [
        error?.threw === true ? undefined : 'did not throw',
        error?.isAuthenticationError === true ? undefined : 'AuthenticationError.isInstance was false',
        error?.isAPIError === true ? undefined : 'APIError.isInstance was false',
        error?.status === 401 ? undefined : `status ${String(error?.status)}`,
        expected.authenticationErrorStrings.some((text) => error?.message?.includes(text) === true)
          ? undefined
          : `message ${shorten(error?.message)} holds no text of the 401 example`,
        error?.message?.includes(smokeApiKey) ? 'the message holds the API key' : undefined,
      ].filter((problem) => problem !== undefined);
      return problems.length === 0 ? undefined : problems.join('; ');
    },
    passed: '401 is AuthenticationError and APIError (isInstance) with the vendor message',
  },
  'ai-sdk generateText': {
    // The mock sizes usage and finish reason to the request, so only the text is the spec example's.
    check: (observed, expected) => (observed === expected.answerText ? undefined : `text ${shorten(observed)}`),
    passed: "ai's generateText through @textgen/ai-sdk-provider gave the spec example text",
  },
};

function judgeObserved(name: SmokeCaseName, observed: unknown, expected: ExpectedSmokeResults): CaseVerdict {
  const vendors = Object.keys(expected);
  if (vendors.length === 0) return { passed: false, detail: 'no vendor to check' };
  const { check, passed } = vendorChecks[name];
  const problems = vendors.flatMap((vendor) => {
    const problem = check(readVendor(observed, vendor), expected[vendor]!);
    return problem === undefined ? [] : [`${vendor}: ${problem}`];
  });
  if (name === 'typed error' && vendors.every((vendor) => expected[vendor]!.authenticationErrorStrings === undefined)) {
    problems.push('no spec has a 401 example to ask for');
  }
  return problems.length === 0
    ? { passed: true, detail: `${vendors.length} vendors: ${passed}` }
    : { passed: false, detail: problems.join(' | ') };
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
