/** What the Identity Store operations share: id patterns, errors, the store a call names, lookups and answer shapes. */
import { randomUUID } from 'node:crypto';
import { AwsError, type CallContext } from '../../service.ts';
import type { EnterpriseAttributes, GroupMembership, IdentityCenter, SsoGroup, SsoUser } from '../../state.ts';
import { constraintMessage, matchingString, optionalArray, optionalObject, requiredObject, validationError, type Input } from '../json-input.ts';
import type { PageErrors } from '../pagination.ts';
import { refusesExtensions } from '../../faults.ts';

const IDENTITY_STORE_ID = /^(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export const RESOURCE_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
export const USER_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

export const PAGE_LIMITS = { max: 100 };
export const PAGE_ERRORS: PageErrors = { badMaxResults: validationError, badToken: validationError };

export type ResourceType = 'IDENTITY_STORE' | 'USER' | 'GROUP' | 'GROUP_MEMBERSHIP';

export function notFound(type: ResourceType, id: string): AwsError {
  const what = { IDENTITY_STORE: 'Identity store', USER: 'User', GROUP: 'Group', GROUP_MEMBERSHIP: 'Group membership' }[type];
  return new AwsError('ResourceNotFoundException', `${what} ${id} not found.`, 400, { ResourceType: type, ResourceId: id });
}

export function conflict(message: string): AwsError {
  return new AwsError('ConflictException', message, 400, { Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION' });
}

/** Authorizes `identitystore:<action>` on the named identity store, then returns the instance holding it. */
export function openStore(ctx: CallContext, input: Input, action: string): IdentityCenter {
  const id = matchingString(input, 'IdentityStoreId', IDENTITY_STORE_ID);
  const ic = ctx.state.identityCenter;
  ctx.authorize(`identitystore:${action}`, `arn:aws:identitystore::${ic?.ownerAccountId ?? ctx.caller.accountId}:identitystore/${id}`);
  if (!ic || ic.identityStoreId !== id || ic.region !== ctx.region) throw notFound('IDENTITY_STORE', id);
  return ic;
}

export function resourceId(input: Input, member: string): string {
  return matchingString(input, member, RESOURCE_ID);
}

/** `MemberId` is a union with one member today, `UserId`. */
export function memberUserId(input: Input): string {
  return resourceId(requiredObject(input, 'MemberId'), 'UserId');
}

export function getUser(ic: IdentityCenter, userId: string): SsoUser {
  const user = ic.users.get(userId);
  if (!user) throw notFound('USER', userId);
  return user;
}

export function getGroup(ic: IdentityCenter, groupId: string): SsoGroup {
  const group = ic.groups.get(groupId);
  if (!group) throw notFound('GROUP', groupId);
  return group;
}

/** The only extension Identity Store knows; a caller names it in `Extensions` to get its attributes. */
export const ENTERPRISE_EXTENSION = 'aws:identitystore:enterprise';

/**
 * `Extensions` of ListUsers and DescribeUser (`operation`): 1 to 10 names matching
 * `aws:identitystore:[a-z]{1,20}`; an injected `extensions-refused` fault refuses any.
 */
export function extensionsInput(ctx: CallContext, input: Input, operation: string): Set<string> {
  const names = optionalArray(input, 'Extensions');
  if (names === undefined) return new Set();
  if (refusesExtensions(ctx.state, `identitystore:${operation}`)) throw validationError('Extensions are not supported for this identity store.');
  if (names.length < 1 || names.length > 10) throw validationError(constraintMessage('Extensions', names, 'Member must have length between 1 and 10'));
  for (const name of names) {
    if (typeof name !== 'string' || !/^aws:identitystore:[a-z]{1,20}$/.test(name)) {
      throw validationError(constraintMessage('Extensions', names, 'Member must satisfy regular expression pattern: aws:identitystore:[a-z]{1,20}'));
    }
    if (name !== ENTERPRISE_EXTENSION) throw validationError(`Invalid extension name: ${name}. ${ENTERPRISE_EXTENSION} is the only supported extension.`);
  }
  return new Set(names as string[]);
}

/** The enterprise extension as a document: SCIM's enterprise user attributes, the manager as `{ value: <user id> }`. */
export function enterpriseDocument(attributes: EnterpriseAttributes): Record<string, unknown> {
  const { manager, ...rest } = attributes;
  return { ...rest, ...(manager === undefined ? {} : { manager: { value: manager } }) };
}

export function userShape(ic: IdentityCenter, user: SsoUser, extensions: ReadonlySet<string> = new Set()) {
  return {
    IdentityStoreId: ic.identityStoreId,
    UserId: user.userId,
    UserName: user.userName,
    ExternalIds: user.externalIds?.map((e) => ({ Issuer: e.issuer, Id: e.id })),
    Name: { GivenName: user.name.givenName, FamilyName: user.name.familyName, Formatted: user.name.formatted },
    DisplayName: user.displayName,
    Emails: user.emails.map((e) => ({ Value: e.value, Type: e.type, Primary: e.primary })),
    Title: user.title,
    UserStatus: user.status,
    CreatedAt: user.createdAt,
    Extensions: extensions.has(ENTERPRISE_EXTENSION) && user.enterprise ? { [ENTERPRISE_EXTENSION]: enterpriseDocument(user.enterprise) } : undefined,
  };
}

export function groupShape(ic: IdentityCenter, group: SsoGroup) {
  return {
    IdentityStoreId: ic.identityStoreId,
    GroupId: group.groupId,
    DisplayName: group.displayName,
    Description: group.description,
    CreatedAt: group.createdAt,
  };
}

export function membershipShape(ic: IdentityCenter, m: GroupMembership) {
  return { IdentityStoreId: ic.identityStoreId, MembershipId: m.membershipId, GroupId: m.groupId, MemberId: { UserId: m.userId } };
}

export function findMembership(ic: IdentityCenter, groupId: string, userId: string): GroupMembership | undefined {
  for (const m of ic.memberships.values()) if (m.groupId === groupId && m.userId === userId) return m;
  return undefined;
}

/** Ids of new resources: `<identity store suffix>-<uuid>`, as stores created since 2022 issue them. */
export function newResourceId(ic: IdentityCenter): string {
  const suffix = ic.identityStoreId.slice(2);
  return /^[0-9a-f]{10}$/.test(suffix) ? `${suffix}-${randomUUID()}` : randomUUID();
}

/** The deprecated `Filters` of ListUsers / ListGroups: at most one, on the one attribute AWS allows. */
export function listFilter(input: Input, attribute: string): string | undefined {
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

export type AlternateIdentifier = { path: string; value: string } | { issuer: string; id: string };

export function alternateIdentifier(input: Input): AlternateIdentifier {
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
