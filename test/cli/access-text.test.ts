import { describe, expect, test } from 'vitest';
import type { AccessRecord } from '../../src/access/index.ts';
import { accessText } from '../../src/cli/commands/access.ts';

const record: AccessRecord = {
  grantId: 7,
  connectorId: 'c-1',
  principalType: 'sso_user',
  principalId: 'u-noah',
  principalName: 'noah.krishnan',
  resourceType: 'account',
  resourceId: '111122223333',
  resourceName: 'warehouse-prod',
  entitlement: 'AdministratorAccess',
  permissionSetArn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-admin',
  via: 'g-obs',
  viaName: 'Observability',
  seenFrom: '2026-03-01T10:00:00.000Z',
  privileged: true,
  entitlementKey: 'account:111122223333#arn:aws:sso:::permissionSet/ssoins-1/ps-admin',
  privilegedMark: null,
  privilegedReasons: ['AdministratorAccess (AWS managed)'],
  pending: null,
  request: null,
};
const firstSync = new Date('2026-03-01T10:00:00Z');

describe('rrcu access as text', () => {
  test('a header names the time column as the first sighting by a sync, and each grant carries it', () => {
    const [header, line, count] = accessText([record], undefined, null).trimEnd().split('\n');
    expect(header).toMatch(/^PRINCIPAL +ENTITLEMENT +ON +HOW +FIRST SEEN BY A SYNC$/);
    expect(line).toMatch(/^noah\.krishnan +AdministratorAccess +warehouse-prod \(account\) +via Observability +2026-03-01T10:00:00\.000Z$/);
    expect(count).toBe('1 grant(s).');
  });

  test('a direct grant a just-in-time request holds says which and until when', () => {
    const held = { ...record, via: null, viaName: null, request: { id: 42, status: 'active', expiresAt: '2026-03-02T17:00:00.000Z' } };
    const [, line] = accessText([held], undefined, null).trimEnd().split('\n');
    expect(line).toMatch(/warehouse-prod \(account\) +via request #42, expires at 2026-03-02T17:00:00\.000Z +2026-03-01T10:00:00\.000Z$/);
  });

  test('asked before the first sync, it says history starts there, with its time, instead of "no access"', () => {
    // Before: "No access found at …", as if nothing had been held.
    expect(accessText([], new Date('2020-01-01T00:00:00Z'), firstSync)).toBe(
      'No access known at 2020-01-01T00:00:00.000Z: history starts at the first sync, 2026-03-01T10:00:00.000Z; what was held before it is not recorded.\n',
    );
    expect(accessText([], new Date('2020-01-01T00:00:00Z'), null)).toContain('history starts at the first sync, and no sync has succeeded yet');
    expect(accessText([], new Date('2026-04-01T00:00:00Z'), firstSync)).toBe('No access found at 2026-04-01T00:00:00.000Z.\n');
    expect(accessText([], undefined, null)).toBe('No access found.\n');
  });

  test("a task's change no sync has seen yet says so with its task; a revoked row is listed but not counted", () => {
    const verifiedAt = '2026-03-02T09:00:00.000Z';
    const granted = { ...record, grantId: null, via: null, viaName: null, seenFrom: verifiedAt, pending: { kind: 'grant' as const, taskId: 't-12', verifiedAt } };
    const revoked = { ...record, grantId: 8, via: null, viaName: null, pending: { kind: 'revoke' as const, taskId: 't-13', verifiedAt } };
    const [, grantLine, revokeLine, count] = accessText([granted, revoked], undefined, null).trimEnd().split('\n');
    expect(grantLine).toMatch(/direct +2026-03-02T09:00:00\.000Z \(verified by task t-12, not yet seen by a sync\)$/);
    expect(revokeLine).toMatch(/\(revoked by task t-13, not yet seen by a sync\)$/);
    expect(count).toBe('1 grant(s), and 1 revoked by a task, not yet seen by a sync.');
  });
});
