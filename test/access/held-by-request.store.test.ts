import { afterAll, beforeAll, expect, test } from 'vitest';
import { answerAccessPage, grantsAt, type AccessRow } from '../../src/access/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { directAssignments, holdersOf, inventoryOf } from '../requests/people.ts';
import { startRequestWorld, type RequestWorld } from '../requests/request-world.ts';

const MINUTE = 60_000;

/**
 * A direct grant a just-in-time request made says so in the access read ("via request #N, expires at T"),
 * from the grant task's verification until the request ends, before and after the next sync; standing access
 * a request only duplicated does not, nor does anything once the request has ended.
 */
describeStore('access rows held through a request', (store) => {
  let w: RequestWorld;
  const db = () => store().db;
  beforeAll(async () => {
    w = await startRequestWorld(store(), { name: 'Anything' });
  }, 120_000);
  afterAll(async () => {
    await w?.world.stop();
  });

  test('via request #N with its expiry from verification, after the next sync too; not after the end, nor before the grant', async () => {
    const { world, requests, people, approver, clock, as, settle } = w;
    const { accounts, permissionSets } = await inventoryOf(db(), world.connector.id);
    const ps = permissionSets[0]!;
    const account = accounts[0]!;
    const key = `account:${account.id}#${ps.arn}`;
    const holders = await holdersOf(db(), world.connector.id, [key]);
    const requester = people.find((p) => p !== approver && !holders.has(p.userId))!;
    const mine = { connectorId: world.connector.id, principal: { resourceType: 'sso_user', externalId: requester.userId } };
    const rowOf = (rows: AccessRow[]) => rows.find((r) => r.entitlementKey === key && r.via === null);

    const { request } = await requests.submit({ connector: world.connector.id, entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [account.id] } }, as(requester));
    const asked = new Date();
    await requests.approve(request.id, {}, as(approver));
    const active = await settle(request.id, 'grantTask');
    expect(active.status).toBe('active');
    const expiresAt = new Date(active.expiresAt!);
    const held = { id: request.id, status: 'active', expiresAt };

    // Verified by its task, not yet seen by a sync.
    expect(rowOf(await grantsAt(db(), mine))).toMatchObject({ grantId: null, request: held });
    // The explorer's page query says it too.
    const page = await answerAccessPage(db(), { connectorId: world.connector.id, principal: requester.userId }, { limit: 50, offset: 0 });
    expect(rowOf(page.rows)).toMatchObject({ request: held });
    // Before the grant was made there was no row.
    expect(rowOf(await grantsAt(db(), { ...mine, at: asked }))).toBeUndefined();

    // The next sync observes the grant: the row is the inventory's, still held through the request.
    await world.sync();
    const synced = rowOf(await grantsAt(db(), mine));
    expect(synced?.grantId).not.toBeNull();
    expect(synced).toMatchObject({ pending: null, request: held });
    const whileHeld = new Date();

    // Standing access a request duplicates is not temporary: it stays when the request ends.
    const standing = (await directAssignments(db(), world.connector.id)).find((d) => d.user_id !== requester.userId && d.user_id !== approver.userId && people.some((p) => p.userId === d.user_id));
    expect(standing, 'the seed has a direct assignment').toBeDefined();
    const holder = people.find((p) => p.userId === standing!.user_id)!;
    const [sAccount, sPs] = standing!.entitlement_key.slice('account:'.length).split('#') as [string, string];
    const dup = await requests.submit({ connector: world.connector.id, entitlement: { kind: 'permission_set', permissionSet: sPs, accounts: [sAccount] } }, as(holder));
    await requests.approve(dup.request.id, {}, as(approver));
    expect((await settle(dup.request.id, 'grantTask')).status).toBe('active');
    const holderRows = await grantsAt(db(), { connectorId: world.connector.id, principal: { resourceType: 'sso_user', externalId: holder.userId } });
    expect(holderRows.find((r) => r.entitlementKey === standing!.entitlement_key && r.via === null)).toMatchObject({ request: null });
    // Nor is any other row of the organisation.
    expect((await grantsAt(db(), { connectorId: world.connector.id })).filter((r) => r.request !== null).map((r) => [r.principalId, r.entitlementKey])).toEqual([[requester.userId, key]]);

    // Expired: removed from AWS by its revoke task; from the end on, no request holds the row.
    clock.now = new Date(expiresAt.getTime() + MINUTE);
    await requests.tick(clock.now);
    const ended = await settle(request.id, 'revokeTask');
    expect(ended.status).toBe('expired');
    expect(ended.targets[0]!.status).toBe('removed');
    const endedAt = new Date(ended.endedAt!);
    expect(rowOf(await grantsAt(db(), { ...mine, at: endedAt }))?.request ?? null).toBeNull();
    // As of an instant while it was active, the request held it (a point in time, report 2), whatever its status now.
    expect(rowOf(await grantsAt(db(), { ...mine, at: whileHeld }))).toMatchObject({ request: { id: request.id, status: 'expired', expiresAt } });
    // After the next sync the grant is gone.
    await world.sync();
    expect(rowOf(await grantsAt(db(), { ...mine, at: new Date(Math.max(Date.now(), endedAt.getTime())) }))).toBeUndefined();
  });
});
