/**
 * Which way of listing account assignments costs fewer calls. There are two:
 *
 * - per pair (needs only the guide's policy): one ListPermissionSetsProvisionedToAccount per account,
 *   then one ListAccountAssignments per (account, permission set) pair provisioned there. A permission
 *   set that is not provisioned to an account has no assignments in it, so the pruning skips most of
 *   the accounts × permission sets grid.
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
};

export type AssignmentPlan = 'per-principal' | 'prune-first' | 'per-pair';

/** ListUsers and ListGroups answer one page even when empty. */
const listingPages = (n: number) => Math.max(1, Math.ceil(n / PAGE_SIZE));

export function perPrincipalCalls(counts: Pick<AssignmentCounts, 'users' | 'groups'>): number {
  return listingPages(counts.users) + listingPages(counts.groups) + counts.users + counts.groups;
}

export function perPairCalls(counts: Pick<AssignmentCounts, 'accounts'> & { provisionedPairs: number }): number {
  return counts.accounts + counts.provisionedPairs;
}

/**
 * The plan for `counts`: `prune-first` when the answer needs the provisioned pairs, which the caller
 * then asks again with `provisionedPairs` set.
 */
export function planAssignmentListing(counts: AssignmentCounts): AssignmentPlan {
  const perPrincipal = perPrincipalCalls(counts);
  if (counts.provisionedPairs === undefined) return perPrincipal <= counts.accounts ? 'per-principal' : 'prune-first';
  return perPrincipal < counts.provisionedPairs ? 'per-principal' : 'per-pair';
}
