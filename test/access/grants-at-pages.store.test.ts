import { expect, test } from 'vitest';
import { cursorOf, grantsAt, type AccessFilter, type AccessRow } from '../../src/access/index.ts';
import { entitlementKey } from '../../src/core/inventory-items.ts';
import { recordSnapshot, type Db } from '../../src/store/index.ts';
import { createSyncRun } from '../../src/sync/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { ACCOUNT, ADMINS, ADMIN_ON_ACCOUNT, ALICE, BOB, CAROL, MEMBER_OF_ADMINS, baseResources, createTestConnector, grantItem } from '../harness/inventory-fixtures.ts';

/** Every row of the answer, `size` at a time, each page asked after the last row of the one before. */
async function byPages(db: Db, filter: AccessFilter, size: number): Promise<AccessRow[]> {
  const rows: AccessRow[] = [];
  for (;;) {
    const page = await grantsAt(db, { ...filter, limit: size, ...(rows.length ? { after: cursorOf(rows.at(-1)!) } : {}) });
    rows.push(...page);
    if (page.length < size) return rows;
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
});
