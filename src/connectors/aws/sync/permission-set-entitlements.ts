/**
 * A permission set on one account as an entitlement, with its privileged verdict there. The set's AWS
 * managed and inline policies are the same on every account, but a customer managed policy reference
 * names only a path and a name: each account the set is provisioned to holds its own policy of that name,
 * and that account's document is what the set grants there. So a set that references one is judged per
 * account, its own policies weighed together with the account's documents (docs/privileged-access.md).
 * Pure: the sync passes the set's policies and what it read of the account's customer managed policies.
 */
import type { EntitlementItem } from '../../../core/inventory-items.ts';
import { ref, type PermissionSetInfo } from '../resource-types.ts';
import type { PrivilegedAttributes } from './iam-policies.ts';
import { assessPrivileged, type PolicyToAssess } from './privileged.ts';

/** A permission set's own policies, as Identity Center lists them. */
export type PermissionSetPolicies = {
  managedPolicies: { arn: string | undefined; name: string | undefined }[];
  customerManagedPolicies: { name: string | undefined; path: string | undefined }[];
  /** The inline policy document, parsed; null when the permission set has none. */
  inlinePolicy: unknown;
};

/**
 * What the sync read of one account's customer managed policies: their default version documents by
 * path and name (`customerPolicyKey`), or why it has none (the reasons quote it).
 */
export type AccountPolicies = { read: true; documents: ReadonlyMap<string, unknown> } | { read: false; why: string };

const NOT_READ: AccountPolicies = { read: false, why: "this account's policies were not read" };

/** How a customer managed policy is found in an account: its path (default `/`) and name, `/team/Admin`. */
export function customerPolicyKey(path: string | undefined, name: string): string {
  return `${path || '/'}${name}`;
}

/** The verdict over the set's own policies, the same on every account: its AWS managed policies and inline policy. */
export function ownVerdict(policies: PermissionSetPolicies): PrivilegedAttributes {
  const verdict = assessPrivileged(ownPolicies(policies));
  return { privileged: verdict.privileged, privilegedReasons: verdict.reasons };
}

export function referencesCustomerPolicies(ps: Pick<PermissionSetInfo, 'policies'>): boolean {
  return (ps.policies?.customerManagedPolicies.length ?? 0) > 0;
}

/**
 * The set's verdict on one account. With the account's documents, each referenced policy is weighed
 * with the set's own (a Deny in one cancels an Allow in another, as IAM does); a reference the account
 * does not hold grants nothing there (AWS refuses to provision a set whose policy is missing, and
 * deleting a policy detaches it), which the reasons say. Without them the references are not judged:
 * the set stays privileged if its own policies make it so, and is otherwise unknown (`privileged`
 * absent, as when the set's own policies could not be read), never "not privileged"; the reasons say
 * which references were not assessed and why.
 */
export function accountVerdict(policies: PermissionSetPolicies, account: AccountPolicies): Partial<PrivilegedAttributes> {
  const references = policies.customerManagedPolicies.filter((r): r is { name: string; path: string | undefined } => Boolean(r.name));
  if (references.length === 0) return ownVerdict(policies);
  const label = (r: { name: string; path: string | undefined }) => `customer managed policy ${(r.path ?? '/') === '/' ? r.name : customerPolicyKey(r.path, r.name)}`;
  if (!account.read) {
    const own = ownVerdict(policies);
    const notes = references.map((r) => `${label(r)}: not assessed (${account.why})`);
    return { ...(own.privileged ? { privileged: true } : {}), privilegedReasons: [...own.privilegedReasons, ...notes] };
  }
  const held: PolicyToAssess[] = [];
  const missing: string[] = [];
  for (const r of references) {
    const document = account.documents.get(customerPolicyKey(r.path, r.name));
    if (document === undefined) missing.push(`${label(r)}: not in this account, grants nothing here`);
    else held.push({ name: `${label(r)} in this account`, document });
  }
  const verdict = assessPrivileged([...ownPolicies(policies), ...held]);
  return { privileged: verdict.privileged, privilegedReasons: [...verdict.reasons, ...missing] };
}

/**
 * The entitlement "permission set on account", carrying the set's verdict there: its own verdict for a
 * set without customer managed references (`account` is not needed), the one with `account`'s documents
 * for a set with some, none when the set's policies could not be read.
 */
export function permissionSetEntitlement(accountId: string, ps: PermissionSetInfo, account: AccountPolicies | undefined): EntitlementItem {
  const own = ps.privileged === undefined ? {} : { privileged: ps.privileged, privilegedReasons: ps.privilegedReasons ?? [] };
  const verdict = ps.policies !== undefined && referencesCustomerPolicies(ps) ? accountVerdict(ps.policies, account ?? NOT_READ) : own;
  return {
    kind: 'entitlement',
    resource: ref('account', accountId),
    slug: ps.arn,
    displayName: ps.name,
    attributes: {
      // IAM policies are entitlements on the same accounts (iam-policies.ts): this tells them apart.
      entitlementType: 'permission_set',
      permissionSetArn: ps.arn,
      permissionSetName: ps.name,
      ...verdict,
    },
  };
}

function ownPolicies(policies: PermissionSetPolicies): PolicyToAssess[] {
  return [
    ...policies.managedPolicies.map((p) => ({ name: p.name ?? p.arn ?? 'managed policy', arn: p.arn })),
    ...(policies.inlinePolicy === null ? [] : [{ name: 'inline policy', document: policies.inlinePolicy }]),
  ];
}
