/**
 * IAM policies as entitlements on their account, held by the IAM users, groups and roles they are
 * attached to, and the privileged verdict of a principal from the policies it holds. Pure: the IAM
 * readers (GetAccountAuthorizationDetails, or the per-role calls where that is denied) pass what they read.
 */
import { entitlementKey, type EntitlementItem, type GrantItem, type ResourceRef } from '../../../core/inventory-items.ts';
import { ref } from '../resource-types.ts';
import { assessPrivileged, awsManagedPolicyName, PRIVILEGED_AWS_MANAGED_POLICIES, type PolicyToAssess } from './privileged.ts';

/** A policy one principal holds: managed (with its ARN) or inline; with its document when the read has it. */
export type HeldPolicy = { name: string; arn?: string; document?: unknown };

export type PolicyType = 'aws_managed' | 'customer_managed' | 'inline';

export type PrivilegedAttributes = { privileged: boolean; privilegedReasons: string[] };

/** Tells IAM policies apart from the permission sets that are entitlements on the same account. */
export const IAM_POLICY_ENTITLEMENT = 'iam_policy';

export function policyTypeOf(policy: HeldPolicy): PolicyType {
  if (policy.arn === undefined) return 'inline';
  return awsManagedPolicyName(policy.arn) === undefined ? 'customer_managed' : 'aws_managed';
}

/**
 * The entitlement's slug: a managed policy's ARN (one entitlement however many hold it); an inline
 * policy belongs to its one principal, so its slug names that principal too.
 */
export function policySlug(holderArn: string, policy: HeldPolicy): string {
  return policy.arn ?? `inline:${holderArn}:${policy.name}`;
}

/** Policies in a stable order (managed by ARN, inline by name), so AWS's listing order makes no new version. */
export function sortPolicies(policies: HeldPolicy[]): HeldPolicy[] {
  const key = (p: HeldPolicy) => p.arn ?? p.name;
  return [...policies].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * One account's policy entitlements and their grants, gathered principal by principal: each managed
 * policy becomes one entitlement however many principals hold it.
 */
export function createPolicyEntitlements(accountId: string) {
  const account = ref('account', accountId);
  const entitlements = new Map<string, EntitlementItem>();
  const grants: GrantItem[] = [];
  return {
    /** Records that `holder` (an iam_user, iam_group or iam_role) holds `policies`. */
    hold(holder: ResourceRef, policies: readonly HeldPolicy[]): void {
      for (const policy of policies) {
        const slug = policySlug(holder.externalId, policy);
        if (!entitlements.has(slug)) entitlements.set(slug, policyEntitlement(account, slug, policy));
        grants.push({ kind: 'grant', entitlementKey: entitlementKey(account, slug), principal: holder });
      }
    },
    /** Entitlements first, so each grant's entitlement is known when the grant arrives. */
    items(): (EntitlementItem | GrantItem)[] {
      return [...entitlements.values(), ...grants];
    },
  };
}

function policyEntitlement(account: ResourceRef, slug: string, policy: HeldPolicy): EntitlementItem {
  const policyType = policyTypeOf(policy);
  return {
    kind: 'entitlement',
    resource: account,
    slug,
    displayName: policyType === 'inline' ? `${policy.name} (inline)` : policy.name,
    attributes: {
      entitlementType: IAM_POLICY_ENTITLEMENT,
      policyType,
      ...(policy.arn === undefined ? {} : { policyArn: policy.arn }),
      ...(policyType === 'aws_managed' || policy.document === undefined ? {} : { policyDocument: policy.document }),
      ...policyVerdict(policy),
    },
  };
}

/**
 * An AWS managed policy is judged by its name (RRCU does not read AWS's documents); any other by its
 * document, and not at all when the document is unknown (the fallback read): no verdict rather than
 * a "not privileged" nobody checked.
 */
function policyVerdict(policy: HeldPolicy): Partial<PrivilegedAttributes> {
  if (policyTypeOf(policy) !== 'aws_managed' && policy.document === undefined) return {};
  const verdict = assessPrivileged([policy]);
  return { privileged: verdict.privileged, privilegedReasons: verdict.reasons };
}

/**
 * The verdict over a principal's own policies and, for a user, those of its groups, taken together (a
 * Deny in one cancels an Allow in another). Findings from a group's policies say "via group X".
 */
export function principalVerdict(own: readonly HeldPolicy[], groups: readonly { name: string; policies: readonly HeldPolicy[] }[] = []): PrivilegedAttributes {
  const viaGroup = (group: string) => (p: HeldPolicy): PolicyToAssess => ({ ...p, name: `${p.name} via group ${group}` });
  const verdict = assessPrivileged([...own, ...groups.flatMap((g) => g.policies.map(viaGroup(g.name)))]);
  // A privileged AWS managed policy is reported by its own name, not its holder's: add the groups.
  const managedName = (p: HeldPolicy) => (p.arn === undefined ? undefined : awsManagedPolicyName(p.arn));
  const ownManaged = new Set(own.map(managedName));
  const reasons = verdict.reasons.map((reason) => {
    const name = /^(.+) \(AWS managed\)$/.exec(reason)?.[1];
    if (name === undefined || !Object.hasOwn(PRIVILEGED_AWS_MANAGED_POLICIES, name) || ownManaged.has(name)) return reason;
    const via = groups.filter((g) => g.policies.some((p) => managedName(p) === name)).map((g) => g.name);
    return via.length === 0 ? reason : `${reason} via group ${via.join(', ')}`;
  });
  return { privileged: verdict.privileged, privilegedReasons: reasons };
}
