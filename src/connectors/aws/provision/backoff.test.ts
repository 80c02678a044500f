import { describe, expect, test } from 'vitest';
import { backoffMs } from './backoff.ts';

describe('backoffMs', () => {
  test('grows by half each attempt from the initial wait and stops at the maximum', () => {
    const none = () => 1;
    const waits = [0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, { initialMs: 1000, maxMs: 5000 }, none));
    expect(waits).toEqual([1000, 1500, 2250, 3375, 5000, 5000]);
  });

  test('jitters down by at most a quarter, so tasks throttled together spread out', () => {
    expect(backoffMs(0, { initialMs: 1000, maxMs: 5000 }, () => 0)).toBe(750);
  });
});
