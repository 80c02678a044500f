/** Identity Store groups: list, describe, find by display name, create, delete. */
import type { CallContext } from '../../service.ts';
import type { SsoGroup } from '../../state.ts';
import { constraintMessage, optionalString, validationError, type Input } from '../json-input.ts';
import { paginate } from '../pagination.ts';
import { PAGE_ERRORS, PAGE_LIMITS, alternateIdentifier, conflict, getGroup, groupShape, listFilter, newResourceId, notFound, openStore, resourceId } from './common.ts';

function listGroups(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'ListGroups');
  const displayName = listFilter(input, 'DisplayName');
  const groups = [...ic.groups.values()].filter((g) => displayName === undefined || g.displayName === displayName);
  const page = paginate(groups, input, `ListGroups:${displayName ?? ''}`, PAGE_LIMITS, PAGE_ERRORS);
  return { Groups: page.items.map((g) => groupShape(ic, g)), NextToken: page.nextToken };
}

function describeGroup(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'DescribeGroup');
  return groupShape(ic, getGroup(ic, resourceId(input, 'GroupId')));
}

function getGroupId(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'GetGroupId');
  const key = alternateIdentifier(input);
  if ('path' in key && key.path !== 'displayname') {
    throw validationError(`GetGroupId does not support the attribute path '${key.path}'. Use displayName.`);
  }
  const group = [...ic.groups.values()].find((g) => ('path' in key ? g.displayName === key.value : false));
  if (!group) throw notFound('GROUP', 'value' in key ? key.value : key.id);
  return { GroupId: group.groupId, IdentityStoreId: ic.identityStoreId };
}

function createGroup(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'CreateGroup');
  const displayName = optionalString(input, 'DisplayName');
  if (!displayName) throw validationError(constraintMessage('DisplayName', displayName, 'Member must not be null'));
  if ([...ic.groups.values()].some((g) => g.displayName.toLowerCase() === displayName.toLowerCase())) {
    throw conflict(`Duplicate GroupDisplayName: a group named '${displayName}' already exists in identity store ${ic.identityStoreId}.`);
  }
  const group: SsoGroup = {
    groupId: newResourceId(ic),
    displayName,
    description: optionalString(input, 'Description'),
    createdAt: new Date(ctx.now()),
  };
  ic.groups.set(group.groupId, group);
  return { GroupId: group.groupId, IdentityStoreId: ic.identityStoreId };
}

function deleteGroup(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'DeleteGroup');
  const groupId = resourceId(input, 'GroupId');
  getGroup(ic, groupId);
  ic.groups.delete(groupId);
  for (const [id, m] of ic.memberships) if (m.groupId === groupId) ic.memberships.delete(id);
  return {};
}

export const groupOperations = {
  ListGroups: listGroups,
  DescribeGroup: describeGroup,
  GetGroupId: getGroupId,
  CreateGroup: createGroup,
  DeleteGroup: deleteGroup,
};
