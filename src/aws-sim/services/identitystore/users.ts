/** Identity Store users: list, describe, find by an alternate identifier, create, update, delete. */
import type { CallContext } from '../../service.ts';
import type { SsoUser } from '../../state.ts';
import { constraintMessage, matchingString, optionalArray, optionalObject, optionalString, validationError, type Input } from '../json-input.ts';
import { paginate } from '../pagination.ts';
import { PAGE_ERRORS, PAGE_LIMITS, USER_NAME, alternateIdentifier, extensionsInput, conflict, getUser, listFilter, newResourceId, notFound, openStore, resourceId, userShape } from './common.ts';

function listUsers(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'ListUsers');
  const userName = listFilter(input, 'UserName');
  const extensions = extensionsInput(ctx, input, 'ListUsers');
  const users = [...ic.users.values()].filter((u) => userName === undefined || u.userName === userName);
  const page = paginate(users, input, `ListUsers:${userName ?? ''}`, PAGE_LIMITS, PAGE_ERRORS);
  return { Users: page.items.map((u) => userShape(ic, u, extensions)), NextToken: page.nextToken };
}

function describeUser(ctx: CallContext, input: Input) {
  const ic = openStore(ctx, input, 'DescribeUser');
  return userShape(ic, getUser(ic, resourceId(input, 'UserId')), extensionsInput(ctx, input, 'DescribeUser'));
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

export const userOperations = {
  ListUsers: listUsers,
  DescribeUser: describeUser,
  GetUserId: getUserId,
  CreateUser: createUser,
  UpdateUser: updateUser,
  DeleteUser: deleteUser,
};
