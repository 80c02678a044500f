import type { z } from 'zod';
import type { timeWindowSchema } from './policy.ts';

export type TimeWindow = z.output<typeof timeWindowSchema>;
type Day = TimeWindow['days'][number];

const DAYS: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_LABEL: Record<Day, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** One formatter per zone: building one is the costly part, and a policy's zone is asked on every request. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The zone's wall clock at `now`: its day and HH:MM. Windows are wall-clock times, so they follow the zone's
 * daylight saving changes (an hour skipped in spring does not happen; the hour repeated in autumn happens twice).
 */
export function localTime(now: Date, timeZone: string): { day: Day; time: string } {
  const parts = Object.fromEntries(formatterOf(timeZone).formatToParts(now).map((p) => [p.type, p.value]));
  const day = String(parts.weekday).slice(0, 3).toLowerCase() as Day;
  return { day, time: `${parts.hour}:${parts.minute}` };
}

const dayBefore = (day: Day): Day => DAYS[(DAYS.indexOf(day) + 6) % 7]!;

/**
 * Whether `now` is inside the window. `from` is inside, `to` is not. A window whose `to` is not after its
 * `from` runs overnight: it opens at `from` on a listed day and closes at `to` the day after (`from` equal
 * to `to` is 24 hours), so Friday 22:00–06:00 includes Saturday 05:00 and Monday 05:00 belongs to Sunday.
 * Times compare as HH:MM strings, which order as the times do.
 */
export function withinWindow(window: TimeWindow, now: Date): boolean {
  const { day, time } = localTime(now, window.timeZone);
  if (window.from < window.to) return window.days.includes(day) && time >= window.from && time < window.to;
  return (window.days.includes(day) && time >= window.from) || (window.days.includes(dayBefore(day)) && time < window.to);
}

/** `Mon–Fri 08:00–18:00`, `Mon, Sat 22:00–06:00 (overnight, into the next day)`, `every day, 24 hours from 07:00`. */
export function describeWindow(window: TimeWindow): string {
  const listed = DAYS.filter((d) => window.days.includes(d));
  const first = DAYS.indexOf(listed[0]!);
  const consecutive = listed.every((d, i) => DAYS.indexOf(d) === first + i);
  const days = listed.length === 7 ? 'every day' : consecutive && listed.length > 2 ? `${DAY_LABEL[listed[0]!]}–${DAY_LABEL[listed.at(-1)!]}` : listed.map((d) => DAY_LABEL[d]).join(', ');
  if (window.from === window.to) return `${days}, 24 hours from ${window.from}`;
  const hours = `${window.from}–${window.to}`;
  return window.from < window.to ? `${days} ${hours}` : `${days} ${hours} (overnight, into the next day)`;
}
