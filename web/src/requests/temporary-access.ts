/**
 * Which rows of the access explorer are held through a request, and until when: "via request #N, expires at
 * T". The access API does not say it (GET /api/access has no request field), so the explorer asks the
 * requests API for the requests held now (provisioning or active) and matches each of their entitlements
 * (`account:<id>#<permission set ARN>`, `sso_group:<id>#member`, `iam_group:<arn>#member`, as the inventory
 * keys grants) to the direct rows of the same principal. Pure; tested in test/web/temporary-access.test.ts.
 */
import type { AccessRecord } from '../types.ts';
import type { RequestView } from './types.ts';

export type TemporaryGrant = { requestId: number; expiresAt: string | null };

const keyOf = (principalType: string, principalId: string, entitlementKey: string) => `${principalType}\u0000${principalId}\u0000${entitlementKey}`;

/** The inventory keys a request's entitlement covers (one per account of a permission set), from the list's `entitlement`. */
export function entitlementKeysOf(entitlement: Record<string, unknown>): string[] {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  switch (entitlement['kind']) {
    case 'permission_set': {
      const arn = str(entitlement['permissionSetArn']);
      const accounts = Array.isArray(entitlement['accounts']) ? entitlement['accounts'] : [];
      const ids = accounts.map((a: unknown) => str(a) ?? (typeof a === 'object' && a !== null ? str((a as { id?: unknown }).id) : null));
      return arn ? ids.filter((id): id is string => id !== null && id !== '').map((id) => `account:${id}#${arn}`) : [];
    }
    case 'sso_group': {
      const id = str(entitlement['groupId']);
      return id ? [`sso_group:${id}#member`] : [];
    }
    case 'iam_group': {
      const arn = str(entitlement['groupArn']);
      return arn ? [`iam_group:${arn}#member`] : [];
    }
    default:
      return [];
  }
}

/** The requests held now, by principal and entitlement; where two overlap, the one that ends last. */
export function heldByRequests(requests: readonly RequestView[]): ReadonlyMap<string, TemporaryGrant> {
  const held = new Map<string, TemporaryGrant>();
  for (const r of requests) {
    if (r.status !== 'active' && r.status !== 'provisioning') continue;
    for (const key of entitlementKeysOf(r.entitlement)) {
      const k = keyOf(r.principal.type, r.principal.id, key);
      const before = held.get(k);
      if (!before || (before.expiresAt !== null && (r.expiresAt === null || r.expiresAt > before.expiresAt))) held.set(k, { requestId: r.id, expiresAt: r.expiresAt });
    }
  }
  return held;
}

/** The request a row is held through, if any: only a direct grant (a row via a group is held through the group). */
export function temporaryOf(held: ReadonlyMap<string, TemporaryGrant>, r: AccessRecord): TemporaryGrant | undefined {
  if (r.via !== null || r.pending?.kind === 'revoke') return undefined;
  return held.get(keyOf(r.principalType, r.principalId, r.entitlementKey));
}
