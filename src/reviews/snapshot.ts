import { sql } from 'drizzle-orm';
import { grantsAt, grantTotals } from '../access/index.ts';
import { RrcuError } from '../core/errors.ts';
import { entitlementKey } from '../core/inventory-items.ts';
import { ownerKey, ownersOf, OWNABLE_RESOURCE_TYPES, type ResourceRef } from '../ownership/index.ts';
import { queryRows, type Db } from '../store/index.ts';
import { reconcilePopulation, type Reconciliation } from './core/population.ts';
import { ownerResources, resolveReviewers, type ResolvedReviewerPlan, type ReviewerPlan, type StageAssignment } from './core/reviewers.ts';
import { inScope, reviewGrantKey, reviewItemKind, toReviewableGrant, type CampaignScope, type ReviewableGrant, type ScopeContext } from './core/scope.ts';
import { REVIEW_ERRORS } from './errors.ts';

export type SnapshotRun = { id: number; startedAt: Date; finishedAt: Date; grantTotal: number | undefined };

/**
 * The committed sync run a launch takes its population from: the connector's latest run, refused when it
 * failed, or when the latest committed one finished longer ago than `maxAgeSeconds` (a review of stale
 * data proves nothing about today's access).
 */
export async function snapshotRun(db: Db, connectorId: string, maxAgeSeconds: number, now: Date): Promise<SnapshotRun> {
  const runs = await queryRows<{ id: number | string; status: string; started_at: Date | string; finished_at: Date | string | null; counts: Record<string, number> }>(db, sql`
    select id, status, started_at, finished_at, counts from sync_runs
    where connector_id = ${connectorId} and status <> 'running' order by started_at desc limit 1`);
  const last = runs[0];
  const fix = 'Sync the connector first (`rrcu sync`, or Sync now on the Connectors page), then launch the campaign.';
  if (!last) throw new RrcuError(REVIEW_ERRORS.SYNC_FIRST, `Connector ${connectorId} has never been synced: a campaign takes its items from a committed sync run.`, { fix });
  if (last.status !== 'succeeded') throw new RrcuError(REVIEW_ERRORS.SYNC_FIRST, `The last sync of connector ${connectorId} (run ${last.id}) failed: its inventory may be incomplete.`, { fix });
  const finishedAt = new Date(last.finished_at!);
  const ageSeconds = Math.round((now.getTime() - finishedAt.getTime()) / 1000);
  if (ageSeconds > maxAgeSeconds) {
    throw new RrcuError(REVIEW_ERRORS.SYNC_FIRST, `The last sync of connector ${connectorId} (run ${last.id}) finished ${ageSeconds} s ago, more than the campaign accepts (${maxAgeSeconds} s).`, { fix });
  }
  return { id: Number(last.id), startedAt: new Date(last.started_at), finishedAt, grantTotal: last.counts.grant };
}

export type Population = {
  run: SnapshotRun;
  /** Every direct grant live at the run's commit, as the run stored it (those held through a group are only counted). */
  grants: ReviewableGrant[];
  items: ReviewableGrant[];
  context: ScopeContext;
  reconciliation: Reconciliation;
  inactive: (grant: ReviewableGrant) => boolean;
};

/**
 * The grants of one committed run: `grantsAt` at the run's start, the instant its commit dates what it
 * opened and closed. A later task's pending change is not the run's, so the row is taken as the run left it.
 * Only the direct grants are read: a group-held grant is never an item, and the ~90k of them in a
 * 300-account organisation cost more than half a launch to bring into memory just to be counted, so the
 * store counts them (`grantTotals`, kept per run) for the reconciliation.
 */
