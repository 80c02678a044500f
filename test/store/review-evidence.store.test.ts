import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { createConnectorService } from '../../src/connectors/index.ts';
import { setOwner } from '../../src/ownership/index.ts';
import { people, queryRows, type Db } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { ADMINS, baseResources } from '../harness/inventory-fixtures.ts';
import { createConnectorRow, syncInventory } from '../harness/provisioning.ts';

type Evidence = { connectorId: string; campaignId: string; itemId: string; assignmentId: number; personId: string };

/** One launched campaign's evidence, as the service writes it: an item, its assignment, a launch step, a decision, a remediation. */
async function seedEvidence(db: Db, connectorId: string, personId: string): Promise<Evidence> {
  const [c] = await queryRows<{ id: string }>(db, sql`
    insert into review_campaigns (name, connector_id, scope, reviewer_plan, options, status, current_stage, created_by)
    values ('Evidence', ${connectorId}, '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, 'active', 1, 'cli:test') returning id`);
  const [i] = await queryRows<{ id: string }>(db, sql`
    insert into review_items (campaign_id, key, kind, grant_id, principal_type, principal_id, resource_type, resource_id, entitlement_slug, seen_from)
    values (${c!.id}, ${`k-${randomUUID()}`}, 'sso_group_membership', 1, 'sso_user', 'u-1', 'sso_group', 'g-1', 'member', now()) returning id`);
  const [a] = await queryRows<{ id: number | string }>(db, sql`
    insert into review_assignments (item_id, stage, reviewer_person_id, policy) values (${i!.id}, 1, ${personId}, 'named') returning id`);
  await db.execute(sql`insert into review_reassignments (item_id, stage, from_person_id, to_person_id, reason, policy) values (${i!.id}, 1, null, ${personId}, 'no-manager', 'manager')`);
  await db.execute(sql`insert into review_decisions (item_id, stage, assignment_id, decision, comment, decider_person_id, actor) values (${i!.id}, 1, ${a!.id}, 'revoke', 'not needed', ${personId}, 'cli:test')`);
  await db.execute(sql`insert into review_remediations (item_id, state) values (${i!.id}, 'pending')`);
  return { connectorId, campaignId: c!.id, itemId: i!.id, assignmentId: Number(a!.id), personId };
}

