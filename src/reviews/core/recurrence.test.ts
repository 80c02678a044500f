import { expect, test } from 'vitest';
import { cronProblem, latestOccurrence } from './recurrence.ts';

test('a cron expression in UTC passes; words, out-of-range fields and empty text are named as not one', () => {
  expect(cronProblem('0 6 1 1,4,7,10 *')).toBeUndefined();
  expect(cronProblem('@daily')).toBeUndefined();
  expect(cronProblem('every quarter')).toMatch(/^recurrenceCron "every quarter" is not a cron expression/);
  expect(cronProblem('61 * * * *')).toContain('61');
  expect(cronProblem('  ')).toMatch(/empty/);
});

test('the latest occurrence after the last launch and by now: one for a long gap, none before the next, one exactly at now', () => {
  const at = (iso: string) => new Date(iso);
  expect(latestOccurrence('0 0 * * *', at('2026-12-01T00:00:00Z'), at('2026-12-06T13:00:00Z'))).toEqual(at('2026-12-06T00:00:00Z'));
  expect(latestOccurrence('0 0 * * *', at('2026-12-06T00:00:00Z'), at('2026-12-06T23:59:59Z'))).toBeUndefined();
  expect(latestOccurrence('0 0 * * *', at('2026-12-05T00:00:00Z'), at('2026-12-06T00:00:00Z'))).toEqual(at('2026-12-06T00:00:00Z'));
  // Quarterly, years unlaunched: the one latest quarter, not every missed one.
  expect(latestOccurrence('0 6 1 1,4,7,10 *', at('2020-01-01T00:00:00Z'), at('2026-12-04T12:00:00Z'))).toEqual(at('2026-10-01T06:00:00Z'));
  expect(() => latestOccurrence('not a cron', at('2026-01-01T00:00:00Z'), at('2026-12-04T00:00:00Z'))).toThrow(/not a cron expression/);
});
