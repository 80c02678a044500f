/**
 * Provisioning a permission set to an account: the reserved role (built by `ensureSsoReservedRole`,
 * shared with the seeder) and the instance's record of what is provisioned where.
 *
 * A permission set changed after provisioning is "not latest" in that account until it is
 * provisioned again (ListPermissionSetsProvisionedToAccount's `ProvisioningStatus` filter).
 */
import { iamArn } from '../../seed-iam.ts';
import { ensureSsoReservedRole } from '../../sso-reserved-roles.ts';
import { ssoReservedRoleName } from '../../ids.ts';
import type { IdentityCenter, PermissionSet, SimAccount } from '../../state.ts';

const staleAccounts = new WeakMap<PermissionSet, Set<string>>();

/** Marks every account the permission set is provisioned to as needing ProvisionPermissionSet. */
export function markPermissionSetChanged(ic: IdentityCenter, ps: PermissionSet): void {
  const stale = staleAccounts.get(ps) ?? new Set<string>();
  for (const [accountId, arns] of ic.provisioned) if (arns.has(ps.arn)) stale.add(accountId);
  staleAccounts.set(ps, stale);
}

export function isLatestProvisioned(ps: PermissionSet, accountId: string): boolean {
  return !(staleAccounts.get(ps)?.has(accountId) ?? false);
}

/**
 * Creates or updates the permission set's role in the account and records the permission set as
 * provisioned (and latest) there. Returns a failure reason instead when the account lacks a customer
 * managed policy the permission set references, as AWS fails the provisioning then.
 */
export function provisionPermissionSet(ic: IdentityCenter, ps: PermissionSet, account: SimAccount, at: Date): string | undefined {
  for (const ref of ps.customerManagedPolicyReferences) {
    const arn = iamArn(account.id, 'policy', ref.path, ref.name);
    if (!account.iam.policies.has(arn)) {
      return `The customer managed policy ${ref.path}${ref.name} referenced by permission set ${ps.name} does not exist in account ${account.id}. Create it in that account, then provision the permission set again.`;
    }
  }
  ensureSsoReservedRole(account.iam, account.id, ic, ps, at);
  const provisioned = ic.provisioned.get(account.id) ?? new Set<string>();
  provisioned.add(ps.arn);
  ic.provisioned.set(account.id, provisioned);
  staleAccounts.get(ps)?.delete(account.id);
  return undefined;
}

/** Removes the permission set's role from the account, as AWS does when its last assignment there goes. */
export function deprovisionPermissionSet(ic: IdentityCenter, ps: PermissionSet, account: SimAccount): void {
  account.iam.roles.delete(ssoReservedRoleName(ps, account.id));
  ic.provisioned.get(account.id)?.delete(ps.arn);
  staleAccounts.get(ps)?.delete(account.id);
}
