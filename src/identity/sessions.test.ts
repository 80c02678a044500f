import { expect, test } from 'vitest';
import { sessionLimits } from './sessions.ts';

test('a session lives the idle hours without a request, and the absolute days from sign-in at most', () => {
  expect(sessionLimits({ sessionIdleHours: 12, sessionMaxDays: 7 })).toEqual({ idleMs: 12 * 3_600_000, maxMs: 7 * 86_400_000 });
});
