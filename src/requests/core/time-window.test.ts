import { describe, expect, test } from 'vitest';
import { describeWindow, localTime, withinWindow } from './time-window.ts';
import { timeWindowSchema } from './policy.ts';

const window = (w: { timeZone: string; from: string; to: string; days?: ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[] }) => timeWindowSchema.parse(w);
const at = (iso: string) => new Date(iso);

describe('localTime: the wall clock of a zone', () => {
  test('day and HH:MM in the zone, not in UTC', () => {
    expect(localTime(at('2026-12-08T23:30:00Z'), 'Asia/Kolkata')).toEqual({ day: 'wed', time: '05:00' });
    expect(localTime(at('2026-12-08T00:15:00Z'), 'America/Los_Angeles')).toEqual({ day: 'mon', time: '16:15' });
  });
});

describe('withinWindow', () => {
  const office = window({ timeZone: 'America/New_York', from: '09:00', to: '17:00' });

  test('`from` is inside, `to` is not', () => {
    // December: New York is UTC-5.
    expect(withinWindow(office, at('2026-12-08T14:00:00Z'))).toBe(true);
    expect(withinWindow(office, at('2026-12-08T21:59:00Z'))).toBe(true);
    expect(withinWindow(office, at('2026-12-08T22:00:00Z'))).toBe(false);
    expect(withinWindow(office, at('2026-12-08T13:59:00Z'))).toBe(false);
  });

  test('daylight saving time: the window follows the zone\'s clock, so its UTC hours move on the day the clocks change', () => {
    // Friday 2026-03-06 (EST, UTC-5): 13:30 UTC is 08:30, outside. Monday 2026-03-09 (EDT, UTC-4): 13:30 UTC is 09:30, inside.
    expect(withinWindow(office, at('2026-03-06T13:30:00Z'))).toBe(false);
    expect(withinWindow(office, at('2026-03-09T13:30:00Z'))).toBe(true);
  });

  test('the hour the clocks go back happens twice, and both are inside a window that covers it', () => {
    const sundayTwoToThree = window({ timeZone: 'Europe/Berlin', from: '02:00', to: '03:00', days: ['sun'] });
    // 2026-10-25: 02:30 CEST (00:30 UTC), then 02:30 CET (01:30 UTC).
    expect(withinWindow(sundayTwoToThree, at('2026-10-25T00:30:00Z'))).toBe(true);
    expect(withinWindow(sundayTwoToThree, at('2026-10-25T01:30:00Z'))).toBe(true);
    expect(withinWindow(sundayTwoToThree, at('2026-10-25T02:00:00Z'))).toBe(false);
  });

  test('the hour the clocks skip does not happen: a window inside it is empty that day', () => {
    const sundayTwoToThree = window({ timeZone: 'Europe/Berlin', from: '02:00', to: '03:00', days: ['sun'] });
    // 2026-03-29: 01:59 CET (00:59 UTC), then 03:00 CEST (01:00 UTC).
    expect(withinWindow(sundayTwoToThree, at('2026-03-29T00:59:00Z'))).toBe(false);
    expect(withinWindow(sundayTwoToThree, at('2026-03-29T01:00:00Z'))).toBe(false);
  });

  test('overnight (`to` before `from`): from the evening of a listed day to the morning after', () => {
    const nights = window({ timeZone: 'Europe/London', from: '22:00', to: '06:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    expect(withinWindow(nights, at('2026-12-08T23:00:00Z'))).toBe(true); // Tuesday night
    expect(withinWindow(nights, at('2026-12-09T05:59:00Z'))).toBe(true); // Wednesday morning, Tuesday's night
    expect(withinWindow(nights, at('2026-12-12T05:00:00Z'))).toBe(true); // Saturday morning: Friday's night
    expect(withinWindow(nights, at('2026-12-07T05:00:00Z'))).toBe(false); // Monday morning: Sunday's night, Sunday not listed
    expect(withinWindow(nights, at('2026-12-12T22:30:00Z'))).toBe(false); // Saturday night
    expect(withinWindow(nights, at('2026-12-08T12:00:00Z'))).toBe(false);
  });

  test('`from` equal to `to`: the whole day from `from`', () => {
    const allDay = window({ timeZone: 'UTC', from: '00:00', to: '00:00', days: ['sat', 'sun'] });
    expect(withinWindow(allDay, at('2026-12-12T00:00:00Z'))).toBe(true);
    expect(withinWindow(allDay, at('2026-12-13T23:59:00Z'))).toBe(true);
    expect(withinWindow(allDay, at('2026-12-14T00:00:00Z'))).toBe(false);
  });
});

describe('describeWindow', () => {
  test('days as a range when they follow each other, overnight said', () => {
    expect(describeWindow(window({ timeZone: 'Europe/Berlin', from: '08:00', to: '18:00' }))).toBe('Mon–Fri 08:00–18:00');
    expect(describeWindow(window({ timeZone: 'UTC', from: '22:00', to: '06:00', days: ['sat', 'mon'] }))).toBe('Mon, Sat 22:00–06:00 (overnight, into the next day)');
    expect(describeWindow(window({ timeZone: 'UTC', from: '07:00', to: '07:00', days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] }))).toBe('every day, 24 hours from 07:00');
  });
});
