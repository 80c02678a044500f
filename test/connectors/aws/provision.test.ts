import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/aws-sim/index.ts';
import { createAwsConnector } from '../../../src/connectors/aws/index.ts';
import type { AwsProvisioner } from '../../../src/connectors/aws/provision/provisioner.ts';
import {
  activeMemberAccountId,
  assignmentTarget,
  callsDuring,
  iamMemberTarget,
  iamPair,
  identityCenterOf,
  isAssigned,
  managementAccount,
  memberAccount,
  membershipOf,
  provisionerFor,
  rejectionOf,
  ssoMemberTarget,
  ssoPair,
} from '../../harness/aws-provision.ts';
import { configFor } from '../../../harness/sim-session.ts';

let sim: Simulator;
let provisioner: AwsProvisioner;

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 0, seed: { seed: 71, accounts: 4, users: 20, groups: 5, permissionSets: 4 } });
  provisioner = provisionerFor(sim);
});
afterAll(async () => {
  await provisioner.close();
  await sim.stop();
});

describe('IAM user → IAM group', () => {
  test.each([
    ['the management account', () => managementAccount(sim)],
    ['a member account, through the cross-account role', () => memberAccount(sim)],
  ])('in %s: grants, revokes, and a repeat of either is "already"', async (_, accountOf) => {
    const account = accountOf();
    const { group, user } = iamPair(account);
    const target = iamMemberTarget(group, user);

    expect(await provisioner.apply('grant', target, {})).toMatchObject({ outcome: 'applied', verified: true });
    expect(group.members.has(user.userName)).toBe(true);
    expect(await provisioner.apply('grant', target, {})).toEqual({ outcome: 'already', verified: true });

    expect(await provisioner.apply('revoke', target, {})).toMatchObject({ outcome: 'applied', verified: true });
    expect(group.members.has(user.userName)).toBe(false);
    expect(await provisioner.apply('revoke', target, {})).toEqual({ outcome: 'already', verified: true });
  });

  test('reports AWS\'s request id of the change', async () => {
    const { group, user } = iamPair(managementAccount(sim));
    const result = await provisioner.apply('grant', iamMemberTarget(group, user), {});
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    await provisioner.apply('revoke', iamMemberTarget(group, user), {});
  });

  test('granting a group that is gone from AWS names it (NOT_FOUND_IN_AWS); revoking from it is "already"', async () => {
    const { group, user } = iamPair(managementAccount(sim));
    const gone = { ...group, groupName: 'DeletedGroup', arn: group.arn.replace(/[^/]+$/, 'DeletedGroup') };
    const error = await rejectionOf(provisioner.apply('grant', iamMemberTarget(gone, user), {}));
    expect(error.code).toBe('NOT_FOUND_IN_AWS');
    expect(error.message).toContain(gone.arn);
    expect(await provisioner.apply('revoke', iamMemberTarget(gone, user), {})).toMatchObject({ outcome: 'already' });
  });

  test('granting to a user that is gone from AWS names the user', async () => {
    const { group, user } = iamPair(managementAccount(sim));
    const gone = { ...user, userName: 'departed', arn: user.arn.replace(/[^/]+$/, 'departed') };
    const error = await rejectionOf(provisioner.apply('grant', iamMemberTarget(group, gone), {}));
    expect(error.code).toBe('NOT_FOUND_IN_AWS');
    expect(error.message).toContain('departed');
  });
});

describe('Identity Center user → Identity Center group', () => {
  test('grants, revokes (GetGroupMembershipId), and a repeat of either is "already"', async () => {
    const ic = identityCenterOf(sim);
    const { groupId, userId } = ssoPair(ic);
    const target = ssoMemberTarget(groupId, userId);

    expect(await provisioner.apply('grant', target, {})).toMatchObject({ outcome: 'applied', verified: true });
    expect(membershipOf(ic, groupId, userId)).toBeDefined();
    expect(await provisioner.apply('grant', target, {})).toEqual({ outcome: 'already', verified: true });

    let revoked;
    const calls = await callsDuring(provisioner, async () => (revoked = await provisioner.apply('revoke', target, {})));
    expect(revoked).toMatchObject({ outcome: 'applied', verified: true });
    expect(calls).toEqual({ 'identitystore:GetGroupMembershipId': 2, 'identitystore:DeleteGroupMembership': 1 });
    expect(membershipOf(ic, groupId, userId)).toBeUndefined();
    expect(await provisioner.apply('revoke', target, {})).toEqual({ outcome: 'already', verified: true });
  });

  test('granting a group that is gone from AWS names the group', async () => {
    const ic = identityCenterOf(sim);
    const { userId } = ssoPair(ic);
    const missing = '90676b5d10-00000000-0000-4000-8000-000000000000';
    const error = await rejectionOf(provisioner.apply('grant', ssoMemberTarget(missing, userId), {}));
    expect(error.code).toBe('NOT_FOUND_IN_AWS');
    expect(error.message).toContain(missing);
  });
});

