import { describe, expect, test } from 'vitest';
import { instantSchema, isAcceptedInstant } from './instant.ts';

describe('instantSchema', () => {
  test.each([
    '1970-01-01T00:00:00Z',
    '2026-03-31T17:00:00+02:00',
    '9999-12-31T23:59:59.999Z',
  ])('accepts %s', (text) => {
    expect(instantSchema.safeParse(text).success).toBe(true);
  });

  // Each of these reached PostgreSQL and failed there as a 500 (issue 10).
  test.each([
    ['0000-01-01T00:00:00Z', 'year 0: a Date, but no PostgreSQL timestamp'],
    ['9999-12-31T23:59:59.999-12:00', 'year 10000 once in UTC'],
    ['1969-12-31T23:59:59Z', 'before 1970'],
    ['99999-01-01T00:00:00Z', 'a five-digit year'],
    ['2026-03-31', 'no time'],
  ])('refuses %s (%s)', (text) => {
    expect(instantSchema.safeParse(text).success).toBe(false);
  });

  test('an invalid Date is not an accepted instant', () => {
    expect(isAcceptedInstant(new Date('nonsense'))).toBe(false);
  });
});
