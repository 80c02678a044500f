import { DeleteAccountAssignmentCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { answerAccessPage, grantsAt, grantTotals, type AccessRow } from '../../src/access/index.ts';
import { waitForTask, type ProvisioningTask } from '../../src/provisioning/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { activeMemberAccountId, identityCenterOf, isAssigned, membershipOf } from '../harness/aws-provision.ts';
import { startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';

/**
 * A grant or revoke a provisioning task verified in AWS shows in the access read at once, marked as
 * the task's and not yet seen by a sync, counted from its verification time; the next committed sync
 * is the truth again, even where it did not find the change.
 */
describeStore('access read with verified tasks not yet seen by a sync', (store) => {
  let world: AwsWorld;
  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 2, users: 12, groups: 3, permissionSets: 3 });
  });
  afterAll(async () => {
    await world?.stop();
  });

  const settle = async (requested: Promise<{ task: ProvisioningTask }>) => {
    const done = await waitForTask(store().db, (await requested).task.id, { intervalMs: 50 });
    expect(done).toMatchObject({ status: 'succeeded', verified: true });
    return done as ProvisioningTask & { finishedAt: Date };
  };
  const held = (rows: AccessRow[]) => rows.filter((r) => r.pending?.kind !== 'revoke');

  test('a granted assignment shows with its task before the sync, counts from its verification time, and the sync takes over', async () => {
    const { db } = store();
    const ic = identityCenterOf(world.sim);
    const accountId = activeMemberAccountId(world.sim);
    const accountName = world.sim.world.state.accounts.get(accountId)!.name;
    const user = [...ic.users.values()].find((u) => [...ic.permissionSets.values()].some((p) => !isAssigned(ic, accountId, p.arn, u.userId)))!;
    const ps = [...ic.permissionSets.values()].find((p) => !isAssigned(ic, accountId, p.arn, user.userId))!;
    const mine = { connectorId: world.connector.id, principal: { resourceType: 'sso_user', externalId: user.userId } };
    const totalsBefore = await grantTotals(db, { connectorId: world.connector.id });

    const task = await settle(world.service.requestGrant({ connector: world.connector.id, entitlement: `account:${accountId}#${ps.arn}`, principal: user.userName, actor: 'cli:test' }));
    const verifiedAt = task.finishedAt;

    const added = (await grantsAt(db, mine)).filter((r) => r.entitlementSlug === ps.arn && r.resourceId === accountId && r.via === null);
    expect(added).toEqual([expect.objectContaining({
      grantId: null,
      principalName: user.userName,
      entitlement: ps.name,
      resourceName: accountName,
      via: null,
      seenFrom: verifiedAt,
      pending: { kind: 'grant', taskId: task.id, verifiedAt },
    })]);
    const totalsAfter = await grantTotals(db, { connectorId: world.connector.id });
    expect(totalsAfter.grants).toBe(totalsBefore.grants + 1);
    expect(totalsAfter.direct).toBe(totalsBefore.direct + 1);

    // As of an instant before the verification, the task had not made it yet.
    const before = await grantsAt(db, { ...mine, at: new Date(verifiedAt.getTime() - 1) });
    expect(before.some((r) => r.entitlementSlug === ps.arn && r.resourceId === accountId && r.via === null)).toBe(false);
    expect(await grantsAt(db, { ...mine, at: verifiedAt })).toContainEqual(expect.objectContaining({ entitlementSlug: ps.arn, pending: expect.objectContaining({ taskId: task.id }) }));

    await world.sync();
    const synced = (await grantsAt(db, mine)).filter((r) => r.entitlementSlug === ps.arn && r.resourceId === accountId && r.via === null);
    expect(synced).toEqual([expect.objectContaining({ grantId: expect.any(Number), pending: null })]);
    expect((await grantTotals(db, { connectorId: world.connector.id })).grants).toBe(totalsAfter.grants);
  });

  test('as of an instant between the verification and the next sync, the task still shows after that sync commits', async () => {
    const { db } = store();
    const ic = identityCenterOf(world.sim);
    const accountId = activeMemberAccountId(world.sim);
    const user = [...ic.users.values()].find((u) => [...ic.permissionSets.values()].some((p) => !isAssigned(ic, accountId, p.arn, u.userId)))!;
    const ps = [...ic.permissionSets.values()].find((p) => !isAssigned(ic, accountId, p.arn, user.userId))!;
    const mine = { connectorId: world.connector.id, principal: { resourceType: 'sso_user', externalId: user.userId }, entitlement: ps.arn };
    const direct = async (at?: Date) => (await grantsAt(db, { ...mine, ...(at ? { at } : {}) })).filter((r) => r.via === null && r.resourceId === accountId);

    const task = await settle(world.service.requestGrant({ connector: world.connector.id, entitlement: `account:${accountId}#${ps.arn}`, principal: user.userName, actor: 'cli:test' }));
    await new Promise((r) => setTimeout(r, 5));
    const between = new Date();
    const pendingRow = [expect.objectContaining({ grantId: null, pending: expect.objectContaining({ kind: 'grant', taskId: task.id }) })];
    expect(await direct(between)).toEqual(pendingRow);

    await world.sync();
    // The sync started after `between`: as of then, no sync had seen the change, and the task is still the evidence of it.
    expect(await direct(between)).toEqual(pendingRow);
    expect(await direct(task.finishedAt)).toEqual(pendingRow);
    expect(await direct()).toEqual([expect.objectContaining({ grantId: expect.any(Number), pending: null })]);
  });

  test('a revoked assignment is shown marked with its task, not counted as held; the page count includes it; the sync removes it', async () => {
    const { db } = store();
    const ic = identityCenterOf(world.sim);
    const direct = (await grantsAt(db, { connectorId: world.connector.id })).find((r) => r.principalType === 'sso_user' && r.via === null && r.resourceType === 'account')!;
    const filter = { connectorId: world.connector.id, principal: { resourceType: 'sso_user', externalId: direct.principalId } };
    const totalsBefore = await grantTotals(db, filter);

    const task = await settle(world.service.requestRevoke({ connector: world.connector.id, grantId: direct.grantId!, actor: 'cli:test' }));
    expect(isAssigned(ic, direct.resourceId, direct.entitlementSlug, direct.principalId)).toBe(false);

    const rows = await grantsAt(db, filter);
    expect(rows.find((r) => r.grantId === direct.grantId)).toMatchObject({ pending: { kind: 'revoke', taskId: task.id, verifiedAt: task.finishedAt } });
    const totals = await grantTotals(db, filter);
    expect(totals.grants).toBe(totalsBefore.grants - 1);
    expect(totals.grants).toBe(held(rows).length);
    const page = await answerAccessPage(db, { connectorId: world.connector.id, principal: direct.principalId }, { limit: 1000, offset: 0 });
    expect(page.rowCount).toBe(rows.length);
    expect(page.totals).toEqual(totals);
    // Before the verification it was held, unmarked.
    expect((await grantsAt(db, { ...filter, at: new Date(task.finishedAt.getTime() - 1) })).find((r) => r.grantId === direct.grantId)).toMatchObject({ pending: null });

    await world.sync();
    const after = await grantsAt(db, filter);
    expect(after.some((r) => r.grantId === direct.grantId)).toBe(false);
    expect(after.every((r) => r.pending === null)).toBe(true);
  });

  test("a group's new assignment reaches its members through the group before the sync, as the sync then records it", async () => {
    const { db } = store();
    const ic = identityCenterOf(world.sim);
    const accountId = activeMemberAccountId(world.sim);
    const members = (groupId: string) => [...ic.users.values()].filter((u) => membershipOf(ic, groupId, u.userId)).map((u) => u.userId).sort();
    const group = [...ic.groups.values()].find((g) => members(g.groupId).length > 0 && [...ic.permissionSets.values()].some((p) => !isAssigned(ic, accountId, p.arn, g.groupId)))!;
    const ps = [...ic.permissionSets.values()].find((p) => !isAssigned(ic, accountId, p.arn, group.groupId))!;
    const onAccount = { connectorId: world.connector.id, resource: { resourceType: 'account', externalId: accountId }, entitlement: ps.arn };
    const viaGroup = (rows: AccessRow[]) => rows.filter((r) => r.via === group.groupId).map((r) => r.principalId).sort();

    const task = await settle(world.service.requestGrant({ connector: world.connector.id, entitlement: `account:${accountId}#${ps.arn}`, principal: group.groupId, actor: 'cli:test' }));
    const rows = await grantsAt(db, onAccount);
    expect(viaGroup(rows)).toEqual(members(group.groupId));
    for (const r of rows.filter((x) => x.via === group.groupId)) expect(r).toMatchObject({ viaName: group.displayName, principalName: expect.any(String), pending: { kind: 'grant', taskId: task.id } });
    expect(rows.find((r) => r.principalId === group.groupId)).toMatchObject({ via: null, pending: { kind: 'grant', taskId: task.id } });

    await world.sync();
    const synced = await grantsAt(db, onAccount);
    expect(viaGroup(synced)).toEqual(members(group.groupId));
    expect(synced.every((r) => r.pending === null && r.grantId !== null)).toBe(true);
  });

  test('when AWS changes again behind RRCU before the sync, the sync wins: no row, no marker', async () => {
    const { db } = store();
    const sim = world.sim;
    const ic = identityCenterOf(sim);
    const accountId = activeMemberAccountId(sim);
    const user = [...ic.users.values()].find((u) => [...ic.permissionSets.values()].some((p) => !isAssigned(ic, accountId, p.arn, u.userId)))!;
    const ps = [...ic.permissionSets.values()].find((p) => !isAssigned(ic, accountId, p.arn, user.userId))!;
    const mine = { connectorId: world.connector.id, principal: { resourceType: 'sso_user', externalId: user.userId }, entitlement: ps.arn };
    const direct = async (at?: Date) => (await grantsAt(db, { ...mine, ...(at ? { at } : {}) })).filter((r) => r.via === null && r.resourceId === accountId);

    const task = await settle(world.service.requestGrant({ connector: world.connector.id, entitlement: `account:${accountId}#${ps.arn}`, principal: user.userName, actor: 'cli:test' }));
    expect(await direct()).toEqual([expect.objectContaining({ pending: expect.objectContaining({ taskId: task.id }) })]);

    const sso = new SSOAdminClient({ region: sim.region, endpoint: sim.endpoint, credentials: sim.world.admin });
    await sso.send(new DeleteAccountAssignmentCommand({
      InstanceArn: ic.instanceArn, TargetId: accountId, TargetType: 'AWS_ACCOUNT', PermissionSetArn: ps.arn, PrincipalType: 'USER', PrincipalId: user.userId,
    }));
    sso.destroy();
    sim.advanceClock(5_000);

    await world.sync();
    expect(await direct()).toEqual([]);
    // As of the instant the task verified it, no sync had looked yet: the task is the evidence there still.
    expect(await direct(task.finishedAt)).toEqual([expect.objectContaining({ grantId: null, pending: expect.objectContaining({ taskId: task.id }) })]);
  });
});
