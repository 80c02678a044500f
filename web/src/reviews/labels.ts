import type { ItemOutcome, PolicyUsed, RemediationState, ReviewItemKind, RiskFlag } from './types.ts';

/** Words for the reviews API's codes, shared by the campaign, My reviews and item pages. */

export const KIND_LABELS: Record<ReviewItemKind, string> = {
  sso_group_membership: 'Identity Center group membership',
  permission_set_assignment: 'Permission set assignment',
  iam_group_membership: 'IAM group membership',
  role_trust: 'IAM role trust',
};

export const RESOURCE_TYPE_LABELS: Record<string, string> = {
  account: 'Accounts (permission set assignments)',
  sso_group: 'Identity Center groups (memberships)',
  iam_group: 'IAM groups (memberships)',
  iam_role: 'IAM roles (trust)',
};

export const PRINCIPAL_TYPE_LABELS: Record<string, string> = {
  iam_user: 'IAM user',
  sso_user: 'Identity Center user',
  sso_group: 'Identity Center group',
  iam_role: 'IAM role trust',
};

export const RISK_LABELS: Record<RiskFlag, string> = {
  privileged: 'Privileged',
  inactive: 'User inactive',
  no_matching_person: 'No matching person',
  granted_since_last_campaign: 'Granted since last campaign',
};

export const OUTCOME_LABELS: Record<ItemOutcome, string> = { pending: 'Pending', kept: 'Kept', revoked: 'Revoked', not_reviewed: 'Not reviewed' };

export const POLICY_LABELS: Record<PolicyUsed, string> = { manager: 'Manager', owner: 'Owner', named: 'Named reviewer', fallback: 'Fallback reviewer', administrator: 'Campaign administrator' };

export const REMEDIATION_LABELS: Record<RemediationState, string> = {
  pending: 'Revoke decided, no task yet',
  task_queued: 'Provisioning task queued',
  task_failed: 'Provisioning task failed: not remediated',
  manual: 'Manual remediation',
  remediated: 'Remediated',
  reappeared: 'Reappeared',
};

export const REASSIGNMENT_LABELS: Record<string, string> = {
  'self-review': 'holds this access (nobody reviews their own)',
  'granted-by-reviewer': 'gave this access in the campaign period',
  'no-manager': 'no manager',
  'no-owner': 'no owner',
  'no-named-reviewer': 'no eligible named reviewer',
  delegated: 'delegated',
  reassigned: 'reassigned by an administrator',
  escalated: 'escalated (overdue)',
};

/** `alice (Alice Smith)`-like: the principal's name, else its id. */
export function principalLabel(p: { name: string | null; id: string }): string {
  return p.name ?? p.id;
}

/** What the item grants, in one line: `AdministratorAccess on payments-prod`, `member of Admins`. */
export function grantLabel(item: { kind: ReviewItemKind; entitlement: { slug: string; name: string | null }; resource: { id: string; name: string | null } }): string {
  const resource = item.resource.name ?? item.resource.id;
  if (item.kind === 'sso_group_membership' || item.kind === 'iam_group_membership') return `member of ${resource}`;
  if (item.kind === 'role_trust') return `may assume ${resource}`;
  return `${item.entitlement.name ?? item.entitlement.slug} on ${resource}`;
}
