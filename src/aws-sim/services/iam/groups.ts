/** IAM groups and their members. AddUserToGroup and RemoveUserFromGroup are idempotent, as in AWS. */
import type { CallContext } from '../../service.ts';
import type { IamGroup } from '../../state.ts';
import { accountArn, alreadyExists, deleteConflict, findByName, iamOf, limitExceeded, nameInput, newIamId, noSuchEntity, paginate, pathInput, pathPrefixFilter } from './common.ts';
import type { Input } from './common.ts';
import { groupOutput, userOutput } from './outputs.ts';

/** IAM's quota of groups one user can be in. */
const GROUPS_PER_USER = 10;

export function authorizedGroup(ctx: CallContext, action: string, input: Input): IamGroup {
  const name = nameInput(input, 'GroupName', 128);
  const group = findByName(iamOf(ctx).groups, name);
  ctx.authorize(action, group?.arn ?? accountArn(ctx, 'group', '/', name));
  if (!group) throw noSuchEntity(`The group with name ${name} cannot be found.`);
  return group;
}

function listGroups(ctx: CallContext, input: Input) {
  ctx.authorize('iam:ListGroups', accountArn(ctx, 'group', '/', ''));
  const page = paginate(pathPrefixFilter([...iamOf(ctx).groups.values()], input), input, (g) => g.groupName);
  return { Groups: page.items.map(groupOutput), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

/** The group and one page of its members. */
function getGroup(ctx: CallContext, input: Input) {
  const group = authorizedGroup(ctx, 'iam:GetGroup', input);
  const users = iamOf(ctx).users;
  const members = [...group.members].flatMap((name) => {
    const user = users.get(name);
    return user ? [user] : [];
  });
  const page = paginate(members, input, (u) => u.userName);
  return { Group: groupOutput(group), Users: page.items.map((u) => userOutput(u)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

function createGroup(ctx: CallContext, input: Input) {
  const name = nameInput(input, 'GroupName', 128);
  const path = pathInput(input);
  const arn = accountArn(ctx, 'group', path, name);
  ctx.authorize('iam:CreateGroup', arn);
  const iam = iamOf(ctx);
  if (findByName(iam.groups, name)) throw alreadyExists(`Group with name ${name} already exists.`);
  const group: IamGroup = {
    groupName: name,
    groupId: newIamId('AGPA'),
    arn,
    path,
    createDate: new Date(ctx.now()),
    members: new Set(),
    attachedPolicyArns: new Set(),
    inlinePolicies: new Map(),
  };
  iam.groups.set(name, group);
  return { Group: groupOutput(group) };
}

function deleteGroup(ctx: CallContext, input: Input) {
  const group = authorizedGroup(ctx, 'iam:DeleteGroup', input);
  if (group.members.size > 0) throw deleteConflict('Cannot delete entity, must remove users from group first.');
  if (group.attachedPolicyArns.size > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (group.inlinePolicies.size > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
  iamOf(ctx).groups.delete(group.groupName);
  return undefined;
}

function addUserToGroup(ctx: CallContext, input: Input) {
  const group = authorizedGroup(ctx, 'iam:AddUserToGroup', input);
  const name = nameInput(input, 'UserName');
  const user = findByName(iamOf(ctx).users, name);
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  if (user.groups.has(group.groupName)) return undefined;
  if (user.groups.size >= GROUPS_PER_USER) throw limitExceeded('GroupsPerUser', GROUPS_PER_USER);
  user.groups.add(group.groupName);
  group.members.add(user.userName);
  return undefined;
}

function removeUserFromGroup(ctx: CallContext, input: Input) {
  const group = authorizedGroup(ctx, 'iam:RemoveUserFromGroup', input);
  const name = nameInput(input, 'UserName');
  const user = findByName(iamOf(ctx).users, name);
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  user.groups.delete(group.groupName);
  group.members.delete(user.userName);
  return undefined;
}

export const groupOperations = {
  ListGroups: listGroups,
  GetGroup: getGroup,
  CreateGroup: createGroup,
  DeleteGroup: deleteGroup,
  AddUserToGroup: addUserToGroup,
  RemoveUserFromGroup: removeUserFromGroup,
};