describeStore('access review evidence is append-only', (store) => {
  const db = () => store().db;
  // Drizzle wraps the database's error; the trigger's message is in its cause.
  const refusal = (statement: ReturnType<typeof sql>) => db().execute(statement).then(() => 'accepted', (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));
  let e: Evidence;
  let other: string;

  beforeAll(async () => {
    const connectorId = await createConnectorRow(db(), `evidence-${randomUUID().slice(0, 8)}`);
    const suffix = randomUUID().slice(0, 8);
    const [p] = await db().insert(people).values({ displayName: 'Rita', email: `rita-${suffix}@corp.example` }).returning();
    const [o] = await db().insert(people).values({ displayName: 'Otto', email: `otto-${suffix}@corp.example` }).returning();
    other = o!.id;
    await syncInventory(db(), connectorId, baseResources());
    e = await seedEvidence(db(), connectorId, p!.id);
  });

  test('decisions, items and reassignments refuse UPDATE, DELETE and TRUNCATE', async () => {
    expect(await refusal(sql`update review_decisions set decision = 'keep' where item_id = ${e.itemId}`)).toBe('review_decisions is append-only: UPDATE is not allowed');
    expect(await refusal(sql`delete from review_decisions where item_id = ${e.itemId}`)).toBe('review_decisions is append-only: DELETE is not allowed');
    expect(await refusal(sql`update review_items set principal_id = 'u-2' where id = ${e.itemId}`)).toBe('review_items is append-only: UPDATE is not allowed');
    expect(await refusal(sql`delete from review_items where id = ${e.itemId}`)).toBe('review_items is append-only: DELETE is not allowed');
    expect(await refusal(sql`update review_reassignments set reason = 'delegated' where item_id = ${e.itemId}`)).toBe('review_reassignments is append-only: UPDATE is not allowed');
    expect(await refusal(sql`delete from review_reassignments where item_id = ${e.itemId}`)).toBe('review_reassignments is append-only: DELETE is not allowed');
    for (const table of ['review_decisions', 'review_items', 'review_reassignments', 'review_assignments', 'review_remediations']) {
      expect(await refusal(sql`truncate ${sql.raw(table)} cascade`)).toBe(`${table} is append-only: TRUNCATE is not allowed`);
    }
    const [kept] = await queryRows<{ decision: string; n: number }>(db(), sql`select max(decision) as decision, count(*)::int as n from review_decisions where item_id = ${e.itemId}`);
    expect(kept).toEqual({ decision: 'revoke', n: 1 });
  });

  test('an assignment may only be ended (current → false): its reviewer, stage and time never change, nor is it deleted', async () => {
    expect(await refusal(sql`update review_assignments set reviewer_person_id = ${other} where id = ${e.assignmentId}`)).toMatch(/^review_assignments keeps its history/);
    expect(await refusal(sql`update review_assignments set current = false, policy = 'fallback' where id = ${e.assignmentId}`)).toMatch(/^review_assignments keeps its history/);
    expect(await refusal(sql`delete from review_assignments where id = ${e.assignmentId}`)).toBe('review_assignments is append-only: DELETE is not allowed');
    expect(await refusal(sql`update review_assignments set current = false where id = ${e.assignmentId}`)).toBe('accepted');
    expect(await refusal(sql`update review_assignments set current = true where id = ${e.assignmentId}`)).toMatch(/^review_assignments keeps its history/);
  });

  test('a remediation progresses (state, task, observing run) but keeps its item and is never deleted', async () => {
    expect(await refusal(sql`update review_remediations set state = 'task_queued', task_id = ${randomUUID()} where item_id = ${e.itemId}`)).toBe('accepted');
    expect(await refusal(sql`update review_remediations set state = 'remediated', observed_run_id = 7, observed_at = now() where item_id = ${e.itemId}`)).toBe('accepted');
    expect(await refusal(sql`update review_remediations set created_at = now() - interval '1 day' where item_id = ${e.itemId}`)).toMatch(/^review_remediations keeps its item/);
    expect(await refusal(sql`delete from review_remediations where item_id = ${e.itemId}`)).toBe('review_remediations is append-only: DELETE is not allowed');
  });

  test('purging an archived connector counts its resource owners, and keeps its review campaigns with all their evidence', async () => {
    await setOwner(db(), { connectorId: e.connectorId, resourceType: 'sso_group', resourceId: ADMINS.externalId, personId: e.personId }, { actor: 'cli:test' });
    const connectors = createConnectorService({ db: db(), secretKey: undefined, endpoints: { allowCustomEndpoints: false }, archiveSteps: [] });
    const { name } = await connectors.archive(e.connectorId, 'cli:test');
    expect(await connectors.historyCounts(e.connectorId)).toMatchObject({ owners: 1 });
    const { erased } = await connectors.purge(e.connectorId, { confirm: name }, 'cli:test');
    expect(erased).toMatchObject({ owners: 1 });
    expect(await queryRows(db(), sql`select 1 from resource_owners where connector_id = ${e.connectorId}`)).toHaveLength(0);
    const [left] = await queryRows<Record<string, number | null>>(db(), sql`
      select (select count(*)::int from review_campaigns where id = ${e.campaignId} and connector_id is null) as campaigns,
             (select count(*)::int from review_items where id = ${e.itemId}) as items,
             (select count(*)::int from review_decisions where item_id = ${e.itemId}) as decisions,
             (select count(*)::int from review_reassignments where item_id = ${e.itemId}) as reassignments,
             (select count(*)::int from review_remediations where item_id = ${e.itemId}) as remediations`);
    expect(left).toEqual({ campaigns: 1, items: 1, decisions: 1, reassignments: 1, remediations: 1 });
    const [event] = await queryRows<{ data: { erased: Record<string, number>; keptReviewCampaigns: number } }>(db(), sql`select data from audit_events where type = 'connector.purged' and subject = ${`connector:${e.connectorId}`}`);
    expect(event!.data).toMatchObject({ erased: { owners: 1 }, keptReviewCampaigns: 1 });
  });
});
