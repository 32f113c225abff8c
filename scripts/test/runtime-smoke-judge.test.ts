/**
 * The runtime matrix is only as good as its judge: a runtime whose answers differ from the spec examples, that throws,
 * that says nothing for a case or a vendor, or whose error message carries the API key must fail that case.
 * Two made-up vendors stand in for the registry's, so the judge is seen to check each vendor on its own.
 */
import { describe, expect, it } from 'vitest';
import { judgeSmokeReports, type ExpectedSmokeResults } from '../runtimes/expected-smoke-results';
import { smokeApiKey, smokeCaseNames, type SmokeCaseReport } from '../runtimes/smoke/smoke-inputs';

const expected: ExpectedSmokeResults = {
  alpha: {
    answerText: 'a answer',
    streamTexts: ['a', ' stream'],
    authenticationErrorStrings: ['Incorrect API key provided', 'invalid_request_error'],
  },
  beta: { answerText: 'b answer', streamTexts: ['b s', 'tream'], authenticationErrorStrings: undefined },
};

const alphaError = {
  threw: true,
  isAuthenticationError: true,
  isAPIError: true,
  status: 401,
  message: '[alpha] 401 Incorrect API key provided: sk-abc12***wxyz.',
};

function passingReports(): SmokeCaseReport[] {
  return [
    {
      name: 'vendor client',
      observed: { alpha: { choices: [{ text: 'a answer' }] }, beta: { successes: [{ generatedText: 'b answer' }] } },
    },
    {
      name: 'vendor stream',
      observed: {
        alpha: [{ text: 'a' }, { text: ' stream' }, { usage: { total: 3 } }],
        beta: [
          { content: 'b s', id: 'x' },
          { content: 'tream', id: 'x' },
        ],
      },
    },
    { name: 'generateText', observed: { alpha: 'a answer', beta: 'b answer' } },
    { name: 'streamText', observed: { alpha: ['a', ' stream'], beta: ['b s', 'tream'] } },
    { name: 'typed error', observed: { alpha: alphaError } },
    { name: 'ai-sdk generateText', observed: { alpha: 'a answer', beta: 'b answer' } },
  ];
}

function replaceReport(report: SmokeCaseReport): SmokeCaseReport[] {
  return passingReports().map((candidate) => (candidate.name === report.name ? report : candidate));
}

function failedCases(reports: SmokeCaseReport[]): string[] {
  const verdicts = judgeSmokeReports(reports, expected);
  return smokeCaseNames.filter((name) => !verdicts[name].passed);
}

describe('judgeSmokeReports', () => {
  it('passes every case when the answers match the spec examples', () => {
    expect(failedCases(passingReports())).toEqual([]);
  });

  it('fails a vendor client whose answer lacks the example text', () => {
    const observed = { alpha: { choices: [{ text: 'other' }] }, beta: { successes: [{ generatedText: 'b answer' }] } };
    expect(failedCases(replaceReport({ name: 'vendor client', observed }))).toEqual(['vendor client']);
  });

  it('fails a vendor stream with a chunk missing, or its chunks out of order', () => {
    const missing = { alpha: [{ text: 'a' }, { usage: {} }], beta: [{ content: 'b s' }, { content: 'tream' }] };
    expect(failedCases(replaceReport({ name: 'vendor stream', observed: missing }))).toEqual(['vendor stream']);
    const reordered = { alpha: [{ text: ' stream' }, { text: 'a' }], beta: [{ content: 'b s' }, { content: 'tream' }] };
    expect(failedCases(replaceReport({ name: 'vendor stream', observed: reordered }))).toEqual(['vendor stream']);
  });

  it('fails generateText when one vendor answers differently, and names that vendor', () => {
    const verdicts = judgeSmokeReports(
      replaceReport({ name: 'generateText', observed: { alpha: 'a answer', beta: 'other' } }),
      expected,
    );
    expect(verdicts.generateText).toEqual({ passed: false, detail: 'beta: text "other"' });
  });

  it('fails a case that reports nothing for one vendor', () => {
    expect(failedCases(replaceReport({ name: 'generateText', observed: { alpha: 'a answer' } }))).toEqual([
      'generateText',
    ]);
  });

  it('fails streamText delivered in a single delta: the case is about streaming, not the final text', () => {
    const reports = replaceReport({ name: 'streamText', observed: { alpha: ['a stream'], beta: ['b s', 'tream'] } });
    expect(failedCases(reports)).toEqual(['streamText']);
  });

  it.each([
    ['an error that is not an AuthenticationError', { isAuthenticationError: false }],
    ['another status', { status: 403 }],
    ['a message without the vendor text', { message: '[alpha] 401' }],
    ['a message that carries the API key', { message: `Incorrect API key provided: ${smokeApiKey}` }],
    ['no error at all', { threw: false }],
  ])('fails the typed error case on %s', (_, change) => {
    const reports = replaceReport({ name: 'typed error', observed: { alpha: { ...alphaError, ...change } } });
    expect(failedCases(reports)).toEqual(['typed error']);
  });

  it('fails the typed error case when no vendor has a 401 example to ask for', () => {
    const withoutExamples: ExpectedSmokeResults = {
      alpha: { ...expected.alpha!, authenticationErrorStrings: undefined },
      beta: expected.beta!,
    };
    const verdicts = judgeSmokeReports(replaceReport({ name: 'typed error', observed: {} }), withoutExamples);
    expect(verdicts['typed error'].passed).toBe(false);
  });

  it('fails a case that threw with its error, and a case the runtime did not report', () => {
    const reports = replaceReport({ name: 'vendor client', error: 'TypeError: fetch failed' }).filter(
      (report) => report.name !== 'streamText',
    );
    const verdicts = judgeSmokeReports(reports, expected);
    expect(verdicts['vendor client']).toEqual({ passed: false, detail: 'threw TypeError: fetch failed' });
    expect(verdicts.streamText).toEqual({ passed: false, detail: 'the smoke program reported nothing for this case' });
  });

  it("fails the ai-sdk case when ai's generateText gives another text than the spec example", () => {
    const observed = { alpha: 'something else', beta: 'b answer' };
    expect(failedCases(replaceReport({ name: 'ai-sdk generateText', observed }))).toEqual(['ai-sdk generateText']);
  });
});
