/**
 * Removing Identity Center group members under the setup guide's Terraform policy, which lacks
 * identitystore:GetGroupMembershipId: the provisioner uses the membership id of the last sync, or
 * finds it by listing the group's members (allowed by both of the guide's policies).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/aws-sim/index.ts';
import type { AwsProvisioner } from '../../../src/connectors/aws/provision/provisioner.ts';
import { callsDuring, identityCenterOf, membershipOf, provisionerFor, ssoMemberTarget, ssoPair } from '../../harness/aws-provision.ts';
import { allowConnector } from '../../harness/identity-center.ts';

let sim: Simulator;
let provisioner: AwsProvisioner;

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 0, seed: { seed: 72, users: 20, groups: 5, connectorPolicy: 'terraform' } });
  provisioner = provisionerFor(sim);
});
afterAll(async () => {
  await provisioner.close();
  await sim.stop();
});

/** Adds the user to the group as an administrator would, outside RRCU; the new membership's id. */
async function addMember(groupId: string, userId: string): Promise<string> {
  expect(await provisioner.apply('grant', ssoMemberTarget(groupId, userId), {})).toMatchObject({ outcome: 'applied' });
  return membershipOf(identityCenterOf(sim), groupId, userId)!.membershipId;
}

describe('with the Terraform policy (no GetGroupMembershipId)', () => {
  test('revokes without a synced membership id, by listing the group', async () => {
    const ic = identityCenterOf(sim);
    const { groupId, userId } = ssoPair(ic, 0);
    await addMember(groupId, userId);
    let result;
    const calls = await callsDuring(provisioner, async () => (result = await provisioner.apply('revoke', ssoMemberTarget(groupId, userId), {})));
    expect(result).toMatchObject({ outcome: 'applied', verified: true });
    expect(membershipOf(ic, groupId, userId)).toBeUndefined();
    expect(calls['identitystore:ListGroupMemberships']).toBeGreaterThan(0);
    expect(calls['identitystore:DeleteGroupMembership']).toBe(1);
    expect(await provisioner.apply('revoke', ssoMemberTarget(groupId, userId), {})).toEqual({ outcome: 'already', verified: true });
  });

  test('revokes with the membership id of the last sync', async () => {
    const ic = identityCenterOf(sim);
    const { groupId, userId } = ssoPair(ic, 1);
    const membershipId = await addMember(groupId, userId);
    let result;
    const calls = await callsDuring(provisioner, async () => (result = await provisioner.apply('revoke', ssoMemberTarget(groupId, userId, { membershipId }), {})));
    expect(result).toMatchObject({ outcome: 'applied', verified: true });
    // Deleted by the synced id at once; only the read-back lists the group.
    expect(calls['identitystore:DeleteGroupMembership']).toBe(1);
    expect(calls['identitystore:ListGroupMemberships']).toBe(1);
    expect(membershipOf(ic, groupId, userId)).toBeUndefined();
    expect(await provisioner.apply('revoke', ssoMemberTarget(groupId, userId, { membershipId }), {})).toEqual({ outcome: 'already', verified: true });
  });

  test('revokes when the synced membership id is stale (the user was removed and added again since)', async () => {
    const ic = identityCenterOf(sim);
    const { groupId, userId } = ssoPair(ic, 2);
    const stale = await addMember(groupId, userId);
    await provisioner.apply('revoke', ssoMemberTarget(groupId, userId), {});
    const current = await addMember(groupId, userId);
    expect(current).not.toBe(stale);
    expect(await provisioner.apply('revoke', ssoMemberTarget(groupId, userId, { membershipId: stale }), {})).toMatchObject({ outcome: 'applied', verified: true });
    expect(membershipOf(ic, groupId, userId)).toBeUndefined();
  });

  test('leaves the group\'s other members in place', async () => {
    const ic = identityCenterOf(sim);
    const { groupId, userId } = ssoPair(ic, 3);
    await addMember(groupId, userId);
    const others = [...ic.memberships.values()].filter((m) => m.groupId === groupId && m.userId !== userId).map((m) => m.membershipId).sort();
    await provisioner.apply('revoke', ssoMemberTarget(groupId, userId), {});
    expect([...ic.memberships.values()].filter((m) => m.groupId === groupId).map((m) => m.membershipId).sort()).toEqual(others);
  });

  test('uses ListGroupMembershipsForMember when the role is allowed it', async () => {
    allowConnector(sim, ['identitystore:ListGroupMembershipsForMember']);
    // A fresh provisioner: the first one remembers the action as denied.
    const withForMember = provisionerFor(sim);
    try {
      const ic = identityCenterOf(sim);
      const { groupId, userId } = ssoPair(ic, 4);
      await addMember(groupId, userId);
      let result;
      const calls = await callsDuring(withForMember, async () => (result = await withForMember.apply('revoke', ssoMemberTarget(groupId, userId), {})));
      expect(result).toMatchObject({ outcome: 'applied', verified: true });
      expect(membershipOf(ic, groupId, userId)).toBeUndefined();
      expect(calls['identitystore:ListGroupMembershipsForMember']).toBeGreaterThan(0);
      expect(calls['identitystore:ListGroupMemberships']).toBeUndefined();
    } finally {
      await withForMember.close();
    }
  });
});
