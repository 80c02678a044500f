import { paginateListUsers, type User } from '@aws-sdk/client-identitystore';
import { isRrcuError } from '../../../core/errors.ts';
import type { ResourceItem } from '../../../core/inventory-items.ts';
import type { SyncEvent } from '../../connector.ts';
import { IDENTITY_CENTER_PAGE_SIZE, identityCenterClients, pagesOf } from './identity-center.ts';
import type { IdentityCenterInstance } from '../resource-types.ts';
import { listScimUserActivity } from './scim.ts';
import type { AwsSyncInput } from '../session/session.ts';

const SCIM_FEATURE = 'user status from SCIM';

/** Absent when neither the Identity Store nor SCIM says. */
type UserStatus = { status?: 'ENABLED' | 'DISABLED'; statusSource?: 'identitystore' | 'scim' };

/**
 * Identity Center users, page by page (Identity Store ListUsers). Whether a user is enabled comes
 * from `UserStatus` when the Identity Store returns it; otherwise, when SCIM is configured, from the
 * SCIM API's `active` flag, read once for all users the first time it is needed.
 */
export async function* syncSsoUsers(input: AwsSyncInput, instance: IdentityCenterInstance): AsyncGenerator<SyncEvent, { count: number }> {
  const { identityStore } = identityCenterClients(input.session);
  const statusOf = scimFallback(input);
  let count = 0;
  const pages = paginateListUsers({ client: identityStore, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { IdentityStoreId: instance.identityStoreId });
  for await (const page of pagesOf(input.session, pages, 'identitystore:ListUsers')) {
    for (const user of page.Users ?? []) {
      if (!user.UserId) continue;
      yield userItem(user, await statusOf(user));
      count++;
    }
    input.ctx.progress({ stage: 'identity-center-users', detail: `${count} users` });
  }
  return { count };
}

export function userItem(user: User, status: UserStatus): ResourceItem {
  const emails = user.Emails ?? [];
  const email = (emails.find((e) => e.Primary) ?? emails[0])?.Value;
  const name = user.Name && {
    formatted: user.Name.Formatted,
    givenName: user.Name.GivenName,
    familyName: user.Name.FamilyName,
    middleName: user.Name.MiddleName,
  };
  return {
    kind: 'resource',
    resourceType: 'sso_user',
    externalId: user.UserId!,
    displayName: user.UserName ?? user.UserId!,
    attributes: {
      userName: user.UserName,
      displayName: user.DisplayName,
      email,
      name,
      externalIds: (user.ExternalIds ?? []).map((e) => ({ issuer: e.Issuer, id: e.Id })),
      ...status,
    },
  };
}

/**
 * The status of a user, falling back to SCIM when the Identity Store leaves `UserStatus` out.
 *
 * A rejected SCIM token is a warning, not a failed sync: AWS's SCIM tokens expire after a year, so a
 * rejection is a routine event, and failing every sync over it would freeze the inventory (and the
 * reviews and revocation checks that read it) for a detail that is optional. The warning carries the
 * SCIM_TOKEN_REJECTED code, message and fix, so the user still sees clearly what to renew; users keep
 * no status rather than a guessed one.
 */
function scimFallback(input: AwsSyncInput): (user: User) => Promise<UserStatus> {
  const { session, ctx } = input;
  const endpoint = session.config.scimEndpoint;
  const token = session.scimToken;
  let active: Promise<Map<string, boolean> | undefined> | undefined;
  const load = async (): Promise<Map<string, boolean> | undefined> => {
    if (!endpoint || !token) return undefined;
    ctx.progress({ stage: 'identity-center-users', detail: 'reading user status from SCIM' });
    try {
      return await listScimUserActivity({ endpoint, token, countCall: (op) => session.countCall(op), signal: ctx.signal });
    } catch (error) {
      if (!isRrcuError(error)) throw error;
      ctx.warn({ code: error.code, message: error.message, fix: error.fix, feature: SCIM_FEATURE });
      return undefined;
    }
  };
  return async (user) => {
    if (user.UserStatus === 'ENABLED' || user.UserStatus === 'DISABLED') return { status: user.UserStatus, statusSource: 'identitystore' };
    active ??= load();
    const flag = (await active)?.get(user.UserId!);
    return flag === undefined ? {} : { status: flag ? 'ENABLED' : 'DISABLED', statusSource: 'scim' };
  };
}
