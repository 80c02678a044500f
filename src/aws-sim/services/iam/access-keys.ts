/**
 * IAM users' access keys: ListAccessKeys and GetAccessKeyLastUsed. A user's keys are the ones the world
 * records on the user (seeded with ages and last use) and any key the simulator accepts signatures
 * from for that user, so RRCU's own key shows up as AWS would list it.
 */
import type { CallContext } from '../../service.ts';
import type { IamAccessKey, IamUser, SimState } from '../../state.ts';
import { accountArn, findByName, iamOf, noSuchEntity, optionalString, paginate, validationError } from './common.ts';
import type { Input } from './common.ts';
import { authorizedUser } from './users.ts';

/** The user's keys, oldest first (the credential report's key 1 and key 2 follow this order). */
export function accessKeysOf(state: SimState, accountId: string, user: IamUser): IamAccessKey[] {
  const keys = [...(user.accessKeys ?? [])];
  const recorded = new Set(keys.map((k) => k.accessKeyId));
  for (const key of state.accessKeys.values()) {
    if (key.kind === 'user' && key.accountId === accountId && key.principalName === user.userName && !recorded.has(key.accessKeyId)) {
      keys.push({ accessKeyId: key.accessKeyId, status: 'Active', createDate: user.createDate });
    }
  }
  return keys.sort((a, b) => a.createDate.getTime() - b.createDate.getTime() || (a.accessKeyId < b.accessKeyId ? -1 : 1));
}

/** Without UserName, ListAccessKeys lists the calling user's keys, as IAM does. */
function listAccessKeys(ctx: CallContext, input: Input) {
  let user: IamUser;
  if (input.UserName === undefined) {
    const { caller } = ctx;
    if (caller.key.kind !== 'user') throw validationError('Must specify userName when calling with non-User credentials');
    ctx.authorize('iam:ListAccessKeys', caller.arn);
    const found = findByName(iamOf(ctx).users, caller.key.principalName ?? '');
    if (!found) throw noSuchEntity(`The user with name ${caller.key.principalName} cannot be found.`);
    user = found;
  } else {
    user = authorizedUser(ctx, 'iam:ListAccessKeys', input);
  }
  const page = paginate(accessKeysOf(ctx.state, ctx.caller.accountId, user), input, (k) => k.accessKeyId);
  return {
    AccessKeyMetadata: page.items.map((k) => ({ UserName: user.userName, AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: k.createDate })),
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
}

/** A key never used answers `N/A` for service and region and no date, as IAM does. */
function getAccessKeyLastUsed(ctx: CallContext, input: Input) {
  const keyId = optionalString(input, 'AccessKeyId') ?? '';
  if (!/^[\w]{16,128}$/.test(keyId)) {
    throw validationError(`1 validation error detected: Value '${keyId}' at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+`);
  }
  for (const user of iamOf(ctx).users.values()) {
    const key = accessKeysOf(ctx.state, ctx.caller.accountId, user).find((k) => k.accessKeyId === keyId);
    if (!key) continue;
    ctx.authorize('iam:GetAccessKeyLastUsed', user.arn);
    return {
      UserName: user.userName,
      AccessKeyLastUsed: key.lastUsed
        ? { LastUsedDate: key.lastUsed.date, ServiceName: key.lastUsed.serviceName, Region: key.lastUsed.region }
        : { ServiceName: 'N/A', Region: 'N/A' },
    };
  }
  ctx.authorize('iam:GetAccessKeyLastUsed', accountArn(ctx, 'user', '/', '*'));
  throw noSuchEntity(`The Access Key with id ${keyId} cannot be found`);
}

export const accessKeyOperations = {
  ListAccessKeys: listAccessKeys,
  GetAccessKeyLastUsed: getAccessKeyLastUsed,
};
