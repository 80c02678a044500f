import { describe, expect, test } from 'vitest';
import { isRrcuError } from '../../core/errors.ts';
import type { RequestView } from '../../requests/index.ts';
import { parseDuration, requestLine } from './request-text.ts';

describe('rrcu request text', () => {
  test('durations: bare minutes, or days, hours and minutes in that spelling; anything else names the flag', () => {
    expect(parseDuration('90', '--duration')).toBe(90);
    expect(parseDuration('90m', '--duration')).toBe(90);
    expect(parseDuration('4h', '--duration')).toBe(240);
    expect(parseDuration('1h30m', '--duration')).toBe(90);
    expect(parseDuration(' 1D ', '--duration')).toBe(1440);
    for (const bad of ['', 'soon', '1.5h', '2h 30m', '-5', 'h', '30s']) {
      let error: unknown;
      try {
        parseDuration(bad, '--duration');
      } catch (e) {
        error = e;
      }
      expect(isRrcuError(error) && (error as Error).message.startsWith('--duration:'), `"${bad}"`).toBe(true);
    }
  });

  test('a request on one line: number, status, what, who, how long, and its end or pending step', () => {
    const base = {
      id: 12, status: 'active', entitlementText: 'AdministratorAccess on payments-prod', requester: { personId: 'p', displayName: 'Alice', email: 'alice@example.com' },
      durationMinutes: 60, expiresAt: '2026-12-05T10:00:00.000Z', endedAt: null, currentStep: 1, stepCount: 2, breakGlass: false, extensionOf: null,
    } as unknown as RequestView;
    expect(requestLine(base)).toBe('#12  active  AdministratorAccess on payments-prod  alice@example.com  60 min  until 2026-12-05T10:00:00.000Z');
    expect(requestLine({ ...base, status: 'pending', expiresAt: null, breakGlass: true, extensionOf: 9 })).toBe('#12  pending  AdministratorAccess on payments-prod  alice@example.com  60 min  step 1/2  (BREAK-GLASS, extends #9)');
  });
});
