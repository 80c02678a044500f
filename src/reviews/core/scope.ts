import { z } from 'zod';
import type { AccessRow } from '../../access/index.ts';
import { entitlementKey, grantKey } from '../../core/inventory-items.ts';

/**
 * What a campaign reviews: the direct grants RRCU can act on and an auditor asks about. A grant held
 * through a group (`via`) is never an item of its own: the group's membership and the group's
 * assignment are, and a reviewer sees the expanded access as context.
 *
 * | kind                        | entitlement on        | slug              | principal              |
 * | sso_group_membership        | sso_group             | `member`          | sso_user               |
 * | permission_set_assignment   | account               | permission set ARN| sso_user or sso_group  |
 * | iam_group_membership        | iam_group             | `member`          | iam_user               |
 * | role_trust                  | iam_role              | `assume`          | whoever may assume it  |
 */
export const REVIEW_ITEM_KINDS = ['sso_group_membership', 'permission_set_assignment', 'iam_group_membership', 'role_trust'] as const;
export type ReviewItemKind = (typeof REVIEW_ITEM_KINDS)[number];

/**
 * The principal types a scope may name. `iam_role` stands for IAM role trust ("who may assume this
 * role"), whatever the principal that may assume it is: a trust grant's principal can be a role, an
 * account root or something outside the organisation.
 */
export const SCOPE_PRINCIPAL_TYPES = ['iam_user', 'sso_user', 'sso_group', 'iam_role'] as const;
export type ScopePrincipalType = (typeof SCOPE_PRINCIPAL_TYPES)[number];

/** The slug of the "may assume" entitlement a role's trust policy confers (issue 12's trust model). */
export const TRUST_SLUG = 'assume';
const MEMBER_SLUG = 'member';

/** What a campaign keeps of the store's row, as it is: the rest is derived below or left out (names of groups, `seenTo`). */
const PROJECTED = [
  'connectorId', 'principalType', 'principalId', 'principalName', 'personId',
  'resourceType', 'resourceId', 'resourceName', 'entitlementSlug', 'entitlement', 'via', 'seenFrom',
] as const satisfies readonly (keyof AccessRow)[];

/**
 * One grant as a campaign sees it: a projection of the store's `AccessRow` (`grantsAt`), with the
 * privileged verdict and the entitlement's type lifted out of the entitlement's attributes so the
 * snapshot keeps them without the whole attribute bag. Always a row a committed sync saw (`grantId`).
 */
export type ReviewableGrant = Pick<AccessRow, (typeof PROJECTED)[number]> & {
  grantId: number;
  /** The sync's verdict (`entitlementAttributes.privileged`) or an administrator's mark; null when neither says. */
  privileged: boolean | null;
  /** `entitlementAttributes.entitlementType` (`trust` for "may assume", `iam_policy`…), when the sync set one. */
  entitlementType: string | null;
};

/**
 * The grant as a campaign takes it, or null for a row no committed sync saw: a grant or revoke a
 * provisioning task verified that the next sync has not confirmed is not part of any sync's population.
 * An administrator's privileged mark (`privilegedMark`, where the row carries one) makes it privileged.
 */
export function toReviewableGrant(row: AccessRow & { privilegedMark?: unknown }): ReviewableGrant | null {
  if (row.grantId === null || row.pending !== null) return null;
  const { entitlementAttributes: attributes } = row;
  const kept = Object.fromEntries(PROJECTED.map((k) => [k, row[k]])) as Pick<AccessRow, (typeof PROJECTED)[number]>;
  return {
    ...kept,
    grantId: row.grantId,
    privileged: row.privilegedMark !== undefined && row.privilegedMark !== null ? true : typeof attributes.privileged === 'boolean' ? attributes.privileged : null,
    entitlementType: typeof attributes.entitlementType === 'string' ? attributes.entitlementType : null,
  };
}

/** The grant's key as the inventory keys it (`core/inventory-items.ts`): stable across syncs, the order of the item list. */
export function reviewGrantKey(grant: Pick<ReviewableGrant, 'resourceType' | 'resourceId' | 'entitlementSlug' | 'principalType' | 'principalId' | 'via'>): string {
  return grantKey({
    entitlementKey: entitlementKey({ resourceType: grant.resourceType, externalId: grant.resourceId }, grant.entitlementSlug),
    principal: { resourceType: grant.principalType, externalId: grant.principalId },
    via: grant.via,
  });
}

