import type { AccessRecord } from '../types.ts';

/** What people call RRCU's resource types (as in src/connectors/aws/resource-types.ts). */
const RESOURCE_TYPE_LABELS: Record<string, string> = {
  account: 'AWS account',
  iam_user: 'IAM user',
  iam_group: 'IAM group',
  iam_role: 'IAM role',
  sso_user: 'Identity Center user',
  sso_group: 'Identity Center group',
  permission_set: 'Permission set',
  external_principal: 'External principal',
  aws_service: 'AWS service',
  identity_provider: 'Identity provider',
};

export function resourceTypeLabel(type: string): string {
  return RESOURCE_TYPE_LABELS[type] ?? type;
}

/** `member` of a group reads as "Member"; a permission set keeps its name. */
export function entitlementLabel(r: Pick<AccessRecord, 'entitlement'>): string {
  if (!r.entitlement) return '—';
  return r.entitlement === 'member' ? 'Member' : r.entitlement;
}

/**
 * A principal outside the organisation (an account RRCU does not sync, or anyone: `*`) that a role's trust
 * policy lets assume it. The sync gives every such principal the `external_principal` type.
 */
export function isExternalPrincipal(r: Pick<AccessRecord, 'principalType'>): boolean {
  return r.principalType === 'external_principal';
}

export function principalLabel(r: Pick<AccessRecord, 'principalName' | 'principalId'>): string {
  return r.principalName ?? r.principalId;
}

export function resourceLabel(r: Pick<AccessRecord, 'resourceName' | 'resourceId'>): string {
  return r.resourceName ?? r.resourceId;
}

export const ACCESS_KINDS = ['person', 'principal', 'account', 'group', 'permissionSet'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

export const ACCESS_KIND_LABELS: Record<AccessKind, string> = {
  person: 'Person',
  principal: 'Principal',
  account: 'Account',
  group: 'Members of group',
  permissionSet: 'Permission set',
};
