/**
 * Identity Center user → Identity Center group. Adding is CreateGroupMembership, whose duplicate is a
 * ConflictException. Removing needs the membership's id, found in the cheapest way the connector
 * role allows: GetGroupMembershipId (absent from the setup guide's Terraform policy), the id from the
 * last sync, ListGroupMembershipsForMember (beyond the guide), or ListGroupMemberships of the group,
 * which every policy of the guide allows.
 */
import {
  ConflictException,
  CreateGroupMembershipCommand,
  DeleteGroupMembershipCommand,
  GetGroupMembershipIdCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  type GroupMembership,
  type IdentitystoreClient,
} from '@aws-sdk/client-identitystore';
import type { ProvisioningResult, ProvisioningTarget } from '../../connector.ts';
import type { ProvisioningAction } from '../../../core/provisioning-target.ts';
import { identityCenterClients, IDENTITY_CENTER_PAGE_SIZE } from '../sync/identity-center.ts';
import { isAccessDenied } from '../errors.ts';
import { call, classify, isNotFound, notFoundInAws, requestIdOf, sendOptions, verifiedBy } from './answers.ts';
import type { ProvisionScope } from './scope.ts';

const GET_ID = 'identitystore:GetGroupMembershipId';
const FOR_MEMBER = 'identitystore:ListGroupMembershipsForMember';
const OF_GROUP = 'identitystore:ListGroupMemberships';

type Membership = { store: IdentitystoreClient; IdentityStoreId: string; groupId: string; userId: string };

export async function applySsoGroupMember(scope: ProvisionScope, action: ProvisioningAction, target: ProvisioningTarget): Promise<ProvisioningResult> {
  const { identityStore } = identityCenterClients(scope.session);
  const m: Membership = {
    store: identityStore,
    IdentityStoreId: (await scope.instance()).identityStoreId,
    groupId: target.entitlement.resourceExternalId,
    userId: target.principal.externalId,
  };
  return action === 'grant' ? add(scope, m) : remove(scope, m, target.grantAttributes?.membershipId);
}

async function add(scope: ProvisionScope, m: Membership): Promise<ProvisioningResult> {
  let output;
  try {
    output = await m.store.send(new CreateGroupMembershipCommand({ IdentityStoreId: m.IdentityStoreId, GroupId: m.groupId, MemberId: { UserId: m.userId } }), sendOptions(scope));
  } catch (error) {
    // A concurrent change elsewhere is a conflict too; only a duplicate means the user is a member.
    if (error instanceof ConflictException && (error.Reason ?? 'UNIQUENESS_CONSTRAINT_VIOLATION') === 'UNIQUENESS_CONSTRAINT_VIOLATION') return { outcome: 'already', verified: true };
    if (isNotFound(error)) throw notFoundInAws(missingOf(error, m), error);
    throw classify(scope, 'identitystore:CreateGroupMembership', error);
  }
  const created = output.MembershipId;
  const requestId = requestIdOf(output);
  return { outcome: 'applied', ...(requestId ? { requestId } : {}), verified: await verifiedBy(scope, async () => (await findMembershipId(scope, m)) === created) };
}

async function remove(scope: ProvisionScope, m: Membership, syncedId: unknown): Promise<ProvisioningResult> {
  let membershipId = await membershipIdFromAws(scope, m);
  if (membershipId === undefined && typeof syncedId === 'string' && syncedId !== '') {
    // Membership ids are never reused and a membership cannot be changed (the Identity Store API has
    // no update for it), so the id from the last sync names this user in this group or nothing. When
    // it is gone, the user may have been removed and added again since, under a new id: look that up.
    const requestId = await deleteMembership(scope, m, syncedId);
    if (requestId !== undefined) return applied(scope, m, requestId);
  }
  if (membershipId === undefined) membershipId = await membershipIdByListing(scope, m);
  if (membershipId === null) return { outcome: 'already', verified: true };
  const requestId = await deleteMembership(scope, m, membershipId);
  // Removed by someone else between the lookup and the delete: the user is out all the same.
  if (requestId === undefined) return { outcome: 'already', verified: true };
  return applied(scope, m, requestId);
}