/** What kind of review item the grant would be, or null when it is not reviewable at all. */
export function reviewItemKind(grant: Pick<ReviewableGrant, 'resourceType' | 'entitlementSlug' | 'principalType' | 'entitlementType'>): ReviewItemKind | null {
  const { resourceType, entitlementSlug: slug, principalType } = grant;
  if (resourceType === 'sso_group' && slug === MEMBER_SLUG && principalType === 'sso_user') return 'sso_group_membership';
  if (resourceType === 'iam_group' && slug === MEMBER_SLUG && principalType === 'iam_user') return 'iam_group_membership';
  if (resourceType === 'account' && slug.startsWith('arn:') && (principalType === 'sso_user' || principalType === 'sso_group')) return 'permission_set_assignment';
  if (resourceType === 'iam_role' && slug === TRUST_SLUG && (grant.entitlementType === null || grant.entitlementType === 'trust')) return 'role_trust';
  return null;
}

/** Whether a grant can be an item: direct (no `via`) and of a kind a review acts on. Whether it is in a campaign is `inScope`. */
export function isReviewable(grant: ReviewableGrant): boolean {
  return grant.via === null && reviewItemKind(grant) !== null;
}

const text = (what: string, max = 2048) => z.string().trim().min(1, `${what} is empty`).max(max, `${what} is longer than ${max} characters`);
const list = <T extends z.ZodType>(item: T, what: string) => z.array(item).min(1, `${what}: give at least one, or leave the filter out`).max(1000, `${what}: at most 1000`);

export const peopleScopeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('all') }),
  z.object({ mode: z.literal('named'), personIds: list(z.uuid('a person id is a UUID'), 'people.personIds') }),
  /** Principals no person matched (an IAM user or Identity Center user without a person record). */
  z.object({ mode: z.literal('unmatched') }),
  /** Principals whose Identity Center user is disabled. */
  z.object({ mode: z.literal('inactive') }),
]);
export type PeopleScope = z.infer<typeof peopleScopeSchema>;

/**
 * A campaign's scope. Filters combine with AND; within a filter the values combine with OR. A filter
 * left out does not narrow the scope. Each filter's name is how a reconciliation names what it left out.
 */
