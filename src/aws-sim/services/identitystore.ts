/**
 * Identity Store (JSON 1.1, target prefix `AWSIdentityStore`): the users, groups and group
 * memberships of the Identity Center instance.
 *
 * Every call names an `IdentityStoreId`; it must be the instance's, and the request must be signed
 * for the instance's region: elsewhere AWS has no such identity store (`ResourceNotFoundException`
 * with `ResourceType: IDENTITY_STORE`).
 */
import { randomUUID } from 'node:crypto';
import { AwsError, type CallContext, type ServiceDefinition } from '../service.ts';
import type { GroupMembership, IdentityCenter, SsoGroup, SsoUser } from '../state.ts';
import {
  constraintMessage,
  matchingString,
  optionalArray,
  optionalObject,
  optionalString,
  requiredObject,
  validationError,
  type Input,
} from './json-input.ts';
import { paginate, type PageErrors } from './pagination.ts';

const IDENTITY_STORE_ID = /^(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const RESOURCE_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
const USER_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

const PAGE_LIMITS = { max: 100 };
const PAGE_ERRORS: PageErrors = { badMaxResults: validationError, badToken: validationError };

type ResourceType = 'IDENTITY_STORE' | 'USER' | 'GROUP' | 'GROUP_MEMBERSHIP';

function notFound(type: ResourceType, id: string): AwsError {
  const what = { IDENTITY_STORE: 'Identity store', USER: 'User', GROUP: 'Group', GROUP_MEMBERSHIP: 'Group membership' }[type];
  return new AwsError('ResourceNotFoundException', `${what} ${id} not found.`, 400, { ResourceType: type, ResourceId: id });
}

function conflict(message: string): AwsError {
  return new AwsError('ConflictException', message, 400, { Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION' });
}

/** Authorizes `identitystore:<action>` on the named identity store, then returns the instance holding it. */
function openStore(ctx: CallContext, input: Input, action: string): IdentityCenter {
  const id = matchingString(input, 'IdentityStoreId', IDENTITY_STORE_ID);
  const ic = ctx.state.identityCenter;
  ctx.authorize(`identitystore:${action}`, `arn:aws:identitystore::${ic?.ownerAccountId ?? ctx.caller.accountId}:identitystore/${id}`);
  if (!ic || ic.identityStoreId !== id || ic.region !== ctx.region) throw notFound('IDENTITY_STORE', id);
  return ic;
}

function resourceId(input: Input, member: string): string {
  return matchingString(input, member, RESOURCE_ID);
}

/** `MemberId` is a union with one member today, `UserId`. */
function memberUserId(input: Input): string {
  return resourceId(requiredObject(input, 'MemberId'), 'UserId');
}

function getUser(ic: IdentityCenter, userId: string): SsoUser {
  const user = ic.users.get(userId);
  if (!user) throw notFound('USER', userId);
  return user;
}

function getGroup(ic: IdentityCenter, groupId: string): SsoGroup {
  const group = ic.groups.get(groupId);
  if (!group) throw notFound('GROUP', groupId);
  return group;
}

function userShape(ic: IdentityCenter, user: SsoUser) {
  return {
    IdentityStoreId: ic.identityStoreId,
    UserId: user.userId,
    UserName: user.userName,
    ExternalIds: user.externalIds?.map((e) => ({ Issuer: e.issuer, Id: e.id })),
    Name: { GivenName: user.name.givenName, FamilyName: user.name.familyName, Formatted: user.name.formatted },
    DisplayName: user.displayName,
    Emails: user.emails.map((e) => ({ Value: e.value, Type: e.type, Primary: e.primary })),
    UserStatus: user.status,
    CreatedAt: user.createdAt,
  };
}

function groupShape(ic: IdentityCenter, group: SsoGroup) {
  return {
    IdentityStoreId: ic.identityStoreId,
    GroupId: group.groupId,
    DisplayName: group.displayName,
    Description: group.description,
    CreatedAt: group.createdAt,
  };
}

function membershipShape(ic: IdentityCenter, m: GroupMembership) {
  return { IdentityStoreId: ic.identityStoreId, MembershipId: m.membershipId, GroupId: m.groupId, MemberId: { UserId: m.userId } };
}

/** Ids of new resources: `<identity store suffix>-<uuid>`, as stores created since 2022 issue them. */
function newResourceId(ic: IdentityCenter): string {
  const suffix = ic.identityStoreId.slice(2);
  return /^[0-9a-f]{10}$/.test(suffix) ? `${suffix}-${randomUUID()}` : randomUUID();
}

/** The deprecated `Filters` of ListUsers / ListGroups: at most one, on the one attribute AWS allows. */
function listFilter(input: Input, attribute: string): string | undefined {
  const filters = optionalArray(input, 'Filters') ?? [];
  if (filters.length === 0) return undefined;
  const first = filters[0] as Input;
  if (filters.length > 1 || typeof first !== 'object' || first === null || first.AttributePath !== attribute) {
    throw validationError(`Only one filter on the attribute path '${attribute}' is supported.`);
  }
  const value = first.AttributeValue;
  if (typeof value !== 'string' || value === '') throw validationError(constraintMessage('AttributeValue', value, 'Member must not be null'));
  return value;
}

function listUsers(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'ListUsers');
  const userName = listFilter(input, 'UserName');
  const users = [...ic.users.values()].filter((u) => userName === undefined || u.userName === userName);
  const page = paginate(users, input, `ListUsers:${userName ?? ''}`, PAGE_LIMITS, PAGE_ERRORS);
  return { Users: page.items.map((u) => userShape(ic, u)), NextToken: page.nextToken };
}

function describeUser(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'DescribeUser');
  return userShape(ic, getUser(ic, resourceId(input, 'UserId')));
}

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

type AlternateIdentifier = { path: string; value: string } | { issuer: string; id: string };

function alternateIdentifier(input: Input): AlternateIdentifier {
  const alternate = requiredObject(input, 'AlternateIdentifier');
  const unique = optionalObject(alternate, 'UniqueAttribute');
  if (unique) {
    const path = typeof unique.AttributePath === 'string' ? unique.AttributePath : '';
    if (typeof unique.AttributeValue !== 'string') {
      throw validationError(constraintMessage('AttributeValue', unique.AttributeValue, 'Member must be a string'));
    }
    return { path: path.toLowerCase(), value: unique.AttributeValue };
  }
  const external = optionalObject(alternate, 'ExternalId');
  if (external && typeof external.Issuer === 'string' && typeof external.Id === 'string') {
    return { issuer: external.Issuer, id: external.Id };
  }
  throw validationError('AlternateIdentifier must set UniqueAttribute or ExternalId.');
}

function getUserId(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'GetUserId');
  const key = alternateIdentifier(input);
  const user = [...ic.users.values()].find((u) => {
    if ('issuer' in key) return u.externalIds?.some((e) => e.issuer === key.issuer && e.id === key.id) ?? false;
    if (key.path === 'username') return u.userName === key.value;
    if (key.path === 'emails.value') return u.emails.some((e) => e.value === key.value);
    throw validationError(`GetUserId does not support the attribute path '${key.path}'. Use userName or emails.value.`);
  });
  if (!user) throw notFound('USER', 'value' in key ? key.value : key.id);
  return { UserId: user.userId, IdentityStoreId: ic.identityStoreId };
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

function findMembership(ic: IdentityCenter, groupId: string, userId: string): GroupMembership | undefined {
  for (const m of ic.memberships.values()) if (m.groupId === groupId && m.userId === userId) return m;
  return undefined;
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

function nameInput(input: Input): SsoUser['name'] {
  const name = optionalObject(input, 'Name') ?? {};
  const text = (member: string) => (typeof name[member] === 'string' ? (name[member] as string) : undefined);
  return { givenName: text('GivenName') ?? '', familyName: text('FamilyName') ?? '', formatted: text('Formatted') };
}

function emailsInput(input: Input): SsoUser['emails'] {
  return (optionalArray(input, 'Emails') ?? []).flatMap((e) => {
    const email = e as Input;
    if (typeof email !== 'object' || email === null || typeof email.Value !== 'string') return [];
    return [{ value: email.Value, type: typeof email.Type === 'string' ? email.Type : undefined, primary: email.Primary === true ? true : undefined }];
  });
}

function createUser(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'CreateUser');
  const userName = matchingString(input, 'UserName', USER_NAME);
  const displayName = optionalString(input, 'DisplayName') ?? userName;
  if ([...ic.users.values()].some((u) => u.userName.toLowerCase() === userName.toLowerCase())) {
    throw conflict(`Duplicate UserName: a user named '${userName}' already exists in identity store ${ic.identityStoreId}.`);
  }
  const user: SsoUser = {
    userId: newResourceId(ic),
    userName,
    displayName,
    name: nameInput(input),
    emails: emailsInput(input),
    status: 'ENABLED',
    createdAt: new Date(ctx.now()),
  };
  ic.users.set(user.userId, user);
  return { UserId: user.userId, IdentityStoreId: ic.identityStoreId };
}

/** The attributes UpdateUser may replace here; others are answered with AWS's validation error. */
const UPDATABLE_USER_ATTRIBUTES: Record<string, (user: SsoUser, value: string) => void> = {
  username: (u, v) => (u.userName = v),
  displayname: (u, v) => (u.displayName = v),
  'name.givenname': (u, v) => (u.name.givenName = v),
  'name.familyname': (u, v) => (u.name.familyName = v),
  'name.formatted': (u, v) => (u.name.formatted = v),
};

function updateUser(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'UpdateUser');
  const user = getUser(ic, resourceId(input, 'UserId'));
  const operations = optionalArray(input, 'Operations') ?? [];
  if (operations.length < 1 || operations.length > 100) {
    throw validationError(constraintMessage('Operations', operations, 'Member must have length between 1 and 100'));
  }
  for (const op of operations) {
    const operation = op as Input;
    const path = typeof operation.AttributePath === 'string' ? operation.AttributePath.toLowerCase() : '';
    const apply = UPDATABLE_USER_ATTRIBUTES[path];
    if (!apply || typeof operation.AttributeValue !== 'string') {
      throw validationError(`Invalid attribute path or value in UpdateUser operation: '${String(operation.AttributePath)}'.`);
    }
    apply(user, operation.AttributeValue);
  }
  return {};
}

function deleteUser(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'DeleteUser');
  const userId = resourceId(input, 'UserId');
  getUser(ic, userId);
  ic.users.delete(userId);
  for (const [id, m] of ic.memberships) if (m.userId === userId) ic.memberships.delete(id);
  return {};
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

export const identityStoreService: ServiceDefinition = {
  name: 'identitystore',
  operations: {
    ListUsers: listUsers,
    DescribeUser: describeUser,
    ListGroups: listGroups,
    DescribeGroup: describeGroup,
    GetUserId: getUserId,
    GetGroupId: getGroupId,
    ListGroupMemberships: listGroupMemberships,
    ListGroupMembershipsForMember: listGroupMembershipsForMember,
    GetGroupMembershipId: getGroupMembershipId,
    DescribeGroupMembership: describeGroupMembership,
    IsMemberInGroups: isMemberInGroups,
    CreateGroupMembership: createGroupMembership,
    DeleteGroupMembership: deleteGroupMembership,
    CreateUser: createUser,
    UpdateUser: updateUser,
    DeleteUser: deleteUser,
    CreateGroup: createGroup,
    DeleteGroup: deleteGroup,
  },
};
