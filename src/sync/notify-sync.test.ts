import { describe, expect, test } from 'vitest';
import { missedTwice } from './notify-sync.ts';

const at = (s: string) => new Date(`2026-03-10T${s}Z`);

describe('missedTwice: two scheduled syncs passed, each followed by the next scheduled time, with no success after them', () => {
  test.each([
    // Hourly. At 12:00 the 10:00 and 11:00 syncs have had their hour: a success at 09:05 is older than both.
    ['hourly, last success before the two previous occurrences', '0 * * * *', at('09:05:00'), at('12:00:00'), [at('10:00:00'), at('11:00:00')]],
    ['hourly, a success after the third latest occurrence: one missed only', '0 * * * *', at('10:20:00'), at('12:00:00'), undefined],
    ['hourly, just before the occurrence that would make it twice', '0 * * * *', at('09:05:00'), at('11:59:59'), undefined],
    ['every six hours, the latest (still running) not counted', '0 */6 * * *', at('05:00:00'), at('12:30:00'), undefined],
    ['every six hours, three periods on', '0 */6 * * *', at('05:00:00'), at('18:00:00'), [at('06:00:00'), at('12:00:00')]],
  ])('%s', (_name, cron, since, now, expected) => {
    expect(missedTwice(cron, since, now)).toEqual(expected);
  });
});
