import { describe, expect, test } from 'vitest';
import { duplicateWarning, expiryDecision, type OtherSource } from './expiry.ts';

const viaAdmins: OtherSource = { kind: 'group', groupId: 'g-admins', groupName: 'Admins' };
const standing: OtherSource = { kind: 'standing', grantId: 41, since: new Date('2026-11-02T14:05:00Z') };
const request12: OtherSource = { kind: 'request', requestId: 12, expiresAt: new Date('2026-12-08T11:00:00Z') };

describe('expiryDecision: revoke in AWS only when nothing else grants it', () => {
  test('nothing else: revoke', () => {
    expect(expiryDecision([])).toEqual({ revoke: true });
  });

  test("a group that brings the same access keeps nothing: the request's own assignment goes, the group's stays, and the removal says so", () => {
    expect(expiryDecision([viaAdmins])).toEqual({ revoke: true, alsoHeld: 'Still held through group Admins (its own assignment, not removed).' });
    expect(expiryDecision([viaAdmins, { ...viaAdmins, groupId: 'g-ops', groupName: 'Ops' }])).toMatchObject({ revoke: true, alsoHeld: expect.stringContaining('group Admins; and through group Ops') });
  });

  test('standing access the last sync saw, which no request made: kept', () => {
    expect(expiryDecision([standing])).toEqual({
      revoke: false, keptBecause: 'Nothing was removed in AWS: the same access is also held directly, since 2026-11-02 14:05 UTC, granted outside any request.',
    });
  });

  test('another request holding it: kept until that one ends; one not yet active says so', () => {
    expect(expiryDecision([request12])).toEqual({ revoke: false, keptBecause: 'Nothing was removed in AWS: the same access is also held through request #12, until 2026-12-08 11:00 UTC.' });
    expect(expiryDecision([{ kind: 'request', requestId: 13, expiresAt: null }])).toMatchObject({ keptBecause: expect.stringContaining('through request #13, being granted') });
  });

  test('several: each that keeps it named, standing access first, then requests; groups do not keep it', () => {
    expect(expiryDecision([request12, standing, viaAdmins, viaAdmins])).toEqual({
      revoke: false,
      keptBecause: 'Nothing was removed in AWS: the same access is also held directly, since 2026-11-02 14:05 UTC, granted outside any request; and through request #12, until 2026-12-08 11:00 UTC.',
    });
  });
});

describe('expiryDecision: only what the request made', () => {
  test('its own grant found the access already in AWS (outcome already): kept, naming the task, whatever else holds it', () => {
    for (const others of [[], [{ kind: 'group', groupId: 'g-1', groupName: 'Admins' }] satisfies OtherSource[]]) {
      expect(expiryDecision(others, { foundByTask: 'task-7' })).toEqual({ revoke: false, keptBecause: expect.stringMatching(/already held in AWS when this request was granted \(task task-7 found it there\)/) });
    }
    expect(expiryDecision([], {})).toEqual({ revoke: true });
  });
});

describe('duplicateWarning: at submission, what already grants it', () => {
  test('none: no warning', () => {
    expect(duplicateWarning([])).toBeNull();
  });

  test('"you already hold this through group X", standing access, or another request', () => {
    expect(duplicateWarning([viaAdmins])).toBe('You already hold this through group Admins.');
    expect(duplicateWarning([standing])).toBe('You already hold this directly, since 2026-11-02 14:05 UTC, granted outside any request.');
    expect(duplicateWarning([request12, viaAdmins])).toBe('You already hold this through group Admins; and through request #12, until 2026-12-08 11:00 UTC.');
  });
});
