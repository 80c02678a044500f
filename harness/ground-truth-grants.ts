import type { AccessRow } from '../src/access/index.ts';
import type { GroundTruth } from '../src/aws-sim/index.ts';

/**
 * Grants as one line each, so what a sync stored and what the simulator holds compare as two sorted
 * lists: Identity Center memberships, assignments (groups and users), every assignment expanded through
 * a group (with via), and IAM group memberships of the accounts whose IAM is synced.
 */
export function expectedGrants(truth: GroundTruth, crossAccount: boolean): string[] {
  const out: string[] = [];
  const ic = truth.identityCenter;
  if (ic) {
    for (const m of ic.memberships) out.push(`sso_user:${m.userId} member of sso_group:${m.groupId}`);
    for (const a of ic.assignments) out.push(`${a.principalType === 'GROUP' ? 'sso_group' : 'sso_user'}:${a.principalId} ${a.permissionSetArn} on account:${a.accountId}`);
    for (const e of truth.effectiveAssignments) if (e.via) out.push(`sso_user:${e.userId} ${e.permissionSetArn} on account:${e.accountId} via ${e.via}`);
  }
  for (const account of truth.accounts) {
    if (account.outsideOrganization) continue;
    if (account.id !== truth.managementAccountId && (!crossAccount || account.status !== 'ACTIVE')) continue;
    for (const g of account.iam.groups) {
      for (const member of g.members) {
        const user = account.iam.users.find((u) => u.userName === member)!;
        out.push(`iam_user:${user.arn} member of iam_group:${g.arn}`);
      }
    }
  }
  return out.sort();
}

export function observed(rows: AccessRow[]): string[] {
  return rows
    .map((r) =>
      r.entitlementSlug === 'member'
        ? `${r.principalType}:${r.principalId} member of ${r.resourceType}:${r.resourceId}`
        : `${r.principalType}:${r.principalId} ${r.entitlementSlug} on ${r.resourceType}:${r.resourceId}${r.via ? ` via ${r.via}` : ''}`,
    )
    .sort();
}

