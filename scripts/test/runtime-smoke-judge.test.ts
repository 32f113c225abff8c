/**
 * The runtime matrix is only as good as its judge: a runtime whose answers differ from the spec examples, that throws,
 * that says nothing for a case, or whose error message carries the API key must fail that case.
 */
import { describe, expect, it } from 'vitest';
import { judgeSmokeReports, type ExpectedSmokeResults } from '../runtimes/expected-smoke-results';
import { smokeApiKey, smokeCaseNames, type SmokeCaseReport } from '../runtimes/smoke/smoke-inputs';

const expected: ExpectedSmokeResults = {
  vendorClientTexts: ['This is a test.'],
  vendorStreamChunkTexts: ['This', ' is', ' a test.'],
  generatedTexts: { wetrocloud: 'w answer', edenai: 'e answer', worqhat: 'q answer', aitre: 'a answer' },
  streamedTexts: { wetrocloud: 'w stream', edenai: 'e stream', worqhat: 'q stream', aitre: 'a stream' },
  authenticationErrorMessage: 'Incorrect API key provided',
};

function passingReports(): SmokeCaseReport[] {
  return [
    { name: 'vendor client', observed: ['This is a test.'] },
    { name: 'vendor stream', observed: ['This', ' is', ' a test.'] },
    {
      name: 'generateText',
      observed: { wetrocloud: 'w answer', edenai: 'e answer', worqhat: 'q answer', aitre: 'a answer' },
    },
    {
      name: 'streamText',
      observed: {
        wetrocloud: ['w ', 'stream'],
        edenai: ['e', ' stream'],
        worqhat: ['q s', 'tream'],
        aitre: ['a', ' ', 'stream'],
      },
    },
    {
      name: 'typed error',
      observed: {
        threw: true,
        isAuthenticationError: true,
        isAPIError: true,
        status: 401,
        message: '[aitre] 401 Incorrect API key provided: sk-abc12***wxyz.',
      },
    },
    { name: 'ai-sdk generateText', observed: 'a answer' },
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

  it('fails a vendor stream with a chunk missing, even though the text it has is right', () => {
    expect(failedCases(replaceReport({ name: 'vendor stream', observed: ['This', ' is'] }))).toEqual(['vendor stream']);
  });

  it('fails generateText when one vendor answers differently, and names that vendor', () => {
    const reports = replaceReport({
      name: 'generateText',
      observed: { wetrocloud: 'w answer', edenai: 'other', worqhat: 'q answer', aitre: 'a answer' },
    });
    const verdicts = judgeSmokeReports(reports, expected);
    expect(verdicts.generateText).toEqual({ passed: false, detail: 'wrong text from edenai "other"' });
  });

  it('fails streamText delivered in a single delta: the case is about streaming, not the final text', () => {
    const reports = replaceReport({
      name: 'streamText',
      observed: {
        wetrocloud: ['w stream'],
        edenai: ['e', ' stream'],
        worqhat: ['q s', 'tream'],
        aitre: ['a', ' stream'],
      },
    });
    expect(failedCases(reports)).toEqual(['streamText']);
  });

  it.each([
    ['an error that is not an AuthenticationError', { isAuthenticationError: false }],
    ['another status', { status: 403 }],
    ['a message without the vendor text', { message: '[aitre] 401' }],
    ['a message that carries the API key', { message: `Incorrect API key provided: ${smokeApiKey}` }],
    ['no error at all', { threw: false }],
  ])('fails the typed error case on %s', (_, change) => {
    const typedError = passingReports().find((report) => report.name === 'typed error')!;
    const reports = replaceReport({ name: 'typed error', observed: { ...(typedError.observed as object), ...change } });
    expect(failedCases(reports)).toEqual(['typed error']);
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
    expect(failedCases(replaceReport({ name: 'ai-sdk generateText', observed: 'something else' }))).toEqual([
      'ai-sdk generateText',
    ]);
  });
});
