import { sql, type SQL } from 'drizzle-orm';

/**
 * Which entitlements a name may stand for. An IAM managed policy can share a permission set's name
 * (`AdministratorAccess`), and both are entitlements on the account; the sync tells them apart by
 * `attributes.entitlementType` (`permission_set`, `iam_policy`, `trust`). Rows synced before that
 * attribute existed are told by their slug: a permission set's is its ARN, a membership's `member`.
 */

/** Entitlement row `alias` is a permission set on an account. */
export function isPermissionSetEntitlement(alias: string): SQL {
  const e = sql.raw(alias);
  return sql`(${e}.attributes->>'entitlementType' = 'permission_set'
    or (${e}.attributes->>'entitlementType' is null and ${e}.slug like 'arn:aws:sso:::permissionSet/%'))`;
}

/** Entitlement row `alias` is one a task can grant or revoke by name: a permission set or a group's membership, never an IAM policy or trust. */
export function isProvisionableEntitlement(alias: string): SQL {
  const e = sql.raw(alias);
  return sql`(${isPermissionSetEntitlement(alias)} or ${e}.slug = 'member')`;
}
