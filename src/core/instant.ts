import { z } from 'zod';

/**
 * The instants RRCU accepts from a caller ("access as of", and any other date given as input): from
 * 1970-01-01 to the end of 9999, UTC. PostgreSQL's timestamptz and JS Date each hold more, but not the
 * same more: PostgreSQL has no year 0 (`0000-01-01` is an error there, a valid Date here), and a date
 * past 9999 (`9999-12-31T23:59:59-12:00` is one) no longer fits ISO 8601's four-digit year. Nothing RRCU
 * knows of happened before 1970.
 */
export const EARLIEST_INSTANT = new Date(Date.UTC(1970, 0, 1));
export const LATEST_INSTANT = new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999));

export const INSTANT_RANGE_MESSAGE = `must be between ${EARLIEST_INSTANT.toISOString()} and ${LATEST_INSTANT.toISOString()}`;

export function isAcceptedInstant(date: Date): boolean {
  const time = date.getTime();
  return time >= EARLIEST_INSTANT.getTime() && time <= LATEST_INSTANT.getTime();
}

/** An ISO 8601 date-time with its offset (`2026-03-31T17:00:00Z`, `…+02:00`) within the accepted range; the one date-time type of API input. */
export const instantSchema = z.iso
  .datetime({ offset: true })
  .refine((text) => isAcceptedInstant(new Date(text)), { message: INSTANT_RANGE_MESSAGE });
