/** Identity Store group memberships: list (by group or member), look up, test, create, delete. */
import type { CallContext } from '../../service.ts';
import type { GroupMembership } from '../../state.ts';
import { constraintMessage, optionalArray, validationError, type Input } from '../json-input.ts';
import { paginate } from '../pagination.ts';
import { PAGE_ERRORS, PAGE_LIMITS, RESOURCE_ID, conflict, findMembership, getGroup, getUser, memberUserId, membershipShape, newResourceId, notFound, openStore, resourceId } from './common.ts';

function listGroupMemberships(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'ListGroupMemberships');
  const groupId = resourceId(input, 'GroupId');
  getGroup(ic, groupId);
  const memberships = [...ic.memberships.values()].filter((m) => m.groupId === groupId);
  const page = paginate(memberships, input, `ListGroupMemberships:${groupId}`, PAGE_LIMITS, PAGE_ERRORS);
  return { GroupMemberships: page.items.map((m) => membershipShape(ic, m)), NextToken: page.nextToken };
}

function listGroupMembershipsForMember(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'ListGroupMembershipsForMember');
  const userId = memberUserId(input);
  getUser(ic, userId);
  const memberships = [...ic.memberships.values()].filter((m) => m.userId === userId);
  const page = paginate(memberships, input, `ListGroupMembershipsForMember:${userId}`, PAGE_LIMITS, PAGE_ERRORS);
  return { GroupMemberships: page.items.map((m) => membershipShape(ic, m)), NextToken: page.nextToken };
}

function getGroupMembershipId(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'GetGroupMembershipId');
  const groupId = resourceId(input, 'GroupId');
  const userId = memberUserId(input);
  const membership = findMembership(ic, groupId, userId);
  if (!membership) throw notFound('GROUP_MEMBERSHIP', `${groupId}/${userId}`);
  return { MembershipId: membership.membershipId, IdentityStoreId: ic.identityStoreId };
}

function describeGroupMembership(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'DescribeGroupMembership');
  const membershipId = resourceId(input, 'MembershipId');
  const membership = ic.memberships.get(membershipId);
  if (!membership) throw notFound('GROUP_MEMBERSHIP', membershipId);
  return membershipShape(ic, membership);
}

function isMemberInGroups(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'IsMemberInGroups');
  const userId = memberUserId(input);
  const groupIds = optionalArray(input, 'GroupIds') ?? [];
  if (groupIds.length < 1 || groupIds.length > 100) {
    throw validationError(constraintMessage('GroupIds', groupIds, 'Member must have length between 1 and 100'));
  }
  const results = groupIds.map((groupId) => {
    if (typeof groupId !== 'string' || !RESOURCE_ID.test(groupId)) {
      throw validationError(constraintMessage('GroupIds', groupId, 'Member must satisfy the GroupId pattern'));
    }
    return { GroupId: groupId, MemberId: { UserId: userId }, MembershipExists: findMembership(ic, groupId, userId) !== undefined };
  });
  return { Results: results };
}

function createGroupMembership(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'CreateGroupMembership');
  const groupId = resourceId(input, 'GroupId');
  const userId = memberUserId(input);
  getGroup(ic, groupId);
  getUser(ic, userId);
  if (findMembership(ic, groupId, userId)) throw conflict('Member and Group relationship already exists');
  const membership: GroupMembership = { membershipId: newResourceId(ic), groupId, userId };
  ic.memberships.set(membership.membershipId, membership);
  return { MembershipId: membership.membershipId, IdentityStoreId: ic.identityStoreId };
}

function deleteGroupMembership(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'DeleteGroupMembership');
  const membershipId = resourceId(input, 'MembershipId');
  if (!ic.memberships.delete(membershipId)) throw notFound('GROUP_MEMBERSHIP', membershipId);
  return {};
}

export const membershipOperations = {
  ListGroupMemberships: listGroupMemberships,
  ListGroupMembershipsForMember: listGroupMembershipsForMember,
  GetGroupMembershipId: getGroupMembershipId,
  DescribeGroupMembership: describeGroupMembership,
  IsMemberInGroups: isMemberInGroups,
  CreateGroupMembership: createGroupMembership,
  DeleteGroupMembership: deleteGroupMembership,
};
