import { expect, test } from 'vitest';
import { isStaleRun, resumeRecheckAt, STALE_AFTER_MS } from './runs.ts';

const NOW = new Date('2026-12-04T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

test('a sync refused by a run that stopped beating asks again once that run may be resumed', () => {
  expect(resumeRecheckAt({ heartbeatAt: ago(40_000) }, NOW)).toEqual(new Date(NOW.getTime() - 40_000 + STALE_AFTER_MS + 1000));
});

test('a sync refused by a run that already looks resumable never asks again at once', () => {
  // It used to re-queue for a time in the past, so each refused claim queued a job that ran at once.
  for (const age of [STALE_AFTER_MS, 10 * 60_000, 24 * 3_600_000]) {
    expect(resumeRecheckAt({ heartbeatAt: ago(age) }, NOW).getTime() - NOW.getTime()).toBeGreaterThanOrEqual(10_000);
  }
});

test.each([
  { status: 'running', age: STALE_AFTER_MS, stale: false },
  { status: 'running', age: STALE_AFTER_MS + 1, stale: true },
  { status: 'failed', age: 10 * STALE_AFTER_MS, stale: false },
  { status: 'succeeded', age: 10 * STALE_AFTER_MS, stale: false },
] as const)('a $status run silent for $age ms is stale: $stale', ({ status, age, stale }) => {
  expect(isStaleRun({ status, heartbeatAt: ago(age) }, NOW)).toBe(stale);
});
