import { afterEach, describe, expect, it, vi } from 'vitest';
import { retryDelayMs, shouldRetryResponse, shouldRetryStatus } from '../src/retry-policy';

const now = Date.parse('2025-03-01T12:00:00Z');
const headers = (init: Record<string, string>) => new Headers(init);

describe('shouldRetryResponse', () => {
  it.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
  ])('status %i -> %s', (status, expected) => {
    expect(shouldRetryResponse(new Response(null, { status }))).toBe(expected);
  });

  it('obeys x-should-retry over the status', () => {
    expect(shouldRetryResponse(new Response(null, { status: 400, headers: { 'x-should-retry': 'true' } }))).toBe(true);
    expect(shouldRetryResponse(new Response(null, { status: 503, headers: { 'x-should-retry': 'false' } }))).toBe(
      false,
    );
  });
});

describe('shouldRetryStatus', () => {
  it('decides like shouldRetryResponse from a status and headers (e.g. those an APIError carries)', () => {
    for (const status of [200, 400, 401, 408, 409, 422, 429, 500, 503]) {
      for (const init of [{}, { 'x-should-retry': 'true' }, { 'x-should-retry': 'false' }] as Record<
        string,
        string
      >[]) {
        expect(shouldRetryStatus({ status, headers: headers(init) }), `${status} ${JSON.stringify(init)}`).toBe(
          shouldRetryResponse(new Response(null, { status, headers: init })),
        );
      }
    }
    expect(shouldRetryStatus({ status: 429, headers: headers({}) })).toBe(true);
    expect(shouldRetryStatus({ status: 401, headers: headers({}) })).toBe(false);
  });
});

describe('retryDelayMs', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('backs off min(0.5 s * 2^n, 8 s) with no jitter when Math.random() is 0', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect([0, 1, 2, 3, 4, 5, 10].map((retriesDone) => retryDelayMs({ retriesDone }))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it('takes off at most 25% as jitter', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    const delay = retryDelayMs({ retriesDone: 1 });
    expect(delay).toBeGreaterThanOrEqual(750);
    expect(delay).toBeLessThan(751);
  });

  it('stays within [75%, 100%] of the backoff for real random jitter', () => {
    for (let sample = 0; sample < 200; sample++) {
      const delay = retryDelayMs({ retriesDone: 2 });
      expect(delay).toBeGreaterThanOrEqual(1500);
      expect(delay).toBeLessThanOrEqual(2000);
    }
  });

  it('honours retry-after-ms first, then retry-after seconds, then an HTTP date', () => {
    expect(
      retryDelayMs({ headers: headers({ 'retry-after-ms': '1234', 'retry-after': '9' }), retriesDone: 0, now }),
    ).toBe(1234);
    expect(retryDelayMs({ headers: headers({ 'retry-after': '1.5' }), retriesDone: 0, now })).toBe(1500);
    const inSevenSeconds = new Date(now + 7000).toUTCString();
    expect(retryDelayMs({ headers: headers({ 'retry-after': inSevenSeconds }), retriesDone: 0, now })).toBe(7000);
    expect(retryDelayMs({ headers: headers({ 'retry-after': '0' }), retriesDone: 3, now })).toBe(0);
  });

  it('falls back to backoff when the server asks for more than 60 s, a past date or nonsense', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(retryDelayMs({ headers: headers({ 'retry-after': '61' }), retriesDone: 0, now })).toBe(500);
    expect(retryDelayMs({ headers: headers({ 'retry-after-ms': '60001' }), retriesDone: 1, now })).toBe(1000);
    expect(
      retryDelayMs({ headers: headers({ 'retry-after': new Date(now - 5000).toUTCString() }), retriesDone: 0, now }),
    ).toBe(500);
    expect(retryDelayMs({ headers: headers({ 'retry-after': 'soon' }), retriesDone: 2, now })).toBe(2000);
  });
});
