import { eq, sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { diffRuns, grantsAt } from '../../src/access/index.ts';
import { isRrcuError } from '../../src/core/errors.ts';
import type { InventoryItem } from '../../src/core/inventory-items.ts';
import { commitSnapshot, recordSnapshot, stageItems, queryRows, grants, resources, snapshotItems } from '../../src/store/index.ts';
import { createSyncRun, getSyncRun } from '../../src/sync/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { ACCOUNT, ADMINS, ADMIN_ON_ACCOUNT, ALICE, BOB, CAROL, MEMBER_OF_ADMINS, baseResources, createTestConnector, grantItem } from '../harness/inventory-fixtures.ts';

const T0 = new Date('2026-03-01T10:00:00Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

const holders = (rows: Awaited<ReturnType<typeof grantsAt>>) =>
  rows.map((r) => `${r.principalId} ${r.entitlement} on ${r.resourceId}${r.via ? ` via ${r.via}` : ''}`).sort();

async function* failingAfter(items: InventoryItem[], error: Error) {
  yield* items;
  throw error;
}

describeStore('versioned inventory', (store) => {
  test('keeps history: access at A still shows what B removed, B shows what it added, the diff lists exactly those, a failed sync changes nothing', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const snapshotA = [
      ...baseResources(),
      grantItem(MEMBER_OF_ADMINS, ALICE),
      grantItem(MEMBER_OF_ADMINS, BOB),
      grantItem(ADMIN_ON_ACCOUNT, ALICE, ADMINS.externalId),
      grantItem(ADMIN_ON_ACCOUNT, BOB, ADMINS.externalId),
    ];
    const runA = await createSyncRun(db, connectorId, T0);
    await recordSnapshot(db, runA.id, snapshotA);

    // B: bob leaves Admins (both his membership and the expanded assignment go); carol is assigned directly.
    const snapshotB = [
      ...baseResources(),
      grantItem(MEMBER_OF_ADMINS, ALICE),
      grantItem(ADMIN_ON_ACCOUNT, ALICE, ADMINS.externalId),
      grantItem(ADMIN_ON_ACCOUNT, CAROL),
    ];
    const runB = await createSyncRun(db, connectorId, hours(24));
    const changes = await recordSnapshot(db, runB.id, snapshotB);
    expect(changes).toMatchObject({ 'opened:grant': 1, 'closed:grant': 2, 'opened:resource': 0, 'closed:resource': 0 });

    const atA = await grantsAt(db, { connectorId, at: hours(1) });
    expect(holders(atA)).toEqual([
      'u-alice AdministratorAccess on 111122223333 via g-admins',
      'u-alice member on g-admins',
      'u-bob AdministratorAccess on 111122223333 via g-admins',
      'u-bob member on g-admins',
    ]);
    expect(atA.find((r) => r.via)?.viaName).toBe('Admins');
    const atB = await grantsAt(db, { connectorId, at: hours(25) });
    expect(holders(atB)).toEqual([
      'u-alice AdministratorAccess on 111122223333 via g-admins',
      'u-alice member on g-admins',
      'u-carol AdministratorAccess on 111122223333',
    ]);
    // Before the first sync nothing was known.
    expect(await grantsAt(db, { connectorId, at: hours(-1) })).toEqual([]);

    const diff = await diffRuns(db, runA.id, runB.id);
    expect(diff.grants.added.map((c) => c.key)).toEqual([`${ADMIN_ON_ACCOUNT}|sso_user:u-carol|`]);
    expect(diff.grants.removed.map((c) => c.key).sort()).toEqual([`${ADMIN_ON_ACCOUNT}|sso_user:u-bob|g-admins`, `${MEMBER_OF_ADMINS}|sso_user:u-bob|`].sort());
    expect(diff.grants.changed).toEqual([]);
    expect(diff.resources).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.entitlements).toEqual({ added: [], removed: [], changed: [] });

    // C fails half-way, having seen only alice: nothing is closed, nothing opened.
    const before = await db.select().from(grants).where(eq(grants.connectorId, connectorId)).orderBy(grants.id);
    const runC = await createSyncRun(db, connectorId, hours(48));
    await expect(recordSnapshot(db, runC.id, failingAfter(baseResources().slice(0, 3), new Error('ThrottlingException: Rate exceeded')))).rejects.toThrow(/Rate exceeded/);
    expect(await db.select().from(grants).where(eq(grants.connectorId, connectorId)).orderBy(grants.id)).toEqual(before);
    expect(holders(await grantsAt(db, { connectorId, at: hours(49) }))).toEqual(holders(atB));
    const failed = await getSyncRun(db, runC.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'INTERNAL', message: 'ThrottlingException: Rate exceeded' } });
    expect(await db.select().from(snapshotItems).where(eq(snapshotItems.syncRunId, runC.id))).toEqual([]);
  });

  test('leaves unchanged rows alone and versions a changed one', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const runA = await createSyncRun(db, connectorId, T0);
    await recordSnapshot(db, runA.id, [...baseResources(), grantItem(MEMBER_OF_ADMINS, ALICE)]);
    const rowsA = await db.select().from(resources).where(eq(resources.connectorId, connectorId)).orderBy(resources.id);

    const renamed = baseResources().map((i) => (i.kind === 'resource' && i.externalId === ACCOUNT.externalId ? { ...i, displayName: 'payments-production' } : i));
    const runB = await createSyncRun(db, connectorId, hours(1));
    const changes = await recordSnapshot(db, runB.id, [...renamed, grantItem(MEMBER_OF_ADMINS, ALICE)]);
    expect(changes).toMatchObject({ 'opened:resource': 1, 'closed:resource': 1, 'opened:grant': 0, 'closed:grant': 0 });

    const rowsB = await db.select().from(resources).where(eq(resources.connectorId, connectorId)).orderBy(resources.id);
    // Unchanged rows are the same rows: same id, still open, not rewritten.
    for (const row of rowsA.filter((r) => r.externalId !== ACCOUNT.externalId)) expect(rowsB).toContainEqual(row);
    const versions = rowsB.filter((r) => r.externalId === ACCOUNT.externalId);
    expect(versions.map((v) => [v.displayName, v.seenTo?.toISOString() ?? null])).toEqual([
      ['payments-prod', hours(1).toISOString()],
      ['payments-production', null],
    ]);
    const diff = await diffRuns(db, runA.id, runB.id);
    expect(diff.resources.changed.map((c) => [c.before?.displayName, c.after?.displayName])).toEqual([['payments-prod', 'payments-production']]);
    expect(diff.grants).toEqual({ added: [], removed: [], changed: [] });
  });

  test("expands a group's grant to each member with via = the group, and follows membership changes", async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const runA = await createSyncRun(db, connectorId, T0);
    await recordSnapshot(db, runA.id, [
      ...baseResources(),
      grantItem(MEMBER_OF_ADMINS, ALICE),
      grantItem(MEMBER_OF_ADMINS, BOB),
      grantItem(ADMIN_ON_ACCOUNT, ADMINS),
    ]);
    expect(holders(await grantsAt(db, { connectorId, at: hours(1), entitlement: 'AdministratorAccess' }))).toEqual([
      'g-admins AdministratorAccess on 111122223333',
      'u-alice AdministratorAccess on 111122223333 via g-admins',
      'u-bob AdministratorAccess on 111122223333 via g-admins',
    ]);

    const runB = await createSyncRun(db, connectorId, hours(2));
    await recordSnapshot(db, runB.id, [...baseResources(), grantItem(MEMBER_OF_ADMINS, ALICE), grantItem(ADMIN_ON_ACCOUNT, ADMINS)]);
    const diff = await diffRuns(db, runA.id, runB.id);
    // Bob's membership and the access it gave him close together; Alice's expanded grant is untouched.
    expect(diff.grants.removed.map((c) => c.key).sort()).toEqual([`${ADMIN_ON_ACCOUNT}|sso_user:u-bob|g-admins`, `${MEMBER_OF_ADMINS}|sso_user:u-bob|`].sort());
    expect(diff.grants.added).toEqual([]);
  });

  test('staging the same page twice (a resumed sync) records each item once', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const run = await createSyncRun(db, connectorId, T0);
    const page = [...baseResources(), grantItem(MEMBER_OF_ADMINS, ALICE)];
    await stageItems(db, run.id, page);
    await stageItems(db, run.id, page);
    const changes = await commitSnapshot(db, run.id);
    expect(changes['opened:resource']).toBe(5);
    expect(changes['opened:grant']).toBe(1);
    expect((await getSyncRun(db, run.id))?.counts).toMatchObject({ 'resource:sso_user': 3, 'resource:account': 1, grant: 1 });
  });

  test('a committed run cannot commit again', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const run = await createSyncRun(db, connectorId, T0);
    await recordSnapshot(db, run.id, baseResources());
    expect(isRrcuError(await commitSnapshot(db, run.id).catch((e: unknown) => e), 'SYNC_RUN_NOT_RUNNING')).toBe(true);
  });

  test('access can be filtered by principal, resource and entitlement', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const run = await createSyncRun(db, connectorId, T0);
    await recordSnapshot(db, run.id, [
      ...baseResources(),
      grantItem(MEMBER_OF_ADMINS, ALICE),
      grantItem(ADMIN_ON_ACCOUNT, ALICE, ADMINS.externalId),
      grantItem(ADMIN_ON_ACCOUNT, CAROL),
    ]);
    const at = hours(1);
    expect(holders(await grantsAt(db, { connectorId, at, principal: { externalId: CAROL.externalId } }))).toEqual(['u-carol AdministratorAccess on 111122223333']);
    expect((await grantsAt(db, { connectorId, at, resource: ACCOUNT })).length).toBe(2);
    expect((await grantsAt(db, { connectorId, at, entitlement: 'member' })).map((r) => r.principalName)).toEqual(['alice@corp.example']);
    const counted = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from grants where connector_id = ${connectorId}`);
    expect(counted[0]!.n).toBe(3);
  });
});
