import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../store/index.ts';
import type { ItemOutcome, ReviewDecision } from './core/decisions.ts';
import { ITEM_OUTCOME, ITEM_STATE_JOINS } from './item-state-sql.ts';
import { decisionViews, iso, reassignmentViews, ref } from './history.ts';
import type { ItemDetail, ItemView } from './service-types.ts';

type Row = Record<string, unknown>;

/** What a reviewer sees beside one item: how it is held and since when, who gave it through RRCU, the person, the previous campaign's word. */
export async function itemDetail(db: Db, item: ItemView): Promise<ItemDetail> {
  const [ctx] = await queryRows<Row>(db, sql`
    select i.seen_from, i.context, c.connector_id, c.launched_at from review_items i join review_campaigns c on c.id = i.campaign_id where i.id = ${item.id}`);
  const connectorId = ctx?.connector_id as string | null;
  const entitlementKey = (ctx?.context as { entitlementKey?: string } | undefined)?.entitlementKey ?? '';
  const [task] = await queryRows<Row>(db, sql`
    select t.id, t.actor, t.reason, t.finished_at from provisioning_tasks t
    where t.connector_id = ${connectorId} and t.action = 'grant' and t.status = 'succeeded' and t.entitlement_key = ${entitlementKey}
      and t.principal_type_id = ${item.principal.type} and t.principal_external_id = ${item.principal.id}
    order by t.finished_at desc limit 1`);
  const [person] = item.person
    ? await queryRows<Row>(db, sql`
        select p.attributes, m.id as manager_id, m.display_name as manager_name, m.email as manager_email,
               (select r.attributes->>'status' from resources r where r.person_id = p.id and r.resource_type_id = 'sso_user' and r.seen_to is null limit 1) as status
        from people p left join people m on m.id = p.manager_id where p.id = ${item.person.id}`)
    : [];
  const [principal] = item.principal.type === 'iam_user'
    ? await queryRows<Row>(db, sql`select attributes from resources where connector_id = ${connectorId} and resource_type_id = 'iam_user' and external_id = ${item.principal.id} and seen_to is null limit 1`)
    : [];
  const credentialKeys = ['passwordEnabled', 'passwordLastUsed', 'mfaActive', 'accessKeys'];
  const credentials = principal ? Object.fromEntries(credentialKeys.filter((k) => k in (principal.attributes as Row)).map((k) => [k, (principal.attributes as Row)[k]])) : null;
  // The last campaign on this connector, launched before this one, that closed: its final outcome, not a stage's Keep.
  const [previous] = await queryRows<Row>(db, sql`
    select c.id, c.name, c.closed_at, d.decision, ${ITEM_OUTCOME} as outcome from review_items i ${ITEM_STATE_JOINS}
    where i.key = ${item.key} and i.campaign_id <> ${item.campaignId} and c.connector_id = ${connectorId} and c.status = 'closed'
      and c.launched_at < ${iso(ctx?.launched_at ?? new Date())}::timestamptz
    order by c.closed_at desc limit 1`);
  const decisions = await decisionViews(db, sql`${item.id}::uuid`);
  const reassignments = await reassignmentViews(db, sql`${item.id}::uuid`);
  const attributes = (person?.attributes ?? {}) as Row;
  return {
    ...item,
    context: {
      how: { direct: true, via: null },
      firstSeen: iso(ctx?.seen_from),
      grantedBy: task ? { taskId: String(task.id), actor: String(task.actor), actorName: null, reason: (task.reason as string | null) ?? null, at: iso(task.finished_at) } : null,
      person: person
        ? { status: (person.status as string | null) ?? null, department: (attributes.department as string | undefined) ?? null, title: (attributes.title as string | undefined) ?? null, manager: ref(person.manager_id, person.manager_name, person.manager_email) }
        : null,
      credentials: credentials && Object.keys(credentials).length ? credentials : null,
      previousCampaign: previous
        ? { campaignId: String(previous.id), campaignName: String(previous.name), decision: (previous.decision as ReviewDecision | null) ?? null, outcome: previous.outcome as ItemOutcome, closedAt: previous.closed_at ? iso(previous.closed_at) : null }
        : null,
    },
    decisions: decisions.map(({ itemId: _item, inForce: _inForce, ...d }) => d),
    reassignments: reassignments.map(({ itemId: _item, ...s }) => s),
  };
}
