import { expect, test } from 'vitest';
import { cursorOf, grantsAt, type AccessFilter, type AccessRow } from '../../src/access/index.ts';
import { entitlementKey } from '../../src/core/inventory-items.ts';
import { recordSnapshot, type Db } from '../../src/store/index.ts';
import { createSyncRun } from '../../src/sync/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { ACCOUNT, ADMINS, ADMIN_ON_ACCOUNT, ALICE, BOB, CAROL, MEMBER_OF_ADMINS, PS_ADMIN, baseResources, createTestConnector, grantItem } from '../harness/inventory-fixtures.ts';

/** Every row of the answer, `size` at a time, each page asked after the last row of the one before. */
async function byPages(db: Db, filter: AccessFilter, size: number): Promise<AccessRow[]> {
  const rows: AccessRow[] = [];
  for (;;) {
    const page = await grantsAt(db, { ...filter, limit: size, ...(rows.length ? { after: cursorOf(rows.at(-1)!) } : {}) });
    rows.push(...page);
    if (page.length < size) return rows;
    // A cursor that repeats rows would page for ever: fail instead.
    if (rows.length > 1000) throw new Error(`paging did not end: ${rows.length} rows read`);
  }
}

describeStore('grantsAt pages (keyset)', (store) => {
  test('paging after the last row read gives the whole answer once, in its order: direct before through a group, two entitlements of one name apart', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    // A second entitlement of the same name on the account: only its key tells the two apart.
    const twin = entitlementKey(ACCOUNT, 'arn:aws:sso:::permissionSet/ssoins-1/ps-twin');
    const run = await createSyncRun(db, connectorId, new Date('2026-03-01T10:00:00Z'));
    await recordSnapshot(db, run.id, [
      ...baseResources(),
      { kind: 'entitlement', resource: ACCOUNT, slug: 'arn:aws:sso:::permissionSet/ssoins-1/ps-twin', displayName: 'AdministratorAccess' },
      grantItem(MEMBER_OF_ADMINS, ALICE), grantItem(MEMBER_OF_ADMINS, BOB), grantItem(ADMIN_ON_ACCOUNT, ADMINS), grantItem(ADMIN_ON_ACCOUNT, ALICE),
      grantItem(ADMIN_ON_ACCOUNT, CAROL), grantItem(twin, CAROL), grantItem(twin, BOB),
    ]);
    const filter = { connectorId, at: new Date('2026-03-02T00:00:00Z') };
    const whole = await grantsAt(db, filter);
    expect(whole.length).toBeGreaterThan(8);
    for (const size of [1, 2, 3, 1000]) expect(await byPages(db, filter, size)).toEqual(whole);
    // Alice holds AdministratorAccess directly and through Admins: the direct row first.
    const alice = whole.filter((r) => r.principalId === ALICE.externalId && r.entitlementKey === ADMIN_ON_ACCOUNT);
    expect(alice.map((r) => r.via)).toEqual([null, ADMINS.externalId]);
  });

  test('a page starts after the cursor at each level of the order: resource type, resource, entitlement name, then the grant', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    // Accounts that sort before and after ACCOUNT, two names on each, so each page boundary crosses another level.
    const before = { resourceType: 'account', externalId: '000011112222' };
    const after = { resourceType: 'account', externalId: '999988887777' };
    const readOnly = (account: { resourceType: string; externalId: string }) => `arn:aws:sso:::permissionSet/ssoins-1/ps-ro-${account.externalId}`;
    const run = await createSyncRun(db, connectorId, new Date('2026-03-01T10:00:00Z'));
    const accounts = [before, ACCOUNT, after];
    await recordSnapshot(db, run.id, [
      ...baseResources(),
      { kind: 'resource', ...before, displayName: 'sandbox' },
      { kind: 'resource', ...after, displayName: 'logs' },
      ...accounts.flatMap((account) => [
        { kind: 'entitlement' as const, resource: account, slug: readOnly(account), displayName: 'ReadOnly' },
        ...(account === ACCOUNT ? [] : [{ kind: 'entitlement' as const, resource: account, slug: PS_ADMIN, displayName: 'AdministratorAccess' }]),
        grantItem(entitlementKey(account, readOnly(account)), ALICE), grantItem(entitlementKey(account, readOnly(account)), ADMINS),
        grantItem(entitlementKey(account, PS_ADMIN), BOB), grantItem(entitlementKey(account, PS_ADMIN), CAROL),
      ]),
      grantItem(MEMBER_OF_ADMINS, ALICE), grantItem(MEMBER_OF_ADMINS, CAROL),
    ]);
    const filter = { connectorId, at: new Date('2026-03-02T00:00:00Z') };
    const whole = await grantsAt(db, filter);
    expect(new Set(whole.map((r) => r.resourceType)).size).toBe(2);
    expect(new Set(whole.map((r) => r.resourceId)).size).toBe(4);
    for (const size of [1, 2, 3, 5, 7]) expect(await byPages(db, filter, size)).toEqual(whole);
    // With a filter, the same: pages of Alice's grants only.
    const alices = { ...filter, principal: { externalId: ALICE.externalId } };
    for (const size of [1, 2]) expect(await byPages(db, alices, size)).toEqual(await grantsAt(db, alices));
  });
});
