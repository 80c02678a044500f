/**
 * Which way of listing account assignments costs fewer calls. There are two:
 *
 * - per pair (needs only the guide's policy): the provisioned (account, permission set) pairs first, then
 *   one ListAccountAssignments per pair. A permission set that is not provisioned to an account has no
 *   assignments in it, so the pruning skips most of the accounts × permission sets grid. The pruning is
 *   one ListPermissionSetsProvisionedToAccount per account, or (optional
 *   sso:ListAccountsForProvisionedPermissionSet) one listing per permission set, a page per 100 accounts
 *   it is provisioned to, whichever costs less: 40 sets over 300 accounts are ≤ 120 calls instead of 300.
 * - per principal (optional sso:ListAccountAssignmentsForPrincipal): the ids of every user and group
 *   (ListUsers and ListGroups pages), then one listing per principal across all accounts.
 *
 * The per-principal cost is known from the principal counts alone; the per-pair cost only once the
 * accounts have been pruned. So the choice is made in two steps: before pruning, go per principal
 * when that costs no more than the pruning alone; after pruning (now spent), go per principal when it
 * costs less than listing the provisioned pairs. Pages beyond the first of each listing are left out
 * of both estimates: they are rare, and they grow the same assignments whichever way they are listed.
 */

const PAGE_SIZE = 100;

export type AssignmentCounts = {
  /** Accounts whose assignments are still to be listed. */
  accounts: number;
  users: number;
  groups: number;
  /** Provisioned (account, permission set) pairs, once the accounts have been pruned. */
  provisionedPairs?: number;
  /**
   * When the pruning may go per permission set: how many permission sets, and how many accounts the
   * organisation has (each set's listing holds every account it is provisioned to, done or not).
   */
  perSet?: { permissionSets: number; organisationAccounts: number };
};

export type AssignmentPlan = 'per-principal' | 'prune-first' | 'per-pair';

/** ListUsers and ListGroups answer one page even when empty. */
const listingPages = (n: number) => Math.max(1, Math.ceil(n / PAGE_SIZE));

export function perPrincipalCalls(counts: Pick<AssignmentCounts, 'users' | 'groups'>): number {
  return listingPages(counts.users) + listingPages(counts.groups) + counts.users + counts.groups;
}

/** At most: a set's listing is one page per 100 of the accounts it is provisioned to, and at least one. */
export function perSetPruneCalls(perSet: NonNullable<AssignmentCounts['perSet']>): number {
  return perSet.permissionSets * listingPages(perSet.organisationAccounts);
}

/** Which pruning costs less: per account, or per permission set where that is allowed. */
export function pruneBy(counts: Pick<AssignmentCounts, 'accounts' | 'perSet'>): 'account' | 'permission-set' {
  return counts.perSet && perSetPruneCalls(counts.perSet) < counts.accounts ? 'permission-set' : 'account';
}

export function pruneCalls(counts: Pick<AssignmentCounts, 'accounts' | 'perSet'>): number {
  return pruneBy(counts) === 'permission-set' ? perSetPruneCalls(counts.perSet!) : counts.accounts;
}

export function perPairCalls(counts: Pick<AssignmentCounts, 'accounts' | 'perSet'> & { provisionedPairs: number }): number {
  return pruneCalls(counts) + counts.provisionedPairs;
}

/**
 * The plan for `counts`: `prune-first` when the answer needs the provisioned pairs, which the caller
 * then asks again with `provisionedPairs` set.
 */
export function planAssignmentListing(counts: AssignmentCounts): AssignmentPlan {
  const perPrincipal = perPrincipalCalls(counts);
  if (counts.provisionedPairs === undefined) return perPrincipal <= pruneCalls(counts) ? 'per-principal' : 'prune-first';
  return perPrincipal < counts.provisionedPairs ? 'per-principal' : 'per-pair';
}
