import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../store/index.ts';
import type { ReviewDecision } from './core/decisions.ts';
import type { PolicyUsed } from './core/reviewers.ts';
import type { ReviewItemKind } from './core/scope.ts';
import { ITEM_OUTCOME, ITEM_STATE_JOINS, reviewerItemState } from './item-state-sql.ts';
import type { ItemFilter, ItemView, Page, PersonRef, RiskFlag } from './service-types.ts';

type Row = Record<string, unknown>;
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const person = (id: unknown, name: unknown, email: unknown): PersonRef | null => (id ? { id: String(id), displayName: String(name ?? ''), email: str(email) } : null);

/**
 * Items with their latest assignment, the decision in force there (`ITEM_STATE_JOINS`) and their remediation; `where` narrows, paging pages.
 * `reviewerPersonId` (or the filter's) reads that reviewer's items from their assignments (`reviewerItemState`), not the whole campaign.
 * A page is picked first on narrow columns, its total counted in the same pass (a window over the whole
 * selection), and only the page's items are then read whole.
 */
export async function queryItems(db: Db, where: SQL[], filter: ItemFilter, page?: { limit: number; offset: number }, reviewerPersonId?: string): Promise<Page<ItemView>> {
  const reviewer = reviewerPersonId ?? filter.reviewerPersonId;
  const state = reviewer === undefined ? { from: sql`review_items i ${ITEM_STATE_JOINS}`, where: [] } : reviewerItemState(reviewer);
  const all = [...state.where, ...where, ...filterSql(filter), ...(filter.outcome ? [sql`${ITEM_OUTCOME} = ${filter.outcome}`] : [])];
  const cond = sql.join(all.length ? all : [sql`true`], sql` and `);
  const selection = sql`from ${state.from} where ${cond}`;
  if (!page) {
    const rows = await itemRows(db, state.from, cond);
    return { rows, total: rows.length };
  }
  const picked = await queryRows<{ id: string; total: number }>(db, sql`
    select i.id, count(*) over ()::int as total ${selection} order by i.campaign_id, i.key limit ${page.limit} offset ${page.offset}`);
  if (picked.length === 0) {
    // Past the end of the selection the window has no row to say its size: counted apart.
    const total = page.offset === 0 ? 0 : Number((await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${selection}`))[0]?.n ?? 0);
    return { rows: [], total };
  }
  const ids = sql.join(picked.map((p) => sql`${p.id}::uuid`), sql`, `);
  return { rows: await itemRows(db, sql`review_items i ${ITEM_STATE_JOINS}`, sql`i.id in (${ids})`), total: Number(picked[0]!.total) };
}

/** The items `cond` chooses over `from` (`i`, `c`, `a`, `d` as `ITEM_STATE_JOINS` gives them), read whole, in the campaign's and then the key's order. */
async function itemRows(db: Db, from: SQL, cond: SQL): Promise<ItemView[]> {
  const rows = await queryRows<Row>(db, sql`
    select i.*, c.name as campaign_name, a.stage, a.reviewer_person_id, a.policy, rp.display_name as reviewer_name, rp.email as reviewer_email,
           d.decision, d.comment, d.at as decided_at, pp.display_name as person_name, pp.email as person_email,
           r.state as rem_state, r.task_id as rem_task_id, r.manual as rem_manual, r.observed_run_id, r.observed_at,
           r.manual_marked_at, r.manual_marked_by, mu.display_name as manual_marked_by_name,
           r.reappeared_run_id, r.created_at as rem_since, t.status as task_status, t.error as task_error, t.aws_request_id as task_request_id, ${ITEM_OUTCOME} as outcome
    from ${from}
    left join people rp on rp.id = a.reviewer_person_id
    left join people pp on pp.id = i.person_id
    left join review_remediations r on r.item_id = i.id
    left join provisioning_tasks t on t.id = r.task_id
    left join app_users mu on 'user:' || mu.id::text = r.manual_marked_by
    where ${cond}
    order by i.campaign_id, i.key`);
  return rows.map(toItemView);
}

function filterSql(f: ItemFilter): SQL[] {
  const out: SQL[] = [];
  if (f.kind) out.push(sql`i.kind = ${f.kind}`);
  if (f.stage) out.push(sql`a.stage = ${f.stage}`);
  if (f.decision === 'undecided') out.push(sql`d.decision is null`);
  else if (f.decision) out.push(sql`d.decision = ${f.decision}`);
  if (f.reviewerPersonId) out.push(sql`a.reviewer_person_id = ${f.reviewerPersonId}`);
  if (f.principalId) out.push(sql`i.principal_id = ${f.principalId}`);
  if (f.resourceId) out.push(sql`i.resource_id = ${f.resourceId}`);
  if (f.privileged !== undefined) out.push(f.privileged ? sql`i.privileged` : sql`i.privileged is not true`);
  if (f.remediating !== undefined) out.push(sql`${f.remediating ? sql`` : sql`not`} exists (select 1 from review_remediations r where r.item_id = i.id)`);
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out.push(sql`(i.principal_name ilike ${like} or i.resource_name ilike ${like} or i.entitlement_name ilike ${like} or i.principal_id ilike ${like})`);
  }
  return out;
}

export function toItemView(r: Row): ItemView {
  // The stored state stays task_queued while the task runs; once it failed, the revoke is unremediated for that reason (remediationStatus).
  const taskFailed = r.rem_state === 'task_queued' && r.task_status === 'failed';
  const remState = taskFailed ? 'task_failed' : str(r.rem_state);
  return {
    id: String(r.id),
    campaignId: String(r.campaign_id),
    campaignName: String(r.campaign_name),
    key: String(r.key),
    kind: r.kind as ReviewItemKind,
    principal: { type: String(r.principal_type), id: String(r.principal_id), name: str(r.principal_name) },
    person: person(r.person_id, r.person_name, r.person_email),
    resource: { type: String(r.resource_type), id: String(r.resource_id), name: str(r.resource_name) },
    entitlement: { slug: String(r.entitlement_slug), name: str(r.entitlement_name) },
    privileged: r.privileged === null || r.privileged === undefined ? null : Boolean(r.privileged),
    confers: (r.confers ?? {}) as ItemView['confers'],
    riskFlags: (r.risk_flags ?? []) as RiskFlag[],
    stage: Number(r.stage),
    reviewer: person(r.reviewer_person_id, r.reviewer_name, r.reviewer_email),
    policy: (r.policy ?? null) as PolicyUsed | null,
    noEligibleReviewer: r.reviewer_person_id === null,
    decision: (r.decision ?? null) as ReviewDecision | null,
    comment: str(r.comment),
    decidedAt: iso(r.decided_at),
    outcome: r.outcome as ItemView['outcome'],
    remediation: remState === null
      ? null
      : {
          state: remState as NonNullable<ItemView['remediation']>['state'],
          taskId: str(r.rem_task_id),
          taskStatus: str(r.task_status),
          awsRequestId: str(r.task_request_id),
          manual: Boolean(r.rem_manual),
          manualMarkedAt: iso(r.manual_marked_at),
          manualMarkedBy: str(r.manual_marked_by),
          manualMarkedByName: str(r.manual_marked_by_name),
          observedRunId: num(r.observed_run_id),
          observedAt: iso(r.observed_at),
          reappearedRunId: num(r.reappeared_run_id),
          reason: taskFailed ? failureOf(r.task_error) : null,
          since: iso(r.rem_since)!,
        },
  };
}

function failureOf(error: unknown): string {
  const e = (typeof error === 'string' ? JSON.parse(error) : error) as { code?: string; message?: string } | null;
  return e?.message ? `${e.code ? `${e.code}: ` : ''}${e.message}` : 'The provisioning task failed.';
}
