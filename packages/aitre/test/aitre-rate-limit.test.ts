import { RateLimitError } from '@textgen/core';
import { getVendorSpec } from '@textgen/mocks';
import { describe, expect, it } from 'vitest';
import { nonStreamingBodyFor, testApiKey, aitreMockBaseURL, useAitreMock } from '../test/support/aitre-mock';
import { createAitre } from '../src/index';
import { parseGoDurationMs, readRateLimit } from '../src/index';

useAitreMock();

/** The example value the spec gives a response header of createCompletion (the mock sends exactly that value). */
function specHeaderExample(status: string, name: string): string {
  const header = getVendorSpec('aitre').paths['/completions']?.post?.responses[status]?.headers?.[name];
  const examples = typeof header?.schema === 'object' ? header.schema.examples : undefined;
  if (!Array.isArray(examples) || examples[0] === undefined)
    throw new Error(`The spec gives no example for ${status} ${name}.`);
  return String(examples[0]);
}

describe('parseGoDurationMs', () => {
  it.each([
    ['12ms', 12],
    ['1s', 1000],
    ['1.2s', 1200],
    ['6m0s', 360_000],
    ['1h2m3.5s', 3_723_500],
    ['.5s', 500],
    ['1500us', 1.5],
    ['1500µs', 1.5],
    ['1500μs', 1.5],
    ['2000000ns', 2],
    ['0', 0],
    ['-1m', -60_000],
  ])('reads %s as %s ms', (duration, milliseconds) => {
    expect(parseGoDurationMs(duration)).toBe(milliseconds);
  });

  it.each(['', '12', '1d', 'ms', '1 s', '1s2', 'soon', '1..2s'])('rejects %j', (duration) => {
    expect(parseGoDurationMs(duration)).toBeUndefined();
  });
});

describe('readRateLimit', () => {
  it('reads every x-ratelimit header', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '60',
      'x-ratelimit-limit-tokens': '150000',
      'x-ratelimit-remaining-requests': '59',
      'x-ratelimit-remaining-tokens': '149984',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(readRateLimit(headers)).toEqual({
      limitRequests: 60,
      limitTokens: 150_000,
      remainingRequests: 59,
      remainingTokens: 149_984,
      resetRequests: '1s',
      resetRequestsMs: 1000,
      resetTokens: '6m0s',
      resetTokensMs: 360_000,
    });
  });

  it('leaves absent or unreadable headers undefined, keeping an unparsable reset as sent', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '',
      'x-ratelimit-remaining-requests': 'many',
      'x-ratelimit-remaining-tokens': '-3',
      'x-ratelimit-reset-requests': 'soon',
    });
    expect(readRateLimit(headers)).toEqual({
      limitRequests: undefined,
      limitTokens: undefined,
      remainingRequests: undefined,
      remainingTokens: undefined,
      resetRequests: 'soon',
      resetRequestsMs: undefined,
      resetTokens: undefined,
      resetTokensMs: undefined,
    });
  });

  it('reads the headers the mock sends on a 200, from withResponse()', async () => {
    const client = createAitre({ apiKey: testApiKey, baseURL: aitreMockBaseURL });
    const { response } = await client.completions.create(nonStreamingBodyFor({ name: 'basic' })).withResponse();
    const header = (name: string) => specHeaderExample('200', name);
    // The spec's reset examples, converted by hand (17ms and 8ms), so the parser is not its own oracle.
    expect([header('x-ratelimit-reset-requests'), header('x-ratelimit-reset-tokens')]).toEqual(['17ms', '8ms']);
    expect(readRateLimit(response.headers)).toEqual({
      limitRequests: Number(header('x-ratelimit-limit-requests')),
      limitTokens: Number(header('x-ratelimit-limit-tokens')),
      remainingRequests: Number(header('x-ratelimit-remaining-requests')),
      remainingTokens: Number(header('x-ratelimit-remaining-tokens')),
      resetRequests: header('x-ratelimit-reset-requests'),
      resetRequestsMs: 17,
      resetTokens: header('x-ratelimit-reset-tokens'),
      resetTokensMs: 8,
    });
  });

  it('reads the headers of a 429 from the RateLimitError', async () => {
    const client = createAitre({ apiKey: testApiKey, baseURL: aitreMockBaseURL });
    let caught: unknown;
    try {
      await client.completions.create(nonStreamingBodyFor({ name: 'basic' }), {
        headers: { Prefer: 'code=429' },
        maxRetries: 0,
      });
    } catch (error) {
      caught = error;
    }
    expect(RateLimitError.isInstance(caught)).toBe(true);
    const rateLimit = readRateLimit((caught as RateLimitError).headers);
    expect(rateLimit.remainingRequests).toBe(Number(specHeaderExample('429', 'x-ratelimit-remaining-requests')));
    // The spec's example for this header is 8ms (checked here so a changed example is noticed).
    expect(specHeaderExample('429', 'x-ratelimit-reset-tokens')).toBe('8ms');
    expect(rateLimit.resetTokens).toBe('8ms');
    expect(rateLimit.resetTokensMs).toBe(8);
  });
});
