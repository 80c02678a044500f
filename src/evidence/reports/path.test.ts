import { expect, test } from 'vitest';
import type { AccessRow } from '../../access/index.ts';
import { accessRow } from './access-at.ts';

const row: AccessRow = {
  grantId: 1, connectorId: 'c-1', principalType: 'sso_user', principalId: 'u-1', principalName: 'noah', personId: null, resourceType: 'account', resourceId: '111122223333',
  resourceName: 'payments-prod', entitlementSlug: 'arn:ps', entitlement: 'ReadOnlyAccess', entitlementAttributes: {}, via: null, viaName: null, privilegedMark: null,
  entitlementKey: 'account:111122223333#arn:ps', seenFrom: new Date('2026-12-05T09:00:00Z'), seenTo: null, pending: null, request: null,
};

test('report 2’s path: direct, via group, or via request #N until its end (the request in the CSV and JSON too)', () => {
  expect(accessRow(row)).toMatchObject({ path: 'direct', requestId: null, requestExpiresAt: null });
  expect(accessRow({ ...row, via: 'g-1', viaName: 'Engineers' })).toMatchObject({ path: 'via group', viaGroup: 'Engineers' });
  const held = accessRow({ ...row, request: { id: 42, status: 'active', expiresAt: new Date('2026-12-05T17:00:00Z') } });
  expect(held).toMatchObject({ path: 'via request #42 until 2026-12-05 17:00 UTC', requestId: 42, requestExpiresAt: new Date('2026-12-05T17:00:00Z') });
});
