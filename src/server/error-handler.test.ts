import { describe, expect, test } from 'vitest';
import { statusForCode } from './error-handler.ts';

describe('statusForCode', () => {
  test('a database failure is the server’s (503), not a 400 asking the caller to correct their input', () => {
    expect(statusForCode('DATABASE_CONNECTION_LOST')).toBe(503);
    expect(statusForCode('DATABASE_ERROR')).toBe(503);
  });

  test('conflicts, limits and unknown codes keep their statuses', () => {
    expect(statusForCode('CONNECTOR_ARCHIVED')).toBe(409);
    expect(statusForCode('RATE_LIMITED')).toBe(429);
    expect(statusForCode('INVALID_INPUT')).toBe(400);
  });
});
