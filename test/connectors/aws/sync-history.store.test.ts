import { AddUserToGroupCommand, IAMClient } from '@aws-sdk/client-iam';
import { DeleteGroupMembershipCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { CreateAccountAssignmentCommand, DeleteAccountAssignmentCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { diffRuns, grantsAt } from '../../../src/access/index.ts';
import { startSimulator, type Simulator } from '../../../src/aws-sim/index.ts';
import type { ConnectorRecord } from '../../../src/connectors/index.ts';
import { isRrcuError } from '../../../src/core/errors.ts';
import { connectors, type Store } from '../../../src/store/index.ts';
import { runSync } from '../../../src/sync/index.ts';
import { freshStore } from '../../harness/store-test.ts';
import { connectorsFor } from '../../../harness/aws-connector.ts';
import { configFor } from '../../../harness/sim-session.ts';

/**
 * Sync, change the organisation through the AWS APIs as an administrator would, sync again: the diff
 * is exactly the change, and the first sync's instant still answers as it did.
 */
describe('history across syncs of a simulated organisation', () => {
  let sim: Simulator;
  let store: Store;
  let record: ConnectorRecord;
  const sync = async () => {
    const connector = await connectorsFor(store, sim).open(record);
    try {
      return await runSync(store.db, record.id, connector, { actor: 'test' });
    } finally {
      await connector.close();
    }
  };

  beforeAll(async () => {
    sim = await startSimulator({ seed: { seed: 42, accounts: 3, users: 15, groups: 4, permissionSets: 3 }, rateLimits: false, assignmentDelayMs: 0 });
    store = await freshStore('pglite');
    const config = configFor(sim);
    record = await connectorsFor(store, sim).create({ kind: 'aws', name: 'sim', config, secrets: { scimToken: sim.world.rrcu.scimToken } }, 'test');
  });
  afterAll(async () => {
    await sim?.stop();
    await store?.close();
  });

  test('the diff lists exactly the changes, and access at the first sync still answers as before', async () => {
    const first = await sync();
    const atFirst = await grantsAt(store.db, { connectorId: record.id, at: new Date() });
    const instantOfFirst = new Date();

    const ic = sim.world.state.identityCenter!;
    const admin = { region: sim.region, endpoint: sim.endpoint, credentials: sim.world.admin };
    const iam = new IAMClient(admin);
    const sso = new SSOAdminClient(admin);
    const identityStore = new IdentitystoreClient(admin);
    let membership, account, user, permissionSet, group, candidate, direct;
    {
      // 1. A user leaves an Identity Center group that holds an assignment: the membership and every
      //    expanded grant through it close.
      const assignedGroups = new Set([...ic.assignments.values()].filter((a) => a.principalType === 'GROUP').map((a) => a.principalId));
      membership = [...ic.memberships.values()].find((m) => assignedGroups.has(m.groupId))!;
      await identityStore.send(new DeleteGroupMembershipCommand({ IdentityStoreId: ic.identityStoreId, MembershipId: membership.membershipId }));
      // 2. A permission set is newly assigned to a user directly on an account.
      account = [...sim.world.state.accounts.values()].find((a) => a.id !== sim.world.state.managementAccountId && !a.outsideOrganization)!;
      user = [...ic.users.values()].find((u) => u.userId !== membership.userId)!;
      permissionSet = [...ic.permissionSets.values()][0]!;
      await sso.send(
        new CreateAccountAssignmentCommand({
          InstanceArn: ic.instanceArn, TargetId: account.id, TargetType: 'AWS_ACCOUNT', PermissionSetArn: permissionSet.arn, PrincipalType: 'USER', PrincipalId: user.userId,
        }),
      );
      // 3. A direct user assignment is removed.
      direct = [...ic.assignments.values()].find((a) => a.principalType === 'USER' && !(a.accountId === account.id && a.principalId === user.userId))!;
      if (direct) {
        await sso.send(
          new DeleteAccountAssignmentCommand({
            InstanceArn: ic.instanceArn, TargetId: direct.accountId, TargetType: 'AWS_ACCOUNT', PermissionSetArn: direct.permissionSetArn, PrincipalType: 'USER', PrincipalId: direct.principalId,
          }),
        );
      }
      // 4. An IAM user joins an IAM group in the management account.
      const mgmt = sim.world.state.accounts.get(sim.world.state.managementAccountId)!;
      [group, candidate] = (() => {
        for (const g of mgmt.iam.groups.values()) {
          const u = [...mgmt.iam.users.values()].find((x) => !g.members.has(x.userName));
          if (u) return [g, u] as const;
        }
        throw new Error('seed has no IAM user outside some group');
      })();
      await iam.send(new AddUserToGroupCommand({ GroupName: group.groupName, UserName: candidate.userName }));
      sim.advanceClock(5_000);
    }
    iam.destroy();
    sso.destroy();
    identityStore.destroy();

    const second = await sync();
    const diff = await diffRuns(store.db, first.run.id, second.run.id);

    const expectedRemoved = [`sso_group:${membership.groupId}#member|sso_user:${membership.userId}|`];
    for (const a of ic.assignments.values()) {
      if (a.principalType === 'GROUP' && a.principalId === membership.groupId) expectedRemoved.push(`account:${a.accountId}#${a.permissionSetArn}|sso_user:${membership.userId}|${membership.groupId}`);
    }
    if (direct) expectedRemoved.push(`account:${direct.accountId}#${direct.permissionSetArn}|sso_user:${direct.principalId}|`);
    expect(diff.grants.removed.map((c) => c.key).sort()).toEqual([...new Set(expectedRemoved)].sort());
    // The assignment provisioned the permission set to the account: Identity Center's new role there holds
    // the set's policies and may be assumed through the account's SAML provider.
    const role = [...account.iam.roles.values()].find((r) => r.roleName.startsWith(`AWSReservedSSO_${permissionSet.name}_`))!;
    const statements = [role.assumeRolePolicyDocument.Statement].flat();
    const roleGrants = [
      ...[...role.attachedPolicyArns].map((arn) => `account:${account.id}#${arn}|iam_role:${role.arn}|`),
      ...[...role.inlinePolicies.keys()].map((name) => `account:${account.id}#inline:${role.arn}:${name}|iam_role:${role.arn}|`),
      ...statements.flatMap((st) => [(st.Principal as { Federated?: string }).Federated ?? []].flat()).map((idp) => `iam_role:${role.arn}#assume|identity_provider:${idp}|`),
    ];
    expect(diff.grants.added.map((c) => c.key).sort()).toEqual(
      [`account:${account.id}#${permissionSet.arn}|sso_user:${user.userId}|`, `iam_group:${group.arn}#member|iam_user:${candidate.arn}|`, ...roleGrants].sort(),
    );
    expect(diff.grants.changed).toEqual([]);

    // The first sync's instant answers exactly as it did then.
    // (Only `seenTo` differs: rows the second sync closed now say when.)
    const withoutEnd = (rows: typeof atFirst) => rows.map(({ seenTo: _, ...rest }) => rest);
    expect(withoutEnd(await grantsAt(store.db, { connectorId: record.id, at: instantOfFirst }))).toEqual(withoutEnd(atFirst));
  });

  test('a sync that cannot assume the role fails with the fix and keeps the last good data current', async () => {
    const before = await grantsAt(store.db, { connectorId: record.id });
    await store.db.update(connectors).set({ config: { ...record.config, externalId: 'not-the-external-id-in-the-trust-policy' } }).where(eq(connectors.id, record.id));
    const broken = { ...record, config: { ...record.config, externalId: 'not-the-external-id-in-the-trust-policy' } };
    const connector = await connectorsFor(store, sim).open(broken);
    const error = await runSync(store.db, record.id, connector, { actor: 'test' }).catch((e: unknown) => e);
    await connector.close();
    expect(isRrcuError(error, 'ROLE_NOT_ASSUMABLE')).toBe(true);
    expect((error as Error).message).toContain('not-the-external-id-in-the-trust-policy');
    expect((error as { fix?: string }).fix).toContain('sts:ExternalId');
    expect(await grantsAt(store.db, { connectorId: record.id })).toEqual(before);
  });
});