export const campaignScopeSchema = z.object({
  connectorId: z.uuid('connectorId is a connector id (UUID)'),
  /** Item kinds, by the type of the resource the entitlement is on (`account`, `sso_group`, `iam_group`, `iam_role`). */
  resourceTypes: list(z.enum(['account', 'sso_group', 'iam_group', 'iam_role']), 'resourceTypes').optional(),
  /** Grants on these accounts: permission set assignments, and trust of roles in them. */
  accountIds: list(z.string().regex(/^\d{12}$/, 'an account id is 12 digits'), 'accountIds').optional(),
  /**
   * Accounts by OU path as synced (`Workloads/Production`): a path matches itself and every OU under it,
   * whole names only (`Workloads` does not match `WorkloadsArchive`). `''` is the root itself.
   */
  ouPaths: list(z.string().trim().max(1024, 'an OU path is at most 1024 characters').transform((p) => p.replace(/^\/+|\/+$/g, '')), 'ouPaths').optional(),
  permissionSetArns: list(text('a permission set ARN', 2048).regex(/^arn:aws[\w-]*:sso:::permissionSet\//, 'a permission set ARN starts arn:aws:sso:::permissionSet/'), 'permissionSetArns').optional(),
  /**
   * Identity Center group ids or IAM group ARNs: the group's memberships, and for an Identity Center
   * group also its own permission set assignments.
   */
  groupIds: list(text('a group id', 2048), 'groupIds').optional(),
  /** `iam_role` includes role trust, which no other value does. */
  principalTypes: list(z.enum(SCOPE_PRINCIPAL_TYPES), 'principalTypes').optional(),
  /** Only entitlements the sync judged privileged; unknown verdicts are left out, as the explorer's filter does. */
  privilegedOnly: z.boolean().optional(),
  people: peopleScopeSchema.optional(),
});
export type CampaignScope = z.infer<typeof campaignScopeSchema>;

/** The filters a grant may be left out by, in the order `inScope` checks them. */
export const SCOPE_FILTERS = ['connectorId', 'resourceTypes', 'principalTypes', 'accountIds', 'ouPaths', 'permissionSetArns', 'groupIds', 'privilegedOnly', 'people'] as const;
export type ScopeFilter = (typeof SCOPE_FILTERS)[number];

/** Facts about the inventory that a grant row does not carry, looked up by the launch. */
export type ScopeContext = {
  /** An account's synced OU path (`''` directly under the root); undefined when the sync could not read it. */
  ouPathOf(accountId: string): string | undefined;
  /** Whether the principal's Identity Center user is disabled (`status: 'DISABLED'`). */
  isInactive(grant: ReviewableGrant): boolean;
};

/** The account a grant is about: the account of an assignment, the account in an IAM group's or role's ARN. */
export function accountOf(grant: Pick<ReviewableGrant, 'resourceType' | 'resourceId'>): string | undefined {
  if (grant.resourceType === 'account') return grant.resourceId;
  return /^arn:aws[\w-]*:iam::(\d{12}):/.exec(grant.resourceId)?.[1];
}

function underOuPath(path: string | undefined, prefixes: string[]): boolean {
  if (path === undefined) return false;
  return prefixes.some((p) => p === '' || path === p || path.startsWith(`${p}/`));
}

/** The group a grant involves: the group of a membership, or the group holding an assignment. */
function groupOf(grant: ReviewableGrant): string | undefined {
  if (grant.resourceType === 'sso_group' || grant.resourceType === 'iam_group') return grant.resourceId;
  if (grant.principalType === 'sso_group') return grant.principalId;
  return undefined;
}

function principalTypeMatches(grant: ReviewableGrant, kind: ReviewItemKind | null, types: readonly ScopePrincipalType[]): boolean {
  if (kind === 'role_trust') return types.includes('iam_role');
  return (types as readonly string[]).includes(grant.principalType);
}

function peopleMatch(grant: ReviewableGrant, people: PeopleScope, context: ScopeContext): boolean {
  switch (people.mode) {
    case 'all':
      return true;
    case 'named':
      return grant.personId !== null && people.personIds.includes(grant.personId);
    case 'unmatched':
      // Only a user can be matched to a person; a group or a trust principal is not "unmatched".
      return grant.personId === null && (grant.principalType === 'iam_user' || grant.principalType === 'sso_user');
    case 'inactive':
      return context.isInactive(grant);
  }
}

/**
 * The first filter that leaves a reviewable grant out of the scope, or null when it is in. Role trust
 * is left out by `principalTypes` unless the scope names `iam_role`: trust is a different question
 * ("who may become this role") that a campaign asks for explicitly.
 */
export function excludedBy(grant: ReviewableGrant, scope: CampaignScope, context: ScopeContext): ScopeFilter | null {
  const kind = reviewItemKind(grant);
  if (grant.connectorId !== scope.connectorId) return 'connectorId';
  if (scope.resourceTypes && !(scope.resourceTypes as readonly string[]).includes(grant.resourceType)) return 'resourceTypes';
  if (kind === 'role_trust' ? !scope.principalTypes?.includes('iam_role') : scope.principalTypes && !principalTypeMatches(grant, kind, scope.principalTypes)) return 'principalTypes';
  const account = accountOf(grant);
  if (scope.accountIds && (account === undefined || !scope.accountIds.includes(account))) return 'accountIds';
  if (scope.ouPaths && (account === undefined || !underOuPath(context.ouPathOf(account), scope.ouPaths))) return 'ouPaths';
  if (scope.permissionSetArns && !(grant.resourceType === 'account' && scope.permissionSetArns.includes(grant.entitlementSlug))) return 'permissionSetArns';
  if (scope.groupIds) {
    const group = groupOf(grant);
    if (group === undefined || !scope.groupIds.includes(group)) return 'groupIds';
  }
  if (scope.privilegedOnly && grant.privileged !== true) return 'privilegedOnly';
  if (scope.people && !peopleMatch(grant, scope.people, context)) return 'people';
  return null;
}

/** Whether a grant is an item of a campaign with this scope: reviewable, and left out by no filter. */
export function inScope(grant: ReviewableGrant, scope: CampaignScope, context: ScopeContext): boolean {
  return isReviewable(grant) && excludedBy(grant, scope, context) === null;
}
