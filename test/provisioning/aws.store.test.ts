import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { grantsAt } from '../../src/access/index.ts';
import { getTask, waitForTask, type ProvisioningTask } from '../../src/provisioning/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { activeMemberAccountId, identityCenterOf, iamPair, isAssigned, membershipOf, memberAccount, ssoPair } from '../harness/aws-provision.ts';
import { assignmentOperations, startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';


describeStore('provisioning in AWS (simulator)', (store) => {
  let world: AwsWorld;
  const actor = 'cli:test';
  const finished = (t: ProvisioningTask) => waitForTask(store().db, t.id, { intervalMs: 100 });
  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 2, users: 50, groups: 3, permissionSets: 3, iamUsersPerAccount: 3 }, { assignmentDelayMs: 300 });
  });
  afterAll(async () => {
    await world?.stop();
  });

  test('each kind is granted and then revoked through tasks; each next sync opens or closes the grant and marks the tasks observed by that run', async () => {
    const ic = identityCenterOf(world.sim);
    const account = memberAccount(world.sim);
    const iam = iamPair(account);
    const sso = ssoPair(ic);
    const ssoGroup = ic.groups.get(sso.groupId)!;
    const ssoUser = ic.users.get(sso.userId)!;
    const accountId = activeMemberAccountId(world.sim);
    const ps = [...ic.permissionSets.values()].find((p) => !isAssigned(ic, accountId, p.arn, sso.userId))!;
    const accountName = world.sim.world.state.accounts.get(accountId)!.name;
    const c = world.connector.id;

    const grants = [
      await world.service.requestGrant({ connector: c, entitlement: `iam_group:${iam.group.arn}#member`, principal: iam.user.arn, actor }),
      await world.service.requestGrant({ connector: c, entitlement: `member of ${ssoGroup.displayName}`, principal: ssoUser.userName, actor }),
      await world.service.requestGrant({ connector: c, entitlement: `${ps.name} on ${accountName}`, principal: ssoUser.userName, reason: 'incident 42', actor }),
    ].map((r) => r.task);
    const granted = await Promise.all(grants.map((t) => finished(t)));
    expect(granted.map((t) => [t.status, t.outcome, t.verified, t.attempts])).toEqual(Array(3).fill(['succeeded', 'applied', true, 1]));
    expect(granted[2]!.awsRequestId).toMatch(/\S/);
    expect(account.iam.groups.get(iam.group.groupName)!.members.has(iam.user.userName)).toBe(true);
    expect(membershipOf(ic, sso.groupId, sso.userId)).toBeDefined();
    expect(isAssigned(ic, accountId, ps.arn, sso.userId)).toBe(true);

    const first = await world.sync();
    for (const t of grants) expect(await getTask(store().db, t.id)).toMatchObject({ observedRunId: first.run.id });
    const held = await grantsAt(store().db, { connectorId: c });
    expect(held.filter((g) => g.via === null && [iam.user.arn, sso.userId].includes(g.principalId) && g.seenFrom >= first.run.startedAt).map((g) => g.entitlement).sort()).toEqual(['member', 'member', ps.name].sort());

    // Revoke: the Identity Center membership by grant id (its membership id comes from the sync), the others by name.
    const [membershipGrant] = await queryRows<{ id: number }>(store().db, sql`
      select id from grants where connector_id = ${c} and entitlement_key = ${`sso_group:${sso.groupId}#member`}
        and principal_external_id = ${sso.userId} and seen_to is null`);
    const revokes = [
      await world.service.requestRevoke({ connector: c, entitlement: `iam_group:${iam.group.arn}#member`, principal: iam.user.userName, actor }),
      await world.service.requestRevoke({ connector: c, grantId: Number(membershipGrant!.id), trigger: 'review', actor }),
      await world.service.requestRevoke({ connector: c, entitlement: ps.name, resource: accountId, principal: sso.userId, trigger: 'expiry', actor }),
    ].map((r) => r.task);
    const revoked = await Promise.all(revokes.map((t) => finished(t)));
    expect(revoked.map((t) => [t.status, t.outcome, t.verified])).toEqual(Array(3).fill(['succeeded', 'applied', true]));
    expect(account.iam.groups.get(iam.group.groupName)!.members.has(iam.user.userName)).toBe(false);
    expect(membershipOf(ic, sso.groupId, sso.userId)).toBeUndefined();
    expect(isAssigned(ic, accountId, ps.arn, sso.userId)).toBe(false);

    const second = await world.sync();
    for (const t of revokes) expect(await getTask(store().db, t.id)).toMatchObject({ observedRunId: second.run.id });
    const closed = await queryRows<{ n: number }>(store().db, sql`
      select count(*)::int as n from grants where connector_id = ${c} and closed_run_id = ${second.run.id} and via_external_id is null
        and principal_external_id in (${iam.user.arn}, ${sso.userId})`);
    expect(closed[0]!.n).toBe(3);
  });

  test('granting what AWS already holds succeeds as "already", without an operation', async () => {
    const ic = identityCenterOf(world.sim);
    const existing = [...ic.assignments.values()].find((a) => a.principalType === 'USER')!;
    const before = assignmentOperations(world.sim).ops.length;
    const { task } = await world.service.requestGrant({ connector: world.connector.id, entitlement: `account:${existing.accountId}#${existing.permissionSetArn}`, principal: existing.principalId, actor });
    expect(await finished(task)).toMatchObject({ status: 'succeeded', outcome: 'already', verified: true, awsRequestId: null });
    expect(assignmentOperations(world.sim).ops.length).toBe(before);
  });

  test('forty account-assignment tasks are pipelined: none fails, each makes one operation, never more than 15 in progress', async () => {
    const ic = identityCenterOf(world.sim);
    const accountIds = [...world.sim.world.state.accounts.values()].filter((a) => a.status === 'ACTIVE' && !a.outsideOrganization).map((a) => a.id);
    const ps = [...ic.permissionSets.values()];
    const pairs: { accountId: string; arn: string; userId: string }[] = [];
    for (const userId of ic.users.keys()) {
      for (const accountId of accountIds) {
        for (const p of ps) if (pairs.length < 40 && !isAssigned(ic, accountId, p.arn, userId) && !pairs.some((x) => x.userId === userId)) pairs.push({ accountId, arn: p.arn, userId });
      }
    }
    expect(pairs).toHaveLength(40);
    const before = assignmentOperations(world.sim).ops.length;
    const tasks: ProvisioningTask[] = [];
    for (const p of pairs) tasks.push((await world.service.requestGrant({ connector: world.connector.id, entitlement: `account:${p.accountId}#${p.arn}`, principal: p.userId, actor })).task);
    const done = await Promise.all(tasks.map((t) => finished(t)));
    expect(done.map((t) => `${t.status}/${t.outcome}/${t.attempts}`)).toEqual(Array(40).fill('succeeded/applied/1'));
    const { ops, maxInFlight } = assignmentOperations(world.sim);
    expect(ops.length - before).toBe(40);
    expect(ops.every((o) => o.status === 'SUCCEEDED')).toBe(true);
    expect(maxInFlight).toBeLessThanOrEqual(15);
    expect(maxInFlight).toBeGreaterThan(1);
    for (const p of pairs) expect(isAssigned(ic, p.accountId, p.arn, p.userId)).toBe(true);
  });
});