async function applied(scope: ProvisionScope, m: Membership, requestId: string): Promise<ProvisioningResult> {
  return { outcome: 'applied', ...(requestId ? { requestId } : {}), verified: await verifiedBy(scope, async () => (await findMembershipId(scope, m)) === null) };
}

/** Deletes one membership; its request id, '' when AWS gave none, undefined when the membership no longer exists. */
async function deleteMembership(scope: ProvisionScope, m: Membership, membershipId: string): Promise<string | undefined> {
  try {
    const output = await m.store.send(new DeleteGroupMembershipCommand({ IdentityStoreId: m.IdentityStoreId, MembershipId: membershipId }), sendOptions(scope));
    return requestIdOf(output) ?? '';
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw classify(scope, 'identitystore:DeleteGroupMembership', error);
  }
}

/** The membership's id; null when the user is not in the group (or either is gone). */
export async function findMembershipId(scope: ProvisionScope, m: Membership): Promise<string | null> {
  const answered = await membershipIdFromAws(scope, m);
  return answered === undefined ? membershipIdByListing(scope, m) : answered;
}

/** GetGroupMembershipId's answer; undefined when the action is denied (remembered, so it is asked once). */
async function membershipIdFromAws(scope: ProvisionScope, m: Membership): Promise<string | null | undefined> {
  if (scope.denied.has(GET_ID)) return undefined;
  try {
    const output = await m.store.send(new GetGroupMembershipIdCommand({ IdentityStoreId: m.IdentityStoreId, GroupId: m.groupId, MemberId: { UserId: m.userId } }), sendOptions(scope));
    return output.MembershipId ?? null;
  } catch (error) {
    if (isNotFound(error)) return null;
    if (!isAccessDenied(error)) throw classify(scope, GET_ID, error);
    scope.denied.add(GET_ID);
    return undefined;
  }
}

/**
 * The membership found in a list: the user's memberships when ListGroupMembershipsForMember is
 * allowed (a user is in a few groups, a group may hold thousands of users), else the group's members.
 */
async function membershipIdByListing(scope: ProvisionScope, m: Membership): Promise<string | null> {
  const base = { IdentityStoreId: m.IdentityStoreId, MaxResults: IDENTITY_CENTER_PAGE_SIZE };
  if (!scope.denied.has(FOR_MEMBER)) {
    try {
      return await findInPages(scope, FOR_MEMBER, (NextToken) => m.store.send(new ListGroupMembershipsForMemberCommand({ ...base, MemberId: { UserId: m.userId }, NextToken }), sendOptions(scope)), (g) => g.GroupId === m.groupId);
    } catch (error) {
      if (!isAccessDenied(error)) throw error;
      scope.denied.add(FOR_MEMBER);
    }
  }
  return findInPages(scope, OF_GROUP, (NextToken) => m.store.send(new ListGroupMembershipsCommand({ ...base, GroupId: m.groupId, NextToken }), sendOptions(scope)), (g) => g.MemberId !== undefined && 'UserId' in g.MemberId && g.MemberId.UserId === m.userId);
}

/** The id of the first membership matching `wanted` across the pages; null when none does or the listed user or group is gone. */
async function findInPages(
  scope: ProvisionScope,
  action: string,
  page: (token: string | undefined) => Promise<{ GroupMemberships?: GroupMembership[]; NextToken?: string }>,
  wanted: (g: GroupMembership) => boolean,
): Promise<string | null> {
  let token: string | undefined;
  do {
    let output;
    try {
      output = await call(scope, action, () => page(token));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const found = (output.GroupMemberships ?? []).find(wanted);
    if (found) return found.MembershipId ?? null;
    token = output.NextToken;
  } while (token);
  return null;
}

/** Which of the two AWS found missing, from the ResourceType it names. */
function missingOf(error: unknown, m: Membership): string {
  const type = (error as { ResourceType?: string }).ResourceType;
  if (type === 'USER') return `Identity Center user ${m.userId}`;
  if (type === 'GROUP') return `Identity Center group ${m.groupId}`;
  return `Identity Center group ${m.groupId} or user ${m.userId}`;
}