export async function takePopulation(db: Db, scope: CampaignScope, run: SnapshotRun): Promise<Population> {
  const at = run.startedAt;
  const [rows, totals] = await Promise.all([grantsAt(db, { at, connectorId: scope.connectorId, direct: true }), grantTotals(db, { at, connectorId: scope.connectorId })]);
  const grants = rows.flatMap((row) => {
    const grant = row.grantId === null ? null : toReviewableGrant({ ...row, pending: null });
    return grant ? [grant] : [];
  });
  const facts = await queryRows<{ resource_type_id: string; external_id: string; ou_path: string | null; status: string | null }>(db, sql`
    select resource_type_id, external_id, attributes->>'ouPath' as ou_path, attributes->>'status' as status from resources
    where connector_id = ${scope.connectorId} and resource_type_id in ('account', 'sso_user')
      and seen_from <= ${at.toISOString()}::timestamptz and (seen_to is null or seen_to > ${at.toISOString()}::timestamptz)`);
  const ouPaths = new Map(facts.filter((f) => f.resource_type_id === 'account' && f.ou_path !== null).map((f) => [f.external_id, f.ou_path!]));
  const disabled = new Set(facts.filter((f) => f.resource_type_id === 'sso_user' && f.status === 'DISABLED').map((f) => f.external_id));
  const inactive = (grant: ReviewableGrant) => grant.principalType === 'sso_user' && disabled.has(grant.principalId);
  const context: ScopeContext = { ouPathOf: (account) => ouPaths.get(account), isInactive: inactive };
  const items = grants.filter((g) => inScope(g, scope, context));
  const reconciliation = reconcilePopulation({
    population: grants, indirect: totals.viaGroup, items, scope, context, ...(run.grantTotal !== undefined ? { syncGrantTotal: run.grantTotal } : {}),
  });
  return { run, grants, items, context, reconciliation, inactive };
}

/** What an item keeps for resolving its reviewers at any stage: who holds it, whose manager is asked. */
export type HolderContext = {
  holderPersonIds: string[];
  principalPersonId: string | null;
  entitlementKey: string;
  /** The person who asked RRCU for the grant in the campaign period (the plan's granter rule); absent when none or not looked up. */
  grantedByPersonId?: string | null;
};

/**
 * Who gave each grant through RRCU since `since`: the person whose email is the sign-in email of the user
 * who asked, keyed by `granterKey`. A task asked for with an API token (`token:<id>`) is the token's
 * creator's, as a session's is its user's: a script is the hand of whoever made its token. A CLI or
 * system actor, or a token no user made, is nobody. The latest task wins.
 */
export async function grantersSince(db: Db, connectorId: string, since: Date): Promise<Map<string, string>> {
  const rows = await queryRows<{ entitlement_key: string; principal_type_id: string; principal_external_id: string; person_id: string }>(db, sql`
    with actor_users as (
      select 'user:' || id::text as actor, id as user_id from app_users
      union all
      select 'token:' || id::text, created_by from api_tokens where created_by is not null)
    select t.entitlement_key, t.principal_type_id, t.principal_external_id, p.id as person_id
    from provisioning_tasks t
    join actor_users a on a.actor = t.actor
    join app_users u on u.id = a.user_id
    join people p on lower(p.email) = lower(u.email)
    where t.connector_id = ${connectorId} and t.action = 'grant' and t.status = 'succeeded' and t.finished_at >= ${since}
    order by t.finished_at, t.id`);
  return new Map(rows.map((r) => [granterKey(r.entitlement_key, r.principal_type_id, r.principal_external_id), r.person_id]));
}

export const granterKey = (entitlementKey: string, principalType: string, principalId: string) => `${entitlementKey}\u0000${principalType}\u0000${principalId}`;

/** The holders of each item: the principal's person; for a group's assignment, every member's person too. */
export function holdersOf(items: readonly ReviewableGrant[], grants: readonly ReviewableGrant[]): Map<string, HolderContext> {
  const members = new Map<string, string[]>();
  for (const g of grants) {
    if (g.via === null && g.resourceType === 'sso_group' && g.entitlementSlug === 'member' && g.personId !== null) {
      const list = members.get(g.resourceId);
      if (list) list.push(g.personId);
      else members.set(g.resourceId, [g.personId]);
    }
  }
  const out = new Map<string, HolderContext>();
  for (const item of items) {
    const own = item.personId === null ? [] : [item.personId];
    const group = item.principalType === 'sso_group' ? (members.get(item.principalId) ?? []) : [];
    out.set(reviewGrantKey(item), {
      holderPersonIds: [...new Set([...own, ...group])],
      principalPersonId: item.principalType === 'sso_user' || item.principalType === 'iam_user' ? item.personId : null,
      entitlementKey: entitlementKey({ resourceType: item.resourceType, externalId: item.resourceId }, item.entitlementSlug),
    });
  }
  return out;
}

/**
 * A plan ready for the core: a named policy's RRCU group (a role) becomes the people of its enabled users,
 * matched by sign-in email, after the people named one by one; in a stable order (name, then id). Read
 * when the stage is assigned, so a stage opened later sees the role as it is then. A group stored before
 * groups were roles names no role and gives nobody (the policy's no-named-reviewer, then the fallback).
 */
