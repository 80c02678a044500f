import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { grantsAt, grantTotals, markPrivileged, unmarkPrivileged, type AccessFilter } from '../../src/access/index.ts';
import { queryRows, recordSnapshot, type Db } from '../../src/store/index.ts';
import { createSyncRun } from '../../src/sync/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { ADMINS, ADMIN_ON_ACCOUNT, ALICE, BOB, CAROL, MEMBER_OF_ADMINS, baseResources, createTestConnector, grantItem } from '../harness/inventory-fixtures.ts';

const T0 = new Date('2026-03-01T10:00:00Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

/** The totals of `grantsAt`'s rows, counted here as the explorer groups them. */
async function countedFromRows(db: Db, filter: AccessFilter) {
  const rows = await grantsAt(db, filter);
  const distinct = (f: (r: (typeof rows)[number]) => string) => new Set(rows.map(f)).size;
  const direct = rows.filter((r) => !r.via).length;
  return {
    grants: rows.length,
    principals: distinct((r) => `${r.principalType} ${r.principalId}`),
    resources: distinct((r) => `${r.resourceType} ${r.resourceId}`),
    entitlements: distinct((r) => `${r.resourceType} ${r.entitlement}`),
    direct,
    viaGroup: rows.length - direct,
  };
}

const kept = (db: Db, runId: number) =>
  queryRows<{ question: string }>(db, sql`select question from grant_totals where sync_run_id = ${runId} order by question`).then((rows) => rows.map((r) => r.question));

describeStore('totals kept per run', (store) => {
  test('whole-inventory and permission-set totals are kept per run and equal those counted from the rows, at any instant of that run', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const runA = await createSyncRun(db, connectorId, T0);
    await recordSnapshot(db, runA.id, [...baseResources(), grantItem(MEMBER_OF_ADMINS, ALICE), grantItem(MEMBER_OF_ADMINS, BOB), grantItem(ADMIN_ON_ACCOUNT, ADMINS)]);
    const runB = await createSyncRun(db, connectorId, hours(24));
    await recordSnapshot(db, runB.id, [...baseResources(), grantItem(MEMBER_OF_ADMINS, ALICE), grantItem(ADMIN_ON_ACCOUNT, ADMINS), grantItem(ADMIN_ON_ACCOUNT, CAROL)]);

    for (const at of [hours(1), hours(23), hours(25)]) {
      for (const filter of [{ connectorId, at }, { at }, { connectorId, at, permissionSet: 'AdministratorAccess' }]) {
        const expected = await countedFromRows(db, filter);
        expect(await grantTotals(db, filter)).toEqual(expected);
        // Asked again, answered from what was kept.
        expect(await grantTotals(db, filter)).toEqual(expected);
      }
    }
    expect(await countedFromRows(db, { connectorId, at: hours(1) })).toMatchObject({ grants: 5, principals: 3, direct: 3, viaGroup: 2 });
    expect(await countedFromRows(db, { connectorId, at: hours(25) })).toMatchObject({ grants: 4, principals: 3, direct: 3, viaGroup: 1 });
    // One count per question and run; a permission set asked by name counted every permission set of the run.
    expect(await kept(db, runA.id)).toEqual(['{"permissionSet":"AdministratorAccess"}', '{}']);
    expect(await kept(db, runB.id)).toEqual(['{"permissionSet":"AdministratorAccess"}', '{}']);
  });

  test('direct-only totals are their own question: never the whole inventory\'s kept count', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const run = await createSyncRun(db, connectorId, T0);
    await recordSnapshot(db, run.id, [...baseResources(), grantItem(MEMBER_OF_ADMINS, ALICE), grantItem(MEMBER_OF_ADMINS, BOB), grantItem(ADMIN_ON_ACCOUNT, ADMINS)]);
    const whole = await grantTotals(db, { connectorId, at: hours(1) });
    expect(whole).toMatchObject({ grants: 5, direct: 3, viaGroup: 2 });
    for (let i = 0; i < 2; i++) {
      const direct = await grantTotals(db, { connectorId, at: hours(1), direct: true });
      expect(direct).toEqual(await countedFromRows(db, { connectorId, at: hours(1), direct: true }));
      expect(direct).toMatchObject({ grants: 3, direct: 3, viaGroup: 0 });
    }
    expect((await grantsAt(db, { connectorId, at: hours(1), direct: true })).every((r) => r.via === null)).toBe(true);
  });

  test("privileged totals follow the administrators' marks live at the instant asked", async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const run = await createSyncRun(db, connectorId, T0);
    await recordSnapshot(db, run.id, [...baseResources(), grantItem(MEMBER_OF_ADMINS, ALICE), grantItem(ADMIN_ON_ACCOUNT, ADMINS)]);
    const privileged = (at: Date) => ({ connectorId, at, privileged: true });

    const before = new Date();
    expect(await grantTotals(db, privileged(before))).toMatchObject({ grants: 0 });
    const mark = await markPrivileged(db, { connectorId, entitlementKey: ADMIN_ON_ACCOUNT, reason: 'admin' }, { actor: 'cli:test' });
    const marked = new Date(Date.now() + 1);
    expect(await grantTotals(db, privileged(marked))).toEqual(await countedFromRows(db, privileged(marked)));
    expect(await grantTotals(db, privileged(marked))).toMatchObject({ grants: 2, principals: 2 });
    await unmarkPrivileged(db, mark.id, { reason: 'not admin' }, { actor: 'cli:test' });
    const unmarked = new Date(Date.now() + 1);
    expect(await grantTotals(db, privileged(unmarked))).toMatchObject({ grants: 0 });
    // The instant before the mark still answers as it did.
    expect(await grantTotals(db, privileged(before))).toMatchObject({ grants: 0 });
    expect(await grantTotals(db, privileged(marked))).toMatchObject({ grants: 2 });
  });
});
