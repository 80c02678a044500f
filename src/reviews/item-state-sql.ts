import { sql } from 'drizzle-orm';

/**
 * The one SQL statement of where an item stands, for every query that lists, counts or looks back at
 * items (campaign progress, item lists, the previous campaign's word). After `from review_items i` it
 * gives the campaign `c`, the item's latest current assignment `a` and the decision in force there `d`:
 * the latest decision made under that very assignment, so a hand-on (a new assignment) leaves the stage
 * undecided, as `decisionsInForce` (core/decisions.ts) says.
 */
export const ITEM_STATE_JOINS = sql`
  join review_campaigns c on c.id = i.campaign_id
  join lateral (select * from review_assignments a where a.item_id = i.id and a.current order by a.stage desc limit 1) a on true
  left join lateral (select decision, comment, at from review_decisions d where d.assignment_id = a.id order by d.id desc limit 1) d on true`;

/**
 * `review_items i ${ITEM_STATE_JOINS}` for one reviewer's items only: the same `i`, `c`, `a` and `d`,
 * driven from the reviewer's current assignments (index review_assignments_reviewer_idx) rather than
 * from every item, so My reviews reads a reviewer's items, not the whole campaign's. An assignment
 * counts only when no later stage's assignment of its item is current: the item's latest, as above.
 */
export const reviewerItemState = (personId: string) => ({
  from: sql`review_assignments a
    join review_items i on i.id = a.item_id
    join review_campaigns c on c.id = i.campaign_id
    left join lateral (select decision, comment, at from review_decisions d where d.assignment_id = a.id order by d.id desc limit 1) d on true`,
  where: [sql`a.reviewer_person_id = ${personId}`, sql`a.current`, sql`not exists (select 1 from review_assignments later where later.item_id = a.item_id and later.current and later.stage > a.stage)`],
});

/**
 * The outcome of an item over `ITEM_STATE_JOINS`, the rule of `itemOutcome` (core/decisions.ts) in SQL
 * so lists filter and count by it: later stages only get the items earlier ones kept, so the latest
 * assignment's decision is the word that counts; a Keep before the last stage is no final Keep.
 */
export const ITEM_OUTCOME = sql`case
  when c.status = 'active' and a.stage = c.current_stage then 'pending'
  when d.decision is null then 'not_reviewed'
  when d.decision = 'revoke' then 'revoked'
  when a.stage < jsonb_array_length(c.reviewer_plan->'stages') then 'not_reviewed'
  else 'kept' end`;