export async function resolvedPlan(db: Db, plan: ReviewerPlan): Promise<ResolvedReviewerPlan> {
  const roles = [...new Set(plan.stages.flatMap((s) => s.policies.flatMap((p) => (p.kind === 'named' && p.rrcuGroup !== undefined ? [p.rrcuGroup] : []))))];
  const byRole = new Map<string, string[]>();
  if (roles.length > 0) {
    const rows = await queryRows<{ role: string; person_id: string }>(db, sql`
      select u.role, p.id::text as person_id from app_users u join people p on lower(p.email) = lower(u.email)
      where not u.disabled and u.role in (${sql.join(roles.map((r) => sql`${r}`), sql`, `)})
      order by p.display_name, p.id`);
    for (const r of rows) byRole.set(r.role, [...(byRole.get(r.role) ?? []), r.person_id]);
  }
  return {
    ...plan,
    stages: plan.stages.map((s) => ({
      policies: s.policies.map((p) =>
        p.kind === 'named' ? { kind: 'named' as const, personIds: [...new Set([...(p.personIds ?? []), ...(p.rrcuGroup !== undefined ? (byRole.get(p.rrcuGroup) ?? []) : [])])] } : p,
      ),
    })),
  };
}

/** Each item's reviewer in `stage`, from the manager tree (people.manager_id), the owners RRCU knows and the RRCU roles named. */
export async function assignStage(
  db: Db,
  connectorId: string,
  plan: ReviewerPlan,
  items: readonly { grant: ReviewableGrant; holders: HolderContext }[],
  stage: number,
): Promise<StageAssignment[]> {
  const managers = new Map((await queryRows<{ id: string; manager_id: string | null }>(db, sql`select id, manager_id from people where manager_id is not null`)).map((p) => [p.id, p.manager_id]));
  const ownable = new Set<string>(OWNABLE_RESOURCE_TYPES);
  const refs = new Map<string, ResourceRef>();
  if (plan.stages[stage - 1]?.policies.some((p) => p.kind === 'owner')) {
    for (const { grant } of items) {
      for (const r of ownerResources(grant)) {
        if (!ownable.has(r.resourceType)) continue;
        const ref = { connectorId, resourceType: r.resourceType, resourceId: r.resourceId } as ResourceRef;
        refs.set(ownerKey(ref), ref);
      }
    }
  }
  const owners = await ownersOf(db, [...refs.values()]);
  const resolved = await resolvedPlan(db, plan);
  return items.map(({ grant, holders }) => {
    const all = resolveReviewers(grant, resolved, {
      holderPersonIds: holders.holderPersonIds,
      principalPersonId: holders.principalPersonId,
      managerOf: (person) => managers.get(person) ?? null,
      ownersOf: (r) =>
        ownable.has(r.resourceType)
          ? (owners.get(ownerKey({ connectorId, resourceType: r.resourceType, resourceId: r.resourceId } as ResourceRef)) ?? []).map((o) => ({ personId: o.person.id, source: o.source }))
          : [],
      grantedByPersonId: holders.grantedByPersonId ?? null,
    });
    return all[stage - 1]!;
  });
}

/**
 * What each grant brings, shown with its item: a membership lists the group's assignments, a group's
 * assignment counts the group's members. Indexed once, so a 100k-grant launch stays linear.
 */
export function confersIndex(grants: readonly ReviewableGrant[]): (item: ReviewableGrant) => Record<string, unknown> {
  const assignments = new Map<string, { accountId: string; accountName: string | null; permissionSet: string | null }[]>();
  const memberCount = new Map<string, number>();
  for (const g of grants) {
    if (g.via !== null) continue;
    if (g.principalType === 'sso_group' && g.resourceType === 'account') {
      const list = assignments.get(g.principalId) ?? [];
      list.push({ accountId: g.resourceId, accountName: g.resourceName, permissionSet: g.entitlement });
      assignments.set(g.principalId, list);
    }
    if (g.resourceType === 'sso_group' && g.entitlementSlug === 'member') memberCount.set(g.resourceId, (memberCount.get(g.resourceId) ?? 0) + 1);
  }
  return (item) => {
    const kind = reviewItemKind(item);
    if (kind === 'sso_group_membership') return { accounts: assignments.get(item.resourceId) ?? [] };
    if (kind === 'permission_set_assignment' && item.principalType === 'sso_group') return { memberCount: memberCount.get(item.principalId) ?? 0 };
    return {};
  };
}
