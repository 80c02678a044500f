import { describe, expect, test } from 'vitest';
import { MAX_ATTEMPTS, nextAttempt, parseRetryAfter, retryDelayMs } from './backoff.ts';

const now = new Date('2026-12-05T08:00:00Z');

describe('retry backoff', () => {
  test.each([
    [1, 15_000, 30_000],
    [2, 30_000, 60_000],
    [3, 60_000, 120_000],
    [10, 1_800_000, 3_600_000],
  ])('after attempt %i the delay lies between %i and %i ms (jittered, capped at an hour)', (attempt, low, high) => {
    expect(retryDelayMs(attempt, () => 0)).toBe(low);
    expect(retryDelayMs(attempt, () => 0.999999)).toBeLessThanOrEqual(high);
    expect(retryDelayMs(attempt, () => 0.999999)).toBeGreaterThan(high * 0.99);
  });

  test('the receiver\'s Retry-After is honoured when longer than the backoff, never shortened', () => {
    expect(nextAttempt({ attempts: 1, retryAfterMs: 600_000, now, random: () => 0 })).toEqual({ retry: true, at: new Date(now.getTime() + 600_000) });
    expect(nextAttempt({ attempts: 1, retryAfterMs: 1_000, now, random: () => 0 })).toEqual({ retry: true, at: new Date(now.getTime() + 15_000) });
  });

  test('after the last attempt, or a Retry-After beyond a day, it gives up with a reason', () => {
    expect(nextAttempt({ attempts: MAX_ATTEMPTS, now })).toEqual({ retry: false, reason: `gave up after ${MAX_ATTEMPTS} attempts` });
    expect(nextAttempt({ attempts: 1, retryAfterMs: 3 * 24 * 3_600_000, now })).toMatchObject({ retry: false });
  });

  test.each([
    ['120', 120_000],
    ['0', 0],
    [' 5 ', 5_000],
    ['Sat, 05 Dec 2026 08:01:30 GMT', 90_000],
    ['Sat, 05 Dec 2026 07:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
    ['-5', undefined],
  ])('Retry-After %j is %j ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });
});
