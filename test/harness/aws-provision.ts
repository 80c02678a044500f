/**
 * What the provisioner tests share: a provisioner on a simulator, signed as RRCU is in production,
 * with short waits; and provisioning targets built from the simulated world as a sync would have
 * stored them.
 */
import type { Simulator, IamGroup, IamUser, IdentityCenter, SimAccount } from '../../src/aws-sim/index.ts';
import { createAwsProvisioner, type AwsConnectorConfig, type AwsProvisioner, type AwsSessionOptions, type ProvisioningTarget, type ProvisionTuning } from '../../src/connectors/index.ts';
import { isRrcuError, type RrcuError } from '../../src/core/errors.ts';
import { configFor } from '../../harness/sim-session.ts';

/** Polls and throttling waits of a few tens of milliseconds: the simulator is local. */
export const FAST: ProvisionTuning = { poll: { initialMs: 10, maxMs: 50 }, pollGapMs: 10, throttle: { initialMs: 20, maxMs: 200 }, throttleRetries: 500 };

export function provisionerFor(sim: Simulator, overrides: Partial<AwsConnectorConfig> = {}, sessionOptions: AwsSessionOptions = {}, tuning: Partial<ProvisionTuning> = FAST): AwsProvisioner {
  const { accessKeyId, secretAccessKey } = sim.world.rrcu;
  return createAwsProvisioner(configFor(sim, overrides), { baseCredentials: { accessKeyId, secretAccessKey }, maxAttempts: 3, now: () => sim.now(), ...sessionOptions }, tuning);
}

export function identityCenterOf(sim: Simulator): IdentityCenter {
  const ic = sim.world.state.identityCenter;
  if (!ic) throw new Error('the simulated world has no Identity Center');
  return ic;
}

export function managementAccount(sim: Simulator): SimAccount {
  return sim.world.state.accounts.get(sim.world.state.managementAccountId)!;
}

export function memberAccount(sim: Simulator): SimAccount {
  const account = [...sim.world.state.accounts.values()].find((a) => a.id !== sim.world.state.managementAccountId && !a.outsideOrganization && a.status === 'ACTIVE' && a.iam.groups.size > 0 && a.iam.users.size > 0);
  if (!account) throw new Error('the simulated world has no member account with IAM users and groups');
  return account;
}

/** A user of `account` outside `group`, and the group. */
export function iamPair(account: SimAccount): { group: IamGroup; user: IamUser } {
  for (const group of account.iam.groups.values()) {
    const user = [...account.iam.users.values()].find((u) => !group.members.has(u.userName));
    if (user) return { group, user };
  }
  throw new Error(`account ${account.id} has no user outside some group`);
}

export function iamMemberTarget(group: IamGroup, user: IamUser): ProvisioningTarget {
  return {
    entitlement: { key: `iam_group:${group.arn}#member`, resourceType: 'iam_group', resourceExternalId: group.arn, slug: 'member', displayName: 'member', attributes: {} },
    principal: { resourceType: 'iam_user', externalId: user.arn, displayName: user.userName, attributes: { userName: user.userName } },
  };
}

/** A group and a user not in it. */
export function ssoPair(ic: IdentityCenter, skip = 0): { groupId: string; userId: string } {
  const groups = [...ic.groups.keys()];
  let found = 0;
  for (const userId of ic.users.keys()) {
    for (const groupId of groups) {
      if ([...ic.memberships.values()].some((m) => m.groupId === groupId && m.userId === userId)) continue;
      if (found++ === skip) return { groupId, userId };
    }
  }
  throw new Error('every user is in every group');
}

export function ssoMemberTarget(groupId: string, userId: string, grantAttributes?: Record<string, unknown>): ProvisioningTarget {
  return {
    entitlement: { key: `sso_group:${groupId}#member`, resourceType: 'sso_group', resourceExternalId: groupId, slug: 'member', displayName: 'member', attributes: {} },
    principal: { resourceType: 'sso_user', externalId: userId, displayName: userId, attributes: {} },
    ...(grantAttributes ? { grantAttributes } : {}),
  };
}

export const membershipOf = (ic: IdentityCenter, groupId: string, userId: string) => [...ic.memberships.values()].find((m) => m.groupId === groupId && m.userId === userId);

export function assignmentTarget(ic: IdentityCenter, accountId: string, permissionSetArn: string, principal: { type: 'USER' | 'GROUP'; id: string }): ProvisioningTarget {
  const name = ic.permissionSets.get(permissionSetArn)?.name ?? permissionSetArn;
  return {
    entitlement: { key: `account:${accountId}#${permissionSetArn}`, resourceType: 'account', resourceExternalId: accountId, slug: permissionSetArn, displayName: name, attributes: { permissionSetArn, permissionSetName: name } },
    principal: { resourceType: principal.type === 'GROUP' ? 'sso_group' : 'sso_user', externalId: principal.id, displayName: principal.id, attributes: {} },
  };
}

export const isAssigned = (ic: IdentityCenter, accountId: string, permissionSetArn: string, principalId: string) =>
  [...ic.assignments.values()].some((a) => a.accountId === accountId && a.permissionSetArn === permissionSetArn && a.principalId === principalId);

/** An active member account of the organisation. */
export function activeMemberAccountId(sim: Simulator): string {
  const account = [...sim.world.state.accounts.values()].find((a) => a.id !== sim.world.state.managementAccountId && !a.outsideOrganization && a.status === 'ACTIVE');
  if (!account) throw new Error('the simulated world has no active member account');
  return account.id;
}

/** The RrcuError `promise` rejects with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<RrcuError> {
  try {
    await promise;
  } catch (error) {
    if (isRrcuError(error)) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

/** The calls `run` made, per operation: the difference of the provisioner's counts. */
export async function callsDuring(provisioner: AwsProvisioner, run: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = provisioner.apiCalls();
  await run();
  const after = provisioner.apiCalls();
  return Object.fromEntries(Object.entries(after).map(([op, n]) => [op, n - (before[op] ?? 0)]).filter(([, n]) => n !== 0));
}
