import { paginateListGroups, paginateListUsers } from '@aws-sdk/client-identitystore';
import {
  paginateListAccountAssignments,
  paginateListAccountAssignmentsForPrincipal,
  paginateListAccountsForProvisionedPermissionSet,
  paginateListPermissionSetsProvisionedToAccount,
  type AccountAssignment,
  type AccountAssignmentForPrincipal,
  type PrincipalType,
} from '@aws-sdk/client-sso-admin';
import { mapConcurrent } from '../../../core/concurrency.ts';
import { entitlementKey, type EntitlementItem, type GrantItem } from '../../../core/inventory-items.ts';
import type { SyncEvent } from '../../connector.ts';
import { planAssignmentListing, pruneBy, type AssignmentCounts } from './assignment-plan.ts';
import { permissionSetEntitlement, referencesCustomerPolicies, type AccountPolicies } from './permission-set-entitlements.ts';
import { actionSpec } from '../actions.ts';
import { classifyAwsError, isAccessDenied, policyLineFor } from '../errors.ts';
import { IDENTITY_CENTER_CONCURRENCY, IDENTITY_CENTER_PAGE_SIZE, identityCenterClients, isGone, pagesOf } from './identity-center.ts';
import { ref, type AccountInfo, type IdentityCenterInstance, type PermissionSetInfo } from '../resource-types.ts';
import type { AwsSyncInput } from '../session/session.ts';

const STAGE = 'account-assignments';
const FOR_PRINCIPAL = 'sso:ListAccountAssignmentsForPrincipal';
const PER_SET = 'sso:ListAccountsForProvisionedPermissionSet';
/** Accounts listed together in the per-pair plan: enough pairs to keep the calls in flight busy, few grants held. */
const ACCOUNTS_PER_BATCH = 8;
/** Principals listed together in the per-principal plan. */
const PRINCIPALS_PER_BATCH = 50;

type Principal = { type: PrincipalType; id: string };

export const checkpointMarker = (accountId: string) => `assignments:${accountId}`;

/**
 * What the sync knows of an account's customer managed policies, for the verdict of the permission sets
 * that reference some; undefined where the account's IAM stage yields those sets' entitlements itself
 * (it holds the documents, and its entitlements stay with its checkpoint on a resume: index.ts).
 */
export type CustomerPoliciesOf = (accountId: string) => AccountPolicies | undefined;

const IAM_NOT_READ: CustomerPoliciesOf = () => ({ read: false, why: "this account's IAM is not read" });

/**
 * Every permission set as an entitlement on every account (so any of them can be granted anywhere),
 * and who holds each: Identity Center users and groups, as AWS assigns them. A group's grant is not
 * expanded to its members here; the store does that. Each account ends with a checkpoint, and an
 * account a previous attempt finished is skipped. Accounts that are not ACTIVE are listed too: AWS
 * keeps their assignments.
 *
 * Which calls list the assignments is chosen to be fewest (see assignment-plan.ts).
 */
export async function* syncAccountAssignments(
  input: AwsSyncInput,
  instance: IdentityCenterInstance,
  accounts: AccountInfo[],
  permissionSets: PermissionSetInfo[],
  principals: { users: number; groups: number },
  customerPolicies: CustomerPoliciesOf = IAM_NOT_READ,
): AsyncGenerator<SyncEvent, void> {
  const remaining = accounts.filter((a) => !input.ctx.isDone(checkpointMarker(a.id)));
  if (remaining.length === 0) return;
  const lister = assignmentLister(input, instance, permissionSets, customerPolicies);
  // Pruning per permission set is assumed allowed until its first call says otherwise.
  const counts = { accounts: remaining.length, ...principals, perSet: { permissionSets: permissionSets.length, organisationAccounts: accounts.length } };
  if (planAssignmentListing(counts) === 'per-principal' && (yield* lister.perPrincipal(remaining))) return;
  const provisioned = await lister.provisionedPairs(remaining, counts);
  const provisionedPairs = [...provisioned.values()].reduce((n, arns) => n + arns.length, 0);
  if (!lister.forPrincipalDenied && planAssignmentListing({ ...counts, provisionedPairs }) === 'per-principal' && (yield* lister.perPrincipal(remaining))) return;
  yield* lister.perPair(remaining, provisioned);
}

