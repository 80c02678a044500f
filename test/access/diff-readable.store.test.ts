import { DeleteAccountAssignmentCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createAccessService, type DiffRow } from '../../src/access/index.ts';
import { actorNames } from '../../src/identity/index.ts';
import { waitForTask } from '../../src/provisioning/index.ts';
import { appUsers } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { activeMemberAccountId, identityCenterOf, isAssigned, membershipOf } from '../harness/aws-provision.ts';
import { startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';

/**
 * A diff names what changed as people read it and says who made each change: a grant RRCU provisioned
 * carries its task (who asked, why); one made in AWS by someone else is marked as made outside RRCU.
 */
describeStore('readable diffs', (store) => {
  let world: AwsWorld;
  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 2, users: 20, groups: 3, permissionSets: 3, iamUsersPerAccount: 2 });
  });
  afterAll(async () => {
    await world?.stop();
  });

  test('grants read as "principal — entitlement on resource (via group)", with the task that made them or "outside RRCU"', async () => {
    const { db } = store();
    const access = createAccessService({ db, actorNames: (actors) => actorNames(db, actors) });
    const [requester] = await db.insert(appUsers).values({ subject: 'local:nora', displayName: 'Nora Lind', email: 'nora@example.com' }).returning();
    const actor = `user:${requester!.id}`;
    const sim = world.sim;
    const ic = identityCenterOf(sim);
    const accountId = activeMemberAccountId(sim);
    const accountName = sim.world.state.accounts.get(accountId)!.name;
    const before = (await world.sync()).run;

    // By RRCU: a permission set for a user on an account, and a user put in a group that holds an assignment.
    const user = [...ic.users.values()].find((u) => [...ic.permissionSets.values()].some((p) => !isAssigned(ic, accountId, p.arn, u.userId)))!;
    const ps = [...ic.permissionSets.values()].find((p) => !isAssigned(ic, accountId, p.arn, user.userId))!;
    const assignedGroups = new Set([...ic.assignments.values()].filter((a) => a.principalType === 'GROUP').map((a) => a.principalId));
    const outside = (groupId: string) => [...ic.users.values()].find((u) => u.userId !== user.userId && !membershipOf(ic, groupId, u.userId));
    const group = [...ic.groups.values()].find((g) => assignedGroups.has(g.groupId) && outside(g.groupId))!;
    const joiner = outside(group.groupId)!;
    const assignment = await world.service.requestGrant({ connector: world.connector.id, entitlement: `${ps.name} on ${accountName}`, principal: user.userName, reason: 'incident 42', actor });
    const membership = await world.service.requestGrant({ connector: world.connector.id, entitlement: `member of ${group.displayName}`, principal: joiner.userName, trigger: 'request', actor: 'cli:ops' });
    for (const { task } of [assignment, membership]) expect(await waitForTask(db, task.id, { intervalMs: 100 })).toMatchObject({ status: 'succeeded', outcome: 'applied' });

    // Outside RRCU: an administrator removes a direct assignment in AWS.
    const direct = [...ic.assignments.values()].find((a) => a.principalType === 'USER' && a.principalId !== user.userId && a.principalId !== joiner.userId)!;
    const directUser = ic.users.get(direct.principalId)!;
    const directAccountName = sim.world.state.accounts.get(direct.accountId)!.name;
    const directPs = ic.permissionSets.get(direct.permissionSetArn)!;
    const sso = new SSOAdminClient({ region: sim.region, endpoint: sim.endpoint, credentials: sim.world.admin });
    await sso.send(new DeleteAccountAssignmentCommand({
      InstanceArn: ic.instanceArn, TargetId: direct.accountId, TargetType: 'AWS_ACCOUNT', PermissionSetArn: direct.permissionSetArn, PrincipalType: 'USER', PrincipalId: direct.principalId,
    }));
    sso.destroy();
    sim.advanceClock(5_000);

    const after = (await world.sync()).run;
    const diff = await access.diffRuns(before.id, after.id);
    const added = diff.grants.added.map((c) => c.after!);
    const removed = diff.grants.removed.map((c) => c.before!);
    const read = (rows: DiffRow[]) => rows.map((r) => r.summary).sort();

    const assigned = added.find((r) => r.key === `account:${accountId}#${ps.arn}|sso_user:${user.userId}|`)!;
    expect(assigned).toMatchObject({
      summary: `${user.userName} — ${ps.name} on ${accountName}`,
      displayName: user.userName,
      typeName: expect.any(String),
      entitlementName: `${ps.name} on ${accountName}`,
      resourceName: accountName,
      via: null,
      cause: { taskId: assignment.task.id, action: 'grant', actor, actorName: 'Nora Lind (nora@example.com)', trigger: 'manual', reason: 'incident 42', observedRunId: after.id },
    });

    // The membership and every assignment it brings through the group are the same task's doing.
    const throughGroup = added.filter((r) => r.externalId === joiner.userId);
    expect(read(throughGroup)).toContain(`${joiner.userName} — member of ${group.displayName}`);
    expect(throughGroup.filter((r) => r.via === group.groupId).length).toBeGreaterThan(0);
    for (const r of throughGroup.filter((g) => g.via === group.groupId)) {
      expect(r.summary).toBe(`${joiner.userName} — ${r.entitlementName} (via group ${group.displayName})`);
      expect(r.entitlementName).toMatch(/ on /);
    }
    for (const r of throughGroup) expect(r.cause).toMatchObject({ taskId: membership.task.id, actor: 'cli:ops', actorName: null, trigger: 'request', reason: null });

    // The removed assignment keeps the names it had, and no task made it.
    const gone = removed.find((r) => r.key === `account:${direct.accountId}#${direct.permissionSetArn}|sso_user:${direct.principalId}|`)!;
    expect(gone).toMatchObject({ summary: `${directUser.userName} — ${directPs.name} on ${directAccountName}`, cause: null });
    expect([...added, ...removed].filter((r) => r.cause === null).map((r) => r.key)).toEqual([gone.key]);
  });

  test('resources and entitlements read by name and type', async () => {
    const { db } = store();
    const first = (await world.sync()).run;
    const account = [...world.sim.world.state.accounts.values()].find((a) => a.id !== world.sim.world.state.managementAccountId && !a.outsideOrganization)!;
    const oldName = account.name;
    account.name = `${oldName}-renamed`;
    world.sim.advanceClock(5_000);
    const second = (await world.sync()).run;
    const diff = await createAccessService({ db }).diffRuns(first.id, second.id);
    const renamed = diff.resources.changed.find((c) => c.key === `account:${account.id}`)!;
    expect(renamed.before).toMatchObject({ summary: `${oldName} (${renamed.before!.typeName})`, cause: null });
    expect(renamed.after).toMatchObject({ displayName: `${oldName}-renamed`, typeName: expect.any(String) });
    expect(renamed.after!.summary).toBe(`${oldName}-renamed (${renamed.after!.typeName})`);
  });
});