describe('permission set on an account', () => {
  test.each(['USER', 'GROUP'] as const)('to a %s: grants, revokes, and a repeat of either is "already"', async (type) => {
    const ic = identityCenterOf(sim);
    const accountId = activeMemberAccountId(sim);
    const principalId = type === 'USER' ? [...ic.users.keys()][0]! : [...ic.groups.keys()][0]!;
    const permissionSetArn = [...ic.permissionSets.keys()].find((arn) => !isAssigned(ic, accountId, arn, principalId))!;
    const target = assignmentTarget(ic, accountId, permissionSetArn, { type, id: principalId });

    const seen: string[] = [];
    const granted = await provisioner.apply('grant', target, { onRequestId: async (id) => void seen.push(id) });
    expect(granted).toMatchObject({ outcome: 'applied', verified: true });
    expect(granted.requestId).toBe(seen[0]);
    expect(isAssigned(ic, accountId, permissionSetArn, principalId)).toBe(true);
    expect(await provisioner.apply('grant', target, {})).toEqual({ outcome: 'already', verified: true });

    expect(await provisioner.apply('revoke', target, {})).toMatchObject({ outcome: 'applied', verified: true });
    expect(isAssigned(ic, accountId, permissionSetArn, principalId)).toBe(false);
    expect(await provisioner.apply('revoke', target, {})).toEqual({ outcome: 'already', verified: true });
  });

  test('granting a permission set that is gone from AWS names it', async () => {
    const ic = identityCenterOf(sim);
    const missing = `${ic.instanceArn.replace(':instance/', ':permissionSet/')}/ps-0000000000000000`;
    const error = await rejectionOf(provisioner.apply('grant', assignmentTarget(ic, activeMemberAccountId(sim), missing, { type: 'USER', id: [...ic.users.keys()][0]! }), {}));
    expect(error.code).toBe('NOT_FOUND_IN_AWS');
    expect(error.message).toContain('ps-0000000000000000');
  });
});

describe('check', () => {
  test('refuses an IAM role, naming why and what to grant instead', () => {
    const role = [...managementAccount(sim).iam.roles.values()][0]!;
    const { group, user } = iamPair(managementAccount(sim));
    const target = { ...iamMemberTarget(group, user), principal: { resourceType: 'iam_role', externalId: role.arn, displayName: role.roleName, attributes: {} } };
    expect(() => provisioner.check('grant', target)).toThrow(expect.objectContaining({ code: 'NOT_PROVISIONABLE', message: expect.stringMatching(/IAM roles are assumed, not granted/) }));
  });

  test('refuses a permission-set resource, and apply refuses it before calling AWS', async () => {
    const ic = identityCenterOf(sim);
    const arn = [...ic.permissionSets.keys()][0]!;
    const target = assignmentTarget(ic, activeMemberAccountId(sim), arn, { type: 'USER', id: [...ic.users.keys()][0]! });
    target.entitlement = { ...target.entitlement, resourceType: 'permission_set', resourceExternalId: arn, slug: 'member' };
    expect(() => provisioner.check('revoke', target)).toThrow(expect.objectContaining({ code: 'NOT_PROVISIONABLE' }));
    expect((await rejectionOf(provisioner.apply('revoke', target, {}))).code).toBe('NOT_PROVISIONABLE');
  });
});

describe('errors', () => {
  test('a denied grant names the missing action and the policy line to add', async () => {
    const role = managementAccount(sim).iam.roles.get('RRCUIntegration')!;
    const saved = new Map(role.inlinePolicies);
    role.inlinePolicies.set('DenyAdd', { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:AddUserToGroup', Resource: '*' }] });
    try {
      const { group, user } = iamPair(managementAccount(sim));
      const error = await rejectionOf(provisioner.apply('grant', iamMemberTarget(group, user), {}));
      expect(error.code).toBe('ACTION_DENIED');
      expect(error.message).toContain('iam:AddUserToGroup');
      expect(error.fix).toContain('iam:AddUserToGroup');
    } finally {
      role.inlinePolicies.clear();
      for (const [name, policy] of saved) role.inlinePolicies.set(name, policy);
    }
  });

  test('the connector offers a provisioner on the same settings', async () => {
    const connector = createAwsConnector(configFor(sim), { baseCredentials: { ...sim.world.rrcu }, maxAttempts: 3, now: () => sim.now() });
    const fromConnector = connector.provisioner?.();
    expect(fromConnector).toBeDefined();
    const { group, user } = iamPair(managementAccount(sim));
    expect(await fromConnector!.apply('revoke', iamMemberTarget(group, user), {})).toEqual({ outcome: 'already', verified: true });
    await fromConnector!.close();
    await connector.close();
  });
});