function assignmentLister(input: AwsSyncInput, instance: IdentityCenterInstance, permissionSets: PermissionSetInfo[], customerPolicies: CustomerPoliciesOf) {
  const { sso, identityStore } = identityCenterClients(input.session);
  const { instanceArn: InstanceArn, identityStoreId: IdentityStoreId } = instance;
  const known = new Set(permissionSets.map((ps) => ps.arn));
  const context = (action: string) => ({ action, config: input.session.config, caller: input.session.caller });

  function entitlementsOf(accountId: string): (EntitlementItem & { stage: string })[] {
    const account = customerPolicies(accountId);
    // Where the account's IAM stage judges the sets with customer managed references, it alone yields them.
    const sets = account === undefined ? permissionSets.filter((ps) => !referencesCustomerPolicies(ps)) : permissionSets;
    return sets.map((ps) => ({ ...permissionSetEntitlement(accountId, ps, account), stage: checkpointMarker(accountId) }));
  }

  function grantOf(a: AccountAssignment | AccountAssignmentForPrincipal): (GrantItem & { stage: string }) | undefined {
    if (!a.AccountId || !a.PermissionSetArn || !a.PrincipalId || !known.has(a.PermissionSetArn)) return undefined;
    return {
      kind: 'grant',
      entitlementKey: entitlementKey(ref('account', a.AccountId), a.PermissionSetArn),
      principal: ref(a.PrincipalType === 'GROUP' ? 'sso_group' : 'sso_user', a.PrincipalId),
      stage: checkpointMarker(a.AccountId),
    };
  }

  async function* principalIds(): AsyncGenerator<Principal> {
    for await (const page of pagesOf(input.session, paginateListUsers({ client: identityStore, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { IdentityStoreId }), 'identitystore:ListUsers')) {
      for (const u of page.Users ?? []) if (u.UserId) yield { type: 'USER', id: u.UserId };
    }
    for await (const page of pagesOf(input.session, paginateListGroups({ client: identityStore, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { IdentityStoreId }), 'identitystore:ListGroups')) {
      for (const g of page.Groups ?? []) if (g.GroupId) yield { type: 'GROUP', id: g.GroupId };
    }
  }

  /** The principal's assignments; none when it was deleted since it was listed. */
  async function assignmentsOfPrincipal(p: Principal): Promise<AccountAssignmentForPrincipal[]> {
    const found: AccountAssignmentForPrincipal[] = [];
    const pages = paginateListAccountAssignmentsForPrincipal({ client: sso, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { InstanceArn, PrincipalId: p.id, PrincipalType: p.type });
    try {
      for await (const page of pages) found.push(...(page.AccountAssignments ?? []));
    } catch (error) {
      if (isGone(error)) return [];
      throw error;
    }
    return found;
  }

  const lister = {
    forPrincipalDenied: false,

    /**
     * Lists each principal's assignments across all accounts; false (having yielded nothing) when the
     * role may not call ListAccountAssignmentsForPrincipal, which the first call finds out.
     */
    async *perPrincipal(accounts: AccountInfo[]): AsyncGenerator<SyncEvent, boolean> {
      const wanted = new Set(accounts.map((a) => a.id));
      let batch: Principal[] = [];
      let probed = false;
      let listed = 0;
      const flush = async function* (): AsyncGenerator<SyncEvent, boolean> {
        let first: AccountAssignmentForPrincipal[] | undefined;
        if (!probed) {
          try {
            first = await assignmentsOfPrincipal(batch[0]!);
          } catch (error) {
            // AWS answers ValidationException where the action does not apply (an account instance of
            // Identity Center, a caller outside the management account): nothing to fix, so no warning.
            const unavailable = error instanceof Error && error.name === 'ValidationException';
            if (!isAccessDenied(error) && !unavailable) throw classifyAwsError(error, context(FOR_PRINCIPAL));
            lister.forPrincipalDenied = true;
            // Not skipDeniedOptional's "… are not synced": nothing is lost here, only calls are spent.
            if (!unavailable) {
              input.ctx.warn({
                code: 'OPTIONAL_ACTION_DENIED',
                message: `${FOR_PRINCIPAL} is denied, so account assignments are listed per account and permission set, which takes more calls in this organisation (${error instanceof Error ? error.message : String(error)}).`,
                fix: `To sync with fewer calls, in the inline policy of ${input.session.config.roleArn ?? 'the identity RRCU runs as'}, ${policyLineFor(FOR_PRINCIPAL, input.session.config, { optional: true })}.`,
                feature: actionSpec(FOR_PRINCIPAL).feature,
              });
            }
            return false;
          }
          probed = true;
          for (const account of accounts) yield* entitlementsOf(account.id);
        }
        const rest = first ? batch.slice(1) : batch;
        const lists = await mapConcurrent(rest, IDENTITY_CENTER_CONCURRENCY, async (p) => {
          try {
            return await assignmentsOfPrincipal(p);
          } catch (error) {
            throw classifyAwsError(error, context(FOR_PRINCIPAL));
          }
        });
        for (const [i, list] of (first ? [first, ...lists] : lists).entries()) {
          const principal = batch[i]!;
          for (const a of list) {
            // Only the principal's own assignments: a group's are listed with the group, whatever AWS
            // reports under a member.
            if (a.PrincipalId !== principal.id || a.PrincipalType !== principal.type || !wanted.has(a.AccountId ?? '')) continue;
            const grant = grantOf(a);
            if (grant) yield grant;
          }
        }
        listed += batch.length;
        batch = [];
        input.ctx.progress({ stage: STAGE, detail: `${listed} users and groups listed` });
        return true;
      };
      for await (const principal of principalIds()) {
        batch.push(principal);
        if (batch.length >= PRINCIPALS_PER_BATCH && !(yield* flush())) return false;
      }
      if (batch.length > 0 && !(yield* flush())) return false;
      if (!probed) for (const account of accounts) yield* entitlementsOf(account.id);
      // Every account's grants are complete only once every principal has been listed.
      for (const account of accounts) yield { kind: 'checkpoint', marker: checkpointMarker(account.id) };
      return true;
    },

    /** Whether ListAccountsForProvisionedPermissionSet was refused (the per-account pruning is used from then on). */
    perSetDenied: false,

    /** The permission sets provisioned to each account, found by whichever pruning costs fewer calls (assignment-plan.ts). */
    async provisionedPairs(accounts: AccountInfo[], counts: Pick<AssignmentCounts, 'accounts' | 'perSet'>): Promise<Map<string, string[]>> {
      input.ctx.progress({ stage: STAGE, detail: `finding the permission sets provisioned to ${accounts.length} accounts` });
      if (!lister.perSetDenied && pruneBy(counts) === 'permission-set') {
        const found = await lister.provisionedPerSet(accounts);
        if (found) return found;
      }
      const lists = await mapConcurrent(accounts, IDENTITY_CENTER_CONCURRENCY, async (account) => {
        const arns: string[] = [];
        const pages = paginateListPermissionSetsProvisionedToAccount({ client: sso, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { InstanceArn, AccountId: account.id });
        for await (const page of pagesOf(input.session, pages, 'sso:ListPermissionSetsProvisionedToAccount')) {
          for (const arn of page.PermissionSets ?? []) if (known.has(arn)) arns.push(arn);
        }
        return arns;
      });
      return new Map(accounts.map((a, i) => [a.id, lists[i]!]));
    },

    /**
     * The same pairs from one listing per permission set (each page up to 100 accounts); undefined (having
     * warned) when the role may not call ListAccountsForProvisionedPermissionSet, which the first call finds out.
     */
    async provisionedPerSet(accounts: AccountInfo[]): Promise<Map<string, string[]> | undefined> {
      const pairs = new Map(accounts.map((a) => [a.id, [] as string[]]));
      const listSet = async (PermissionSetArn: string): Promise<string[]> => {
        const found: string[] = [];
        for await (const page of paginateListAccountsForProvisionedPermissionSet({ client: sso, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { InstanceArn, PermissionSetArn })) {
          found.push(...(page.AccountIds ?? []));
        }
        return found;
      };
      // A set deleted since it was listed is provisioned nowhere. A denial, on the first set (the probe, alone) or on
      // a later one (a policy allowing the action on some permission set ARNs only), falls back to the per-account
      // pruning with one warning: nothing is lost, only calls are spent.
      let denial: unknown;
      const listOrDenied = async (PermissionSetArn: string): Promise<string[]> => {
        try {
          return await listSet(PermissionSetArn);
        } catch (error) {
          if (isGone(error)) return [];
          if (!isAccessDenied(error)) throw classifyAwsError(error, context(PER_SET));
          denial ??= error;
          return [];
        }
      };
      const [first, ...rest] = permissionSets;
      if (!first) return pairs;
      const firstAccounts = await listOrDenied(first.arn);
      const lists = denial === undefined ? await mapConcurrent(rest, IDENTITY_CENTER_CONCURRENCY, (ps) => (denial === undefined ? listOrDenied(ps.arn) : Promise.resolve([]))) : [];
      if (denial !== undefined) {
        lister.perSetDenied = true;
        // Not skipDeniedOptional's "… are not synced": nothing is lost here, only calls are spent.
        input.ctx.warn({
          code: 'OPTIONAL_ACTION_DENIED',
          message: `${PER_SET} is denied, so the permission sets provisioned to each account are found with one call per account, which takes more calls in this organisation (${denial instanceof Error ? denial.message : String(denial)}).`,
          fix: `To sync with fewer calls, in the inline policy of ${input.session.config.roleArn ?? 'the identity RRCU runs as'}, ${policyLineFor(PER_SET, input.session.config, { optional: true })}.`,
          feature: actionSpec(PER_SET).feature,
        });
        return undefined;
      }
      // In the permission sets' order, whatever order the listings ended in.
      for (const [i, ids] of [firstAccounts, ...lists].entries()) {
        const arn = permissionSets[i]!.arn;
        for (const id of ids) pairs.get(id)?.push(arn);
      }
      return pairs;
    },

    /** ListAccountAssignments for each provisioned pair, a batch of accounts at a time. */
    async *perPair(accounts: AccountInfo[], provisioned: Map<string, string[]>): AsyncGenerator<SyncEvent, void> {
      for (let start = 0; start < accounts.length; start += ACCOUNTS_PER_BATCH) {
        const batch = accounts.slice(start, start + ACCOUNTS_PER_BATCH);
        const pairs = batch.flatMap((account) => (provisioned.get(account.id) ?? []).map((arn) => ({ accountId: account.id, arn })));
        const lists = await mapConcurrent(pairs, IDENTITY_CENTER_CONCURRENCY, async ({ accountId, arn }) => {
          const found: GrantItem[] = [];
          const pages = paginateListAccountAssignments({ client: sso, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { InstanceArn, AccountId: accountId, PermissionSetArn: arn });
          try {
            for await (const page of pagesOf(input.session, pages, 'sso:ListAccountAssignments')) {
              for (const a of page.AccountAssignments ?? []) {
                const grant = grantOf(a);
                if (grant) found.push(grant);
              }
            }
          } catch (error) {
            if (isGone(error)) return [];
            throw error;
          }
          return found;
        });
        for (const account of batch) {
          yield* entitlementsOf(account.id);
          for (const [i, pair] of pairs.entries()) if (pair.accountId === account.id) yield* lists[i]!;
          yield { kind: 'checkpoint', marker: checkpointMarker(account.id) };
        }
        input.ctx.progress({ stage: STAGE, detail: `${Math.min(start + batch.length, accounts.length)} of ${accounts.length} accounts` });
      }
    },
  };
  return lister;
}