describeStore('provisioning with the Terraform policy (no identitystore:GetGroupMembershipId)', (store) => {
  let world: AwsWorld;
  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 1, users: 8, groups: 2, permissionSets: 2, iamUsersPerAccount: 2, connectorPolicy: 'terraform' });
  });
  afterAll(async () => {
    await world?.stop();
  });

  test('an Identity Center group membership is revoked, by grant id and by name, and the next sync observes it', async () => {
    const ic = identityCenterOf(world.sim);
    const [m1, m2] = [...ic.memberships.values()];
    const [grant] = await queryRows<{ id: number }>(store().db, sql`
      select id from grants where connector_id = ${world.connector.id} and entitlement_key = ${`sso_group:${m1!.groupId}#member`}
        and principal_external_id = ${m1!.userId} and seen_to is null`);
    const byId = (await world.service.requestRevoke({ connector: world.connector.id, grantId: Number(grant!.id), actor: 'cli:test' })).task;
    const byName = (await world.service.requestRevoke({ connector: world.connector.id, entitlement: `member of ${ic.groups.get(m2!.groupId)!.displayName}`, principal: ic.users.get(m2!.userId)!.userName, actor: 'cli:test' })).task;
    for (const t of [byId, byName]) expect(await waitForTask(store().db, t.id, { intervalMs: 100 })).toMatchObject({ status: 'succeeded', outcome: 'applied' });
    expect(membershipOf(ic, m1!.groupId, m1!.userId)).toBeUndefined();
    expect(membershipOf(ic, m2!.groupId, m2!.userId)).toBeUndefined();
    const run = await world.sync();
    for (const t of [byId, byName]) expect(await getTask(store().db, t.id)).toMatchObject({ observedRunId: run.run.id });
  });
});
