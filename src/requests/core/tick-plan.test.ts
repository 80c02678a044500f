import { describe, expect, test } from 'vitest';
import { batchesOf, dueWork, planTick, type DueFields } from './tick-plan.ts';

const at = new Date('2026-12-01T12:00:00Z');
const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
const row = (over: Partial<DueFields>): DueFields => ({ status: 'active', pendingUntil: minutes(60), expiresAt: minutes(60), endingAs: null, ...over });

describe('dueWork: what time has made due for one request', () => {
  test.each([
    ['a pending request past its deadline times out', row({ status: 'pending', pendingUntil: minutes(-1) }), 'time_out'],
    ['a pending request at its deadline times out', row({ status: 'pending', pendingUntil: at }), 'time_out'],
    ['a pending request before its deadline waits', row({ status: 'pending', pendingUntil: minutes(1) }), null],
    ['an active request past its end ends', row({ expiresAt: minutes(-5) }), 'end'],
    ['an active request at its end ends', row({ expiresAt: at }), 'end'],
    ['an active request with an end asked while it was granted ends, whatever its expiry', row({ expiresAt: minutes(600), endingAs: 'revoke' }), 'end'],
    ['an active request ending within 15 minutes gets its notice', row({ expiresAt: minutes(15) }), 'notice'],
    ['an active request ending later waits', row({ expiresAt: minutes(16) }), null],
    ['an approved request is settled on its own (its grants are asked for)', row({ status: 'approved' }), 'settle'],
    ['a request being provisioned is settled on its own', row({ status: 'provisioning', expiresAt: minutes(-5) }), 'settle'],
    ['an ended request (revokes to follow) is settled on its own', row({ status: 'expired', expiresAt: minutes(-5) }), 'settle'],
  ])('%s', (_name, r, expected) => {
    expect(dueWork(r, at)).toBe(expected);
  });
});

describe('planTick', () => {
  test('sorts the due requests by their work, keeping their order, and leaves out what is not due', () => {
    const rows = [
      { id: 1, ...row({ expiresAt: minutes(-1) }) },
      { id: 2, ...row({ status: 'pending', pendingUntil: minutes(-1) }) },
      { id: 3, ...row({ expiresAt: minutes(10) }) },
      { id: 4, ...row({ status: 'provisioning' }) },
      { id: 5, ...row({ expiresAt: minutes(-2) }) },
      { id: 6, ...row({ expiresAt: minutes(120) }) },
    ];
    expect(planTick(rows, at)).toEqual({ time_out: [2], end: [1, 5], notice: [3], settle: [4] });
  });
});

describe('batchesOf', () => {
  test.each([
    [[], 3, []],
    [[1, 2, 3], 3, [[1, 2, 3]]],
    [[1, 2, 3, 4, 5, 6, 7], 3, [[1, 2, 3], [4, 5, 6], [7]]],
  ])('%j in runs of %i', (items, size, expected) => {
    expect(batchesOf(items, size)).toEqual(expected);
  });
});
