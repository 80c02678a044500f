import { expect, test } from 'vitest';
import { cronProblem } from './recurrence.ts';

test('a cron expression in UTC passes; words, out-of-range fields and empty text are named as not one', () => {
  expect(cronProblem('0 6 1 1,4,7,10 *')).toBeUndefined();
  expect(cronProblem('@daily')).toBeUndefined();
  expect(cronProblem('every quarter')).toMatch(/^recurrenceCron "every quarter" is not a cron expression/);
  expect(cronProblem('61 * * * *')).toContain('61');
  expect(cronProblem('  ')).toMatch(/empty/);
});
