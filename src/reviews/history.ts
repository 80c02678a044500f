import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../store/index.ts';
import type { ReviewDecision } from './core/decisions.ts';
import type { PolicyUsed, ReassignmentReason } from './core/reviewers.ts';
import type { DecisionView, ReassignmentView } from './service-types.ts';

type Row = Record<string, unknown>;
export const iso = (v: unknown) => new Date(v as string).toISOString();
/** A person as answers name one, from the columns of a join (null when the id is). */
export const ref = (id: unknown, name: unknown, email: unknown) => (id ? { id: String(id), displayName: String(name ?? ''), email: (email as string | null) ?? null } : null);

/**
 * Every decision on the items `items` selects (a subquery of item ids), in the order made, each saying
 * whether it is in force: the latest under its item's current assignment of that stage. A changed
 * decision and one a hand-on set aside stay, as the history they are.
 */
export async function decisionViews(db: Db, items: SQL): Promise<(DecisionView & { itemId: string; inForce: boolean })[]> {
  const rows = await queryRows<Row>(db, sql`
    select d.item_id, d.stage, d.decision, d.comment, d.at, p.id, p.display_name, p.email,
           (a.current and not exists (select 1 from review_decisions l where l.assignment_id = d.assignment_id and l.id > d.id)) as in_force
    from review_decisions d join people p on p.id = d.decider_person_id join review_assignments a on a.id = d.assignment_id
    where d.item_id in (${items}) order by d.id`);
  return rows.map((d) => ({
    itemId: String(d.item_id), stage: Number(d.stage), decision: d.decision as ReviewDecision, comment: (d.comment as string | null) ?? null,
    by: ref(d.id, d.display_name, d.email)!, at: iso(d.at), inForce: Boolean(d.in_force),
  }));
}

/** Every step the items `items` selects took away from a candidate or a reviewer (at launch and after), in order. */
export async function reassignmentViews(db: Db, items: SQL): Promise<(ReassignmentView & { itemId: string })[]> {
  const steps = await queryRows<Row>(db, sql`
    select s.*, f.display_name as from_name, f.email as from_email, t.display_name as to_name, t.email as to_email from review_reassignments s
    left join people f on f.id = s.from_person_id left join people t on t.id = s.to_person_id where s.item_id in (${items}) order by s.id`);
  return steps.map((s) => ({
    itemId: String(s.item_id), stage: Number(s.stage), from: ref(s.from_person_id, s.from_name, s.from_email), to: ref(s.to_person_id, s.to_name, s.to_email),
    reason: s.reason as ReassignmentReason, policy: (s.policy as PolicyUsed | null) ?? null, note: (s.note as string | null) ?? null, by: (s.by as string | null) ?? null, at: iso(s.at),
  }));
}

/** The last decision any campaign on a connector made on a grant (by its key), whatever became of it after. */
export type LastDecision = { campaignId: string; campaignName: string; stage: number; decision: ReviewDecision; comment: string | null; by: NonNullable<ReturnType<typeof ref>>; at: string };

/** The last decision on each of `keys` (grant keys) by a campaign on `connectorId`, in one query (the items' key index). */
export async function lastDecisionsOn(db: Db, connectorId: string, keys: readonly string[]): Promise<Map<string, LastDecision>> {
  if (keys.length === 0) return new Map();
  return lastDecisionsBy(db, sql`i.key`, sql`c.connector_id = ${connectorId} and i.key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`);
}

/** The last decision of `decision` on each of `itemIds` (the Revoke a review task carried out), by item id. */
export async function lastDecisionsOnItems(db: Db, itemIds: readonly string[], decision: ReviewDecision): Promise<Map<string, LastDecision>> {
  if (itemIds.length === 0) return new Map();
  return lastDecisionsBy(db, sql`i.id::text`, sql`i.id in (${sql.join(itemIds.map((id) => sql`${id}::uuid`), sql`, `)}) and d.decision = ${decision}`);
}

/** The latest decision per value of `per` among the decisions `where` selects (over items `i`, campaigns `c`, decisions `d`). */
async function lastDecisionsBy(db: Db, per: SQL, where: SQL): Promise<Map<string, LastDecision>> {
  const rows = await queryRows<Row>(db, sql`
    select distinct on (${per}) ${per} as per, c.id as campaign_id, c.name as campaign_name, d.stage, d.decision, d.comment, d.at, p.id, p.display_name, p.email
    from review_items i join review_campaigns c on c.id = i.campaign_id join review_decisions d on d.item_id = i.id join people p on p.id = d.decider_person_id
    where ${where}
    order by ${per}, d.at desc, d.id desc`);
  return new Map(rows.map((r) => [String(r.per), {
    campaignId: String(r.campaign_id), campaignName: String(r.campaign_name), stage: Number(r.stage), decision: r.decision as ReviewDecision,
    comment: (r.comment as string | null) ?? null, by: ref(r.id, r.display_name, r.email)!, at: iso(r.at),
  }]));
}
