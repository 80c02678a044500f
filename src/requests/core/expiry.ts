/**
 * Reference-counted expiry (docs/access-requests.md): before a request's access is removed in AWS, what
 * else grants the same access to the same principal is asked; if anything does, nothing is removed and the
 * request records why. The same facts warn at submission that the request duplicates access already held.
 */
export type OtherSource =
  /**
   * A direct grant the last sync saw that no request made (no request's grant task created it). A grant made
   * by another request, even one since ended, is nobody's standing access: counting it would let a chain of
   * overlapping requests keep the access forever.
   */
  | { kind: 'standing'; grantId: number; since: Date }
  /** A group the principal is in that brings the same entitlement (the membership and the group's own grant, as last synced). */
  | { kind: 'group'; groupId: string; groupName: string }
  /** Another request for the same entitlement and principal that holds it or is about to (approved, provisioning, active); `expiresAt` null while not yet known. */
  | { kind: 'request'; requestId: number; expiresAt: Date | null };

const utc = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const ORDER: Record<OtherSource['kind'], number> = { group: 0, standing: 1, request: 2 };

/** Each source in words, groups first (they last), then standing access, then other requests; each one once. */
function describeSources(others: OtherSource[]): string {
  const said = [...others]
    .sort((a, b) => ORDER[a.kind] - ORDER[b.kind])
    .map((s) => {
      switch (s.kind) {
        case 'group':
          return `through group ${s.groupName}`;
        case 'standing':
          return `directly, since ${utc(s.since)}, granted outside any request`;
        case 'request':
          return `through request #${s.requestId}, ${s.expiresAt === null ? 'being granted' : `until ${utc(s.expiresAt)}`}`;
      }
    });
  const distinct = [...new Set(said)];
  return distinct.length === 1 ? distinct[0]! : `${distinct.slice(0, -1).join('; ')}; and ${distinct.at(-1)}`;
}

/**
 * What the request's own grant did: `foundByTask` is the grant task that read the access back already there
 * before acting (outcome `already`), so the request created nothing in AWS that its end could take away.
 */
export type OwnGrant = { foundByTask?: string };

/**
 * Revoke in AWS only when nothing else grants the access, and only what the request itself made; otherwise keep it and say why (recorded on the
 * request's target). A group that brings the same entitlement keeps nothing: in AWS the request's own
 * assignment (or membership) is a separate one from the group's, so removing it takes nothing the group
 * gives, while keeping it would let the access outlast the group membership. The removal names the group
 * (`alsoHeld`), so the record says why the principal still holds the entitlement.
 */
export function expiryDecision(others: OtherSource[], own: OwnGrant = {}): { revoke: true; alsoHeld?: string } | { revoke: false; keptBecause: string } {
  if (own.foundByTask) {
    return { revoke: false, keptBecause: `Nothing was removed in AWS: the access was already held in AWS when this request was granted (task ${own.foundByTask} found it there), so the request made none of it.` };
  }
  const keeping = others.filter((o) => o.kind !== 'group');
  if (keeping.length > 0) return { revoke: false, keptBecause: `Nothing was removed in AWS: the same access is also held ${describeSources(keeping)}.` };
  const groups = others.filter((o) => o.kind === 'group');
  return groups.length === 0 ? { revoke: true } : { revoke: true, alsoHeld: `Still held ${describeSources(groups)} (its own assignment, not removed).` };
}

/** At submission: "You already hold this through group Admins." (or directly since D, or through request #N), or null. */
export function duplicateWarning(others: OtherSource[]): string | null {
  return others.length === 0 ? null : `You already hold this ${describeSources(others)}.`;
}
