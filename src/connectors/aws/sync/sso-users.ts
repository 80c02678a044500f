import { paginateListUsers, type User } from '@aws-sdk/client-identitystore';
import { isRrcuError } from '../../../core/errors.ts';
import type { ResourceItem } from '../../../core/inventory-items.ts';
import type { SyncEvent } from '../../connector.ts';
import { IDENTITY_CENTER_PAGE_SIZE, identityCenterClients, pagesOf } from './identity-center.ts';
import type { IdentityCenterInstance } from '../resource-types.ts';
import { listScimUserActivity } from './scim.ts';
import type { AwsSyncInput } from '../session/session.ts';

const SCIM_FEATURE = 'user status from SCIM';
const ENTERPRISE_FEATURE = 'Identity Center users\' enterprise attributes';
/** The Identity Store extension with SCIM's enterprise user attributes. */
const ENTERPRISE_EXTENSION = 'aws:identitystore:enterprise';

/** Absent when neither the Identity Store nor SCIM says. */
type UserStatus = { status?: 'ENABLED' | 'DISABLED'; statusSource?: 'identitystore' | 'scim' };

/**
 * Identity Center users, page by page (Identity Store ListUsers). Whether a user is enabled comes
 * from `UserStatus` when the Identity Store returns it; otherwise, when SCIM is configured, from the
 * SCIM API's `active` flag, read once for all users the first time it is needed.
 *
 * The same ListUsers calls ask for the enterprise extension (manager, department, cost centre…). A
 * user's manager is named from the users of this sync: one whose manager comes on a later page waits
 * for it, and is yielded at the end.
 */
export async function* syncSsoUsers(input: AwsSyncInput, instance: IdentityCenterInstance): AsyncGenerator<SyncEvent, { count: number }> {
  const statusOf = scimFallback(input);
  const names = new Map<string, string>();
  const waiting: { user: User; status: UserStatus }[] = [];
  let count = 0;
  for await (const users of listUsers(input, instance)) {
    for (const user of users) {
      if (!user.UserId) continue;
      names.set(user.UserId, user.DisplayName || user.UserName || user.UserId);
      const status = await statusOf(user);
      const managerId = enterpriseOf(user).managerId;
      if (managerId !== undefined && !names.has(managerId)) waiting.push({ user, status });
      else yield userItem(user, status, managerId && names.get(managerId));
      count++;
    }
    input.ctx.progress({ stage: 'identity-center-users', detail: `${count} users` });
  }
  for (const { user, status } of waiting) yield userItem(user, status, names.get(enterpriseOf(user).managerId!));
  return { count };
}

/**
 * The pages of ListUsers with the enterprise extension. Where Identity Store refuses `Extensions`
 * (a ValidationException on the first call: a Region that does not offer it yet), the users are listed
 * without it, with one warning; attributes AWS cannot give are left out rather than failing the sync.
 */
async function* listUsers(input: AwsSyncInput, instance: IdentityCenterInstance): AsyncGenerator<User[], void> {
  const { identityStore } = identityCenterClients(input.session);
  const pages = (extensions?: string[]) =>
    pagesOf(input.session, paginateListUsers({ client: identityStore, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { IdentityStoreId: instance.identityStoreId, Extensions: extensions }), 'identitystore:ListUsers');
  let listed = false;
  try {
    for await (const page of pages([ENTERPRISE_EXTENSION])) {
      listed = true;
      yield page.Users ?? [];
    }
    return;
  } catch (error) {
    if (listed || !isValidationError(error)) throw error;
    input.ctx.warn({
      code: 'ENTERPRISE_ATTRIBUTES_UNAVAILABLE',
      message: `Identity Store refused the ${ENTERPRISE_EXTENSION} extension on ListUsers (${error instanceof Error ? error.message : String(error)}), so users are synced without title, manager, department or cost centre.`,
      fix: 'Nothing to change in RRCU: the attributes come with the next sync once Identity Store offers the extension in this Region.',
      feature: ENTERPRISE_FEATURE,
    });
  }
  for await (const page of pages()) yield page.Users ?? [];
}

function isValidationError(error: unknown): boolean {
  const e = isRrcuError(error) ? error.cause : error;
  return e instanceof Error && e.name === 'ValidationException';
}

type Enterprise = { employeeNumber?: string; costCenter?: string; organization?: string; division?: string; department?: string; managerId?: string };

/** The enterprise extension's attributes, the manager as its user id (`manager: { value }`); an empty string is no value. */
function enterpriseOf(user: User): Enterprise {
  const document = user.Extensions?.[ENTERPRISE_EXTENSION];
  if (!document || typeof document !== 'object' || Array.isArray(document)) return {};
  const d = document as Record<string, unknown>;
  const manager = d.manager;
  return {
    employeeNumber: text(d.employeeNumber),
    costCenter: text(d.costCenter),
    organization: text(d.organization),
    division: text(d.division),
    department: text(d.department),
    managerId: text(manager && typeof manager === 'object' ? (manager as Record<string, unknown>).value : manager),
  };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function userItem(user: User, status: UserStatus, managerName: string | undefined): ResourceItem {
  const emails = user.Emails ?? [];
  const email = (emails.find((e) => e.Primary) ?? emails[0])?.Value;
  const name = user.Name && {
    formatted: user.Name.Formatted,
    givenName: user.Name.GivenName,
    familyName: user.Name.FamilyName,
    middleName: user.Name.MiddleName,
  };
  const enterprise = enterpriseOf(user);
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
      title: text(user.Title),
      ...enterprise,
      managerName: enterprise.managerId === undefined ? undefined : managerName,
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
