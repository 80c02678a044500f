/** IAM users: list, get, create, delete, tags, and the groups a user is in. */
import type { CallContext } from '../../service.ts';
import type { IamUser } from '../../state.ts';
import {
  accountArn,
  alreadyExists,
  deleteConflict,
  findByName,
  iamOf,
  mergeTags,
  nameInput,
  newIamId,
  noSuchEntity,
  paginate,
  pathInput,
  pathPrefixFilter,
  tagsInput,
  validationError,
  listInput,
} from './common.ts';
import type { Input } from './common.ts';
import { groupOutput, userOutput } from './outputs.ts';

/** The named user, after authorizing `action` on its ARN (or on the ARN it would have, so a denial comes before a NoSuchEntity). */
export function authorizedUser(ctx: CallContext, action: string, input: Input): IamUser {
  const name = nameInput(input, 'UserName');
  const user = findByName(iamOf(ctx).users, name);
  ctx.authorize(action, user?.arn ?? accountArn(ctx, 'user', '/', name));
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
}

function listUsers(ctx: CallContext, input: Input) {
  ctx.authorize('iam:ListUsers', accountArn(ctx, 'user', '/', ''));
  const page = paginate(pathPrefixFilter([...iamOf(ctx).users.values()], input), input, (u) => u.userName);
  return { Users: page.items.map((u) => userOutput(u)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

function getUser(ctx: CallContext, input: Input) {
  if (input.UserName === undefined) {
    // Without a name, GetUser describes the caller: a user, or the account's root user.
    const { caller } = ctx;
    if (caller.key.kind === 'assumed-role') throw validationError('Must specify userName when calling with non-User credentials');
    ctx.authorize('iam:GetUser', caller.arn);
    if (caller.key.kind === 'root') return { User: { UserId: caller.accountId, Arn: caller.arn, CreateDate: new Date(0) } };
    const user = findByName(iamOf(ctx).users, caller.key.principalName ?? '');
    if (!user) throw noSuchEntity(`The user with name ${caller.key.principalName} cannot be found.`);
    return { User: userOutput(user, true) };
  }
  return { User: userOutput(authorizedUser(ctx, 'iam:GetUser', input), true) };
}

function createUser(ctx: CallContext, input: Input) {
  const name = nameInput(input, 'UserName');
  const path = pathInput(input);
  const arn = accountArn(ctx, 'user', path, name);
  ctx.authorize('iam:CreateUser', arn);
  const iam = iamOf(ctx);
  if (findByName(iam.users, name)) throw alreadyExists(`User with name ${name} already exists.`);
  const user: IamUser = {
    userName: name,
    userId: newIamId('AIDA'),
    arn,
    path,
    createDate: new Date(ctx.now()),
    tags: tagsInput(input),
    groups: new Set(),
    attachedPolicyArns: new Set(),
    inlinePolicies: new Map(),
  };
  iam.users.set(name, user);
  return { User: userOutput(user, true) };
}

function deleteUser(ctx: CallContext, input: Input) {
  const user = authorizedUser(ctx, 'iam:DeleteUser', input);
  if (user.groups.size > 0) throw deleteConflict('Cannot delete entity, must remove users from group first.');
  if (user.attachedPolicyArns.size > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (user.inlinePolicies.size > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if ((user.accessKeys ?? []).length > 0) throw deleteConflict('Cannot delete entity, must delete access keys first.');
  for (const key of ctx.state.accessKeys.values()) {
    if (key.kind === 'user' && key.accountId === ctx.caller.accountId && key.principalName === user.userName) {
      throw deleteConflict('Cannot delete entity, must delete access keys first.');
    }
  }
  iamOf(ctx).users.delete(user.userName);
  return undefined;
}

function tagUser(ctx: CallContext, input: Input) {
  const user = authorizedUser(ctx, 'iam:TagUser', input);
  user.tags = mergeTags(user.tags, tagsInput(input));
  return undefined;
}

function untagUser(ctx: CallContext, input: Input) {
  const user = authorizedUser(ctx, 'iam:UntagUser', input);
  const keys = new Set(listInput(input, 'TagKeys').map(String));
  user.tags = user.tags.filter((t) => !keys.has(t.Key));
  return undefined;
}

function listUserTags(ctx: CallContext, input: Input) {
  const user = authorizedUser(ctx, 'iam:ListUserTags', input);
  const page = paginate(user.tags, input, (t) => t.Key);
  return { Tags: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

function listGroupsForUser(ctx: CallContext, input: Input) {
  const user = authorizedUser(ctx, 'iam:ListGroupsForUser', input);
  const iam = iamOf(ctx);
  const groups = [...user.groups].flatMap((g) => {
    const group = iam.groups.get(g);
    return group ? [group] : [];
  });
  const page = paginate(groups, input, (g) => g.groupName);
  return { Groups: page.items.map(groupOutput), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export const userOperations = {
  ListUsers: listUsers,
  GetUser: getUser,
  CreateUser: createUser,
  DeleteUser: deleteUser,
  TagUser: tagUser,
  UntagUser: untagUser,
  ListUserTags: listUserTags,
  ListGroupsForUser: listGroupsForUser,
};
