/**
 * Why an identity is orphaned or dormant, from what the sync stored on it (pure: no I/O). AWS says what it
 * says and no more: the Identity Store gives no last sign-in, so "never used" is judged for IAM users only,
 * from the credential report (password and access-key last use); a fact the sync could not read is absent,
 * and an absent fact is no finding.
 */
export const FINDINGS = ['no_matching_person', 'user_name_only', 'disabled', 'never_used', 'access_key_unused'] as const;
export type Finding = (typeof FINDINGS)[number];

export type IdentityFacts = {
  resourceType: string;
  /** Null when the sync linked the user to no person (as access reviews' `unmatched` says). */
  personId: string | null;
  /** The person's email: null for a person RRCU made from a user name alone, whom no directory identity (email) vouches for. */
  personEmail: string | null;
  attributes: Record<string, unknown>;
};

type AccessKey = { active?: boolean; lastRotated?: string | null; lastUsedDate?: string | null };

const DAY_MS = 86_400_000;
const keysOf = (attributes: Record<string, unknown>): AccessKey[] | undefined => (Array.isArray(attributes.accessKeys) ? (attributes.accessKeys as AccessKey[]) : undefined);

/** The active keys unused for `days` days at `at`: last used before then, or never used and made before then. */
export function unusedKeys(attributes: Record<string, unknown>, at: Date, days: number): AccessKey[] {
  const cutoff = at.getTime() - days * DAY_MS;
  return (keysOf(attributes) ?? []).filter((k) => {
    if (k.active === false) return false;
    const last = k.lastUsedDate ?? k.lastRotated;
    return last !== null && last !== undefined && new Date(last).getTime() <= cutoff;
  });
}

/** What is wrong with one IAM or Identity Center user at `at`, in FINDINGS order; empty when nothing is. */
export function identityFindings(identity: IdentityFacts, at: Date, keyUnusedDays: number): Finding[] {
  const a = identity.attributes;
  const found: Finding[] = [];
  if (identity.personId === null) found.push('no_matching_person');
  else if (identity.personEmail === null) found.push('user_name_only');
  if (identity.resourceType === 'sso_user' && a.status === 'DISABLED') found.push('disabled');
  if (identity.resourceType === 'iam_user') {
    const keys = keysOf(a);
    // Known never used only when the sync read both the password's and the keys' last use.
    const passwordKnown = 'passwordLastUsed' in a;
    if (passwordKnown && keys !== undefined && a.passwordLastUsed === null && keys.every((k) => !k.lastUsedDate)) found.push('never_used');
    if (unusedKeys(a, at, keyUnusedDays).length > 0) found.push('access_key_unused');
  }
  return found;
}
