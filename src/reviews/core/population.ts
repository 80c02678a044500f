import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/canonical-json.ts';
import { RrcuError } from '../../core/errors.ts';
import { REVIEW_ERRORS } from '../errors.ts';
import { excludedBy, REVIEW_ITEM_KINDS, reviewGrantKey, reviewItemKind, type CampaignScope, type ReviewableGrant, type ReviewItemKind, type ScopeContext, type ScopeFilter } from './scope.ts';

/**
 * What the completeness proof covers of one item: who holds what, on what, since when, by the ids the
 * inventory keys them with. Names are left out on purpose: they are presentation, and a rename between
 * launch and audit must not change the digest of the same population.
 */
export type CanonicalItem = {
  key: string;
  kind: ReviewItemKind;
  grantId: number;
  connectorId: string;
  principalType: string;
  principalId: string;
  personId: string | null;
  resourceType: string;
  resourceId: string;
  entitlementSlug: string;
  privileged: boolean | null;
  seenFrom: string;
};

export function canonicalItem(grant: ReviewableGrant): CanonicalItem {
  const kind = reviewItemKind(grant);
  if (grant.via !== null || kind === null) {
    throw new RrcuError(REVIEW_ERRORS.NOT_REVIEWABLE, `Grant ${reviewGrantKey(grant)} is not reviewable: ${grant.via !== null ? `it is held through group ${grant.via}` : 'RRCU reviews group memberships, permission set assignments and role trust only'}.`, {
      fix: 'Build the item list from isReviewable grants: a group-held grant is reviewed as the group membership and the group\'s assignment.',
    });
  }
  return {
    key: reviewGrantKey(grant),
    kind,
    grantId: grant.grantId,
    connectorId: grant.connectorId,
    principalType: grant.principalType,
    principalId: grant.principalId,
    personId: grant.personId,
    resourceType: grant.resourceType,
    resourceId: grant.resourceId,
    entitlementSlug: grant.entitlementSlug,
    privileged: grant.privileged,
    seenFrom: grant.seenFrom.toISOString(),
  };
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The items in their one order (by grant key); two items with one key are a launch bug, refused. */
export function canonicalItemList(grants: readonly ReviewableGrant[]): CanonicalItem[] {
  const items = grants.map(canonicalItem).sort(byKey);
  for (let i = 1; i < items.length; i++) {
    if (items[i]!.key === items[i - 1]!.key) {
      throw new RrcuError(REVIEW_ERRORS.DUPLICATE_ITEM, `Grant ${items[i]!.key} is in the item list twice.`, { fix: 'Take each grant once from the sync run the campaign launches from.' });
    }
  }
  return items;
}

/**
 * SHA-256 (hex) of `canonicalJson(canonicalItemList(grants))`: anyone holding the exported items can
 * recompute it with any JSON library that sorts keys. Hashed item by item so 100k items never become
 * one string.
 */
export function populationDigest(grants: readonly ReviewableGrant[]): { count: number; sha256: string } {
  const items = canonicalItemList(grants);
  const hash = createHash('sha256').update('[');
  items.forEach((item, i) => hash.update(i === 0 ? canonicalJson(item) : `,${canonicalJson(item)}`));
  return { count: items.length, sha256: hash.update(']').digest('hex') };
}

/** Why a direct grant of the sync is not an item: a named scope filter, or a kind RRCU does not review (policy attachments…). */
export type Exclusion = ScopeFilter | 'notReviewable';

export type ReconciliationRow = {
  /** The kind of item; `not_reviewable` for direct grants of kinds no campaign takes. */
  type: ReviewItemKind | 'not_reviewable';
  /** Direct grants of this kind in the sync run's population. */
  inSync: number;
  inCampaign: number;
  /** inSync − inCampaign when reconciled; broken down by filter in `excluded`. */
  excludedByScope: number;
  excluded: Partial<Record<Exclusion, number>>;
  /** Grants of the sync that are neither an item nor excluded by a filter: any makes the campaign unreconciled. */
  unexplained: number;
};

export type Reconciliation = {
  reconciled: boolean;
  rows: ReconciliationRow[];
  /** Grants held through a group: not items (the membership and the group's assignment are), counted so the total adds up. */
  indirect: number;
  /** The run's own count of grants (`sync_runs.counts.grant`), when given, against the population read back. */
  syncGrantTotal: number | null;
  populationTotal: number;
  /** Keys of items that are not direct grants of the sync's population, or that the scope excludes. */
  unexpectedItems: string[];
  /** Keys of grants in scope that the item list lacks. */
  missingItems: string[];
};

/**
 * Reconciles a campaign's items against the sync run it launched from. `population` is the grants live
 * at the run's commit as read back; those held through a group may be left out of it and given as their
 * number, `indirect` (no item is ever one of them: reading ~90k rows only to count them cost a 100k-grant
 * launch seconds). `items` is what the campaign took. Reconciled means:
 * the population is as large as the run says it saw; every direct grant of it is an item or left out by
 * a named filter (or is of a kind no review takes); and every item is one of those grants, in scope.
 * So "N items from sync #R at T; reconciled: yes" states a checked fact, not a count copied twice.
 */
export function reconcilePopulation(input: {
  population: readonly ReviewableGrant[];
  /** Grants of the run held through a group and not in `population`, counted by the store. */
  indirect?: number;
  items: readonly ReviewableGrant[];
  scope: CampaignScope;
  context: ScopeContext;
  syncGrantTotal?: number;
}): Reconciliation {
  const { population, scope, context } = input;
  const itemKeys = new Map<string, number>();
  for (const item of input.items) {
    const key = reviewGrantKey(item);
    itemKeys.set(key, (itemKeys.get(key) ?? 0) + 1);
  }
  const rows = new Map<ReconciliationRow['type'], ReconciliationRow>(
    [...REVIEW_ITEM_KINDS, 'not_reviewable' as const].map((type) => [type, { type, inSync: 0, inCampaign: 0, excludedByScope: 0, excluded: {}, unexplained: 0 }]),
  );
  const unexpected = new Set([...itemKeys].filter(([, n]) => n > 1).map(([key]) => key));
  const missing: string[] = [];
  const seen = new Set<string>();
  let indirect = input.indirect ?? 0;
  for (const grant of population) {
    if (grant.via !== null) {
      indirect++;
      continue;
    }
    const kind = reviewItemKind(grant);
    const row = rows.get(kind ?? 'not_reviewable')!;
    const key = reviewGrantKey(grant);
    seen.add(key);
    row.inSync++;
    const exclusion: Exclusion | null = kind === null ? 'notReviewable' : excludedBy(grant, scope, context);
    if (itemKeys.has(key)) {
      row.inCampaign++;
      if (exclusion !== null) unexpected.add(key);
    } else if (exclusion !== null) {
      row.excludedByScope++;
      row.excluded[exclusion] = (row.excluded[exclusion] ?? 0) + 1;
    } else {
      row.unexplained++;
      missing.push(key);
    }
  }
  for (const key of itemKeys.keys()) if (!seen.has(key)) unexpected.add(key);
  const syncGrantTotal = input.syncGrantTotal ?? null;
  const populationTotal = population.length + (input.indirect ?? 0);
  const list = [...rows.values()].filter((r) => r.inSync > 0 || r.inCampaign > 0);
  return {
    reconciled: (syncGrantTotal === null || syncGrantTotal === populationTotal) && unexpected.size === 0 && missing.length === 0,
    rows: list,
    indirect,
    syncGrantTotal,
    populationTotal,
    unexpectedItems: [...unexpected].sort(),
    missingItems: missing.sort(),
  };
}
