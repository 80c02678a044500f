import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { createReviewService } from '../../src/reviews/index.ts';
import { people, queryRows, type Db } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { createConnectorRow } from '../harness/provisioning.ts';
import { revokingWith } from '../reviews/provisioning-double.ts';

const MIGRATION_0013 = new URL('../../src/store/migrations/0013_decision_assignment.sql', import.meta.url);

/**
 * The store as it was before 0013 (decisions without their assignment), then 0013 itself: its statements
 * as the migrator runs them. 0014's append-only trigger on decisions came later, so it is off meanwhile.
 */
async function migrateFromBefore0013(db: Db, seed: () => Promise<void>): Promise<void> {
  await db.execute(sql`alter table review_decisions drop column assignment_id cascade`);
  await seed();
  await db.execute(sql`alter table review_decisions disable trigger review_decisions_append_only`);
  for (const statement of readFileSync(MIGRATION_0013, 'utf8').split('--> statement-breakpoint')) await db.execute(sql.raw(statement));
  await db.execute(sql`alter table review_decisions enable trigger review_decisions_append_only`);
}

describeStore('migration 0013: decisions made before it keep the outcome they had', (store) => {
  const db = () => store().db;
  const items: Record<string, string> = {};
  let campaignId = '';

  beforeAll(async () => {
    const connectorId = await createConnectorRow(db(), `backfill-${randomUUID().slice(0, 8)}`);
    const suffix = randomUUID().slice(0, 8);
    const [ann] = await db().insert(people).values({ displayName: 'Ann', email: `ann-${suffix}@corp.example` }).returning();
    const [bob] = await db().insert(people).values({ displayName: 'Bob', email: `bob-${suffix}@corp.example` }).returning();
    await migrateFromBefore0013(db(), async () => {
      const [c] = await queryRows<{ id: string }>(db(), sql`
        insert into review_campaigns (name, connector_id, scope, reviewer_plan, options, status, current_stage, created_by)
        values ('Closed before 0013', ${connectorId}, '{}'::jsonb, '{"stages":[{}]}'::jsonb, '{}'::jsonb, 'closed', 1, 'cli:test') returning id`);
      const item = async (name: string) => {
        const [i] = await queryRows<{ id: string }>(db(), sql`
          insert into review_items (campaign_id, key, kind, grant_id, principal_type, principal_id, resource_type, resource_id, entitlement_slug, seen_from)
          values (${c!.id}, ${`k-${randomUUID()}`}, 'sso_group_membership', 1, 'sso_user', ${name}, 'sso_group', 'g-1', 'member', now()) returning id`);
        items[name] = i!.id;
        campaignId = c!.id;
        return i!.id;
      };
      const assign = (itemId: string, personId: string, at: string, current: boolean) =>
        db().execute(sql`insert into review_assignments (item_id, stage, reviewer_person_id, policy, assigned_at, current) values (${itemId}, 1, ${personId}, 'named', ${at}::timestamptz, ${current})`);
      const decide = (itemId: string, personId: string, decision: string, at: string) =>
        db().execute(sql`insert into review_decisions (item_id, stage, decision, decider_person_id, actor, at) values (${itemId}, 1, ${decision}, ${personId}, 'cli:test', ${at}::timestamptz)`);
      // Ann revoked, then the item went to Bob, who did not decide: before 0013 Ann's Revoke stayed in force.
      const handedOnAfter = await item('handed-on-after');
      await assign(handedOnAfter, ann!.id, '2026-01-01T00:00:00Z', false);
      await decide(handedOnAfter, ann!.id, 'revoke', '2026-01-02T00:00:00Z');
      await assign(handedOnAfter, bob!.id, '2026-01-03T00:00:00Z', true);
      // Ann revoked, Bob got it and kept it: the latest word, Bob's Keep, is in force.
      const decidedAgain = await item('decided-again');
      await assign(decidedAgain, ann!.id, '2026-01-01T00:00:00Z', false);
      await decide(decidedAgain, ann!.id, 'revoke', '2026-01-02T00:00:00Z');
      await assign(decidedAgain, bob!.id, '2026-01-03T00:00:00Z', true);
      await decide(decidedAgain, bob!.id, 'keep', '2026-01-04T00:00:00Z');
      // Never handed on: Ann's Keep.
      const stayed = await item('stayed');
      await assign(stayed, ann!.id, '2026-01-01T00:00:00Z', true);
      await decide(stayed, ann!.id, 'keep', '2026-01-02T00:00:00Z');
      // Handed on with nobody deciding: not reviewed, before as after.
      const undecided = await item('undecided');
      await assign(undecided, ann!.id, '2026-01-01T00:00:00Z', false);
      await assign(undecided, bob!.id, '2026-01-03T00:00:00Z', true);
    });
  });

  // The backfill tied Ann's decision to Ann's ended assignment, so the closed campaign's item read not_reviewed after 0013 (revoked before).
  test('a decision followed by a hand-on stays in force; the latest decision still wins; the rest is unchanged', async () => {
    const unused = revokingWith(async () => { throw new Error('no revoke here'); });
    const { rows } = await createReviewService({ db: db(), provisioning: unused }).items(campaignId);
    const outcomes = rows.map((r) => ({ principal_id: r.principal.id, outcome: r.outcome }));
    expect(Object.fromEntries(outcomes.map((o) => [o.principal_id, o.outcome]))).toEqual({
      'handed-on-after': 'revoked', 'decided-again': 'kept', stayed: 'kept', undecided: 'not_reviewed',
    });
    const [{ n }] = (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from review_decisions where assignment_id is null`)) as [{ n: number }];
    expect(n).toBe(0);
  });
});
