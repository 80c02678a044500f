import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createReviewService, type CreateCampaignInput, type ReviewService } from '../../src/reviews/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { rejects } from '../harness/rejects.ts';
import { describeStore } from '../harness/store-test.ts';
import { holderAndOther, membershipNotHeldBy } from './review-people.ts';
import { startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';

/** Who may decide what: the granter rule, hand-ons of decided items, one campaign per hand-on, the previous campaign's word. */
describeStore('access reviews: who decides what', (store) => {
  let world: AwsWorld;
  let reviews: ReviewService;
  const admin = { actor: 'cli:admin', personId: null };
  let holder: string;
  let other: string;
  const campaignInput = (over: Partial<CreateCampaignInput> = {}): CreateCampaignInput => ({
    name: 'Who decides',
    scope: { connectorId: world.connector.id, resourceTypes: ['sso_group' as const] },
    reviewerPlan: { stages: [{ policies: [{ kind: 'named', personIds: [holder] }] }], fallbackPersonId: other },
    ...over,
  });
  const launch = async (over: Partial<CreateCampaignInput> = {}) => reviews.launch((await reviews.create(campaignInput(over), admin)).id, admin);

  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 2, users: 30, groups: 3, permissionSets: 3, iamUsersPerAccount: 2 });
    reviews = createReviewService({ db: store().db, provisioning: world.service });
    ({ holder, other } = await holderAndOther(store().db, world.connector.id));
  }, 600_000);
  afterAll(async () => {
    await world?.stop();
  });

  // S3: a grant asked for with an API token was nobody's, so its granter could decide it.
  test('the granter rule follows an API token to the user who created it', async () => {
    const grant = await membershipNotHeldBy(store().db, world.connector.id, holder);
    const [email] = await queryRows<{ email: string }>(store().db, sql`select email from people where id = ${holder}`);
    const [user] = await queryRows<{ id: string }>(store().db, sql`
      insert into app_users (subject, email, display_name) values ('local:token-granter', ${email!.email}, 'Token granter') returning id`);
    const [token] = await queryRows<{ id: string }>(store().db, sql`
      insert into api_tokens (name, token_hash, prefix, role, created_by) values ('script', 'hash-of-script', 'rrcu_scr', 'connector_admin', ${user!.id}) returning id`);
    await queryRows(store().db, sql`
      insert into provisioning_tasks (connector_id, action, entitlement_key, principal_type_id, principal_external_id, target, actor, trigger, status, finished_at)
      values (${world.connector.id}, 'grant', ${grant!.entitlement_key}, ${grant!.principal_type_id}, ${grant!.principal_external_id}, '{}'::jsonb, ${`token:${token!.id}`}, 'manual', 'succeeded', now())`);
    try {
      const c = await launch({ name: 'Token granter', reviewerPlan: { stages: [{ policies: [{ kind: 'named', personIds: [holder] }] }], fallbackPersonId: other, excludeGranters: true } });
      const given = (await reviews.items(c.id, { principalId: grant!.principal_external_id }, { limit: 1000 })).rows
        .filter((r) => `${r.resource.type}:${r.resource.id}#${r.entitlement.slug}` === grant!.entitlement_key);
      expect(given).toHaveLength(1);
      expect(given[0]!.reviewer?.id).toBe(other);
      expect((await reviews.itemDetail(given[0]!.id)).reassignments).toEqual([expect.objectContaining({ reason: 'granted-by-reviewer', from: expect.objectContaining({ id: holder }) })]);
    } finally {
      await queryRows(store().db, sql`delete from provisioning_tasks where actor = ${`token:${token!.id}`}`);
    }
  });

  // S4: a decision made before a hand-on stayed in force, so the new reviewer saw the item decided (or, handed back, the old word counted).
  test('a hand-on leaves the item undecided for the new reviewer; the decision before it stays in the history and counts for nothing at close', async () => {
    const c = await launch({ name: 'Hand-on resets' });
    const asHolder = { actor: 'user:holder', personId: holder };
    const [a, b] = (await reviews.myItems(holder, { campaignId: c.id }, { limit: 1000 })).rows;
    await reviews.decide({ itemId: a!.id, decision: 'keep' }, asHolder);
    expect(await reviews.delegate({ itemIds: [a!.id], toPersonId: other, reason: 'on leave' }, asHolder)).toEqual({ delegated: 1 });
    const delegated = await reviews.itemDetail(a!.id);
    expect(delegated).toMatchObject({ reviewer: { id: other }, decision: null, decidedAt: null, outcome: 'pending' });
    expect(delegated.decisions).toEqual([expect.objectContaining({ stage: 1, decision: 'keep', by: expect.objectContaining({ id: holder }) })]);
    expect((await reviews.myItems(other, { campaignId: c.id, decision: 'undecided' }, { limit: 1000 })).rows.map((r) => r.id)).toContain(a!.id);

    // Handed on and back (A → B → A): the reviewer's earlier word does not come back with the item.
    await reviews.decide({ itemId: b!.id, decision: 'revoke', comment: 'not needed' }, asHolder);
    await reviews.reassign(c.id, { itemIds: [b!.id], toPersonId: other, reason: 'conflict of interest' }, admin);
    await reviews.reassign(c.id, { itemIds: [b!.id], toPersonId: holder, reason: 'cleared' }, admin);
    expect(await reviews.itemDetail(b!.id)).toMatchObject({ reviewer: { id: holder }, decision: null, outcome: 'pending' });
    const stats = await reviews.statistics(c.id);
    expect(stats.reviewers.find((r) => r.reviewerPersonId === holder)).toMatchObject({ decided: 0 });
    expect(stats.reviewers.find((r) => r.reviewerPersonId === other)).toMatchObject({ decided: 0 });

    const closed = await reviews.close(c.id, admin);
    expect(closed.progress).toMatchObject({ decided: 0, kept: 0, revoked: 0, notReviewed: c.snapshot!.itemCount });
    expect((await reviews.items(c.id, { outcome: 'revoked' })).total).toBe(0);
  });

  // A hand-on resets the item, so a Revoke already being carried out would have been reopened for someone else to decide.
  test('an item whose Revoke is being carried out (remediate immediately) is not handed on: the decision stands', async () => {
    const c = await launch({ name: 'Revoked at once', options: { remediateImmediately: true } });
    const asHolder = { actor: 'user:holder', personId: holder };
    const [item] = (await reviews.myItems(holder, { campaignId: c.id }, { limit: 1000 })).rows;
    const decided = await reviews.decide({ itemId: item!.id, decision: 'revoke', comment: 'left the team' }, asHolder);
    expect(decided.remediation).not.toBeNull();
    await rejects(reviews.delegate({ itemIds: [item!.id], toPersonId: other, reason: 'on leave' }, asHolder), 'DECISION_REMEDIATED', new RegExp(`^itemIds: ${item!.id}`));
    await rejects(reviews.reassign(c.id, { itemIds: [item!.id], toPersonId: other, reason: 'second opinion' }, admin), 'DECISION_REMEDIATED');
    expect(await reviews.itemDetail(item!.id)).toMatchObject({ reviewer: { id: holder }, decision: 'revoke' });
  });

  // Delegating items that are not yours told you their campaigns, a campaign's name and state, and that a Revoke was under way.
  test('delegating items that are not the caller\'s is ITEM_NOT_FOUND, before anything about their campaigns or remediation', async () => {
    const asHolder = { actor: 'user:holder', personId: holder };
    const asOther = { actor: 'user:other', personId: other };
    const g = await launch({ name: 'Campaign G', options: { remediateImmediately: true } });
    const h = await launch({ name: 'Campaign H' });
    const [g1, g2] = (await reviews.myItems(holder, { campaignId: g.id }, { limit: 1000 })).rows;
    const [h1] = (await reviews.myItems(holder, { campaignId: h.id }, { limit: 1000 })).rows;
    await reviews.decide({ itemId: g1!.id, decision: 'revoke', comment: 'gone' }, asHolder);
    const closed = await launch({ name: 'Campaign closed' });
    const [k1] = (await reviews.myItems(holder, { campaignId: closed.id }, { limit: 1000 })).rows;
    await reviews.close(closed.id, admin);
    for (const itemIds of [[g1!.id], [g2!.id, h1!.id], [k1!.id]]) {
      await rejects(reviews.delegate({ itemIds, toPersonId: holder, reason: 'probe' }, asOther), 'ITEM_NOT_FOUND');
    }
    expect((await reviews.itemDetail(g2!.id)).reviewer?.id).toBe(holder);
  });

  // An RRCU group was free text before it was a role: a draft stored then failed to launch once the plan's group became an enum.
  test('a stored plan naming a group that is no RRCU role launches: the group is dropped and items fall to the next policy', async () => {
    const draft = await reviews.create(campaignInput({ name: 'Old group' }), admin);
    const plan = { stages: [{ policies: [{ kind: 'named', rrcuGroup: 'Security Team' }, { kind: 'named', personIds: [holder] }] }], fallbackPersonId: other };
    await queryRows(store().db, sql`update review_campaigns set reviewer_plan = ${JSON.stringify(plan)}::jsonb where id = ${draft.id}`);
    const c = await reviews.launch(draft.id, admin);
    expect(c.status).toBe('active');
    const items = (await reviews.items(c.id, {}, { limit: 1000 })).rows;
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((i) => i.reviewer?.id !== holder).every((i) => i.reviewer?.id === other)).toBe(true);
    expect(items.some((i) => i.reviewer?.id === holder)).toBe(true);
    // Create stays strict.
    await rejects(reviews.create(campaignInput({ reviewerPlan: plan as never }), admin), 'INVALID_INPUT', /rrcuGroup/);
  });

  // S9: one call handed on items of several campaigns, locking only the first one's; the route's campaign was not checked.
  test('a hand-on takes the items of one campaign: the route\'s for a reassignment; items of another are a 400 naming itemIds, and nothing moves', async () => {
    const e = await launch({ name: 'Campaign E' });
    const f = await launch({ name: 'Campaign F' });
    const [e1] = (await reviews.myItems(holder, { campaignId: e.id }, { limit: 1000 })).rows;
    const [f1] = (await reviews.myItems(holder, { campaignId: f.id }, { limit: 1000 })).rows;
    await rejects(reviews.delegate({ itemIds: [e1!.id, f1!.id], toPersonId: other, reason: 'mixed' }, { actor: 'user:holder', personId: holder }), 'INVALID_INPUT', /^itemIds: .*one campaign/);
    await rejects(reviews.reassign(e.id, { itemIds: [e1!.id, f1!.id], toPersonId: other, reason: 'mixed' }, admin), 'INVALID_INPUT', new RegExp(`^itemIds: .*${f1!.id}`));
    await rejects(reviews.reassign(e.id, { itemIds: [f1!.id], toPersonId: other, reason: 'wrong campaign' }, admin), 'INVALID_INPUT', new RegExp(`^itemIds: .*${f1!.id}.*Campaign E`));
    expect((await reviews.itemDetail(e1!.id)).reviewer?.id).toBe(holder);
    expect((await reviews.itemDetail(f1!.id)).reviewer?.id).toBe(holder);
    expect(await reviews.reassign(e.id, { itemIds: [e1!.id, e1!.id], toPersonId: other, reason: 'twice named' }, admin)).toEqual({ reassigned: 1 });
  });

  // C4: the previous campaign's word was the last decision of any campaign with the same key: a stage-1 Keep read as kept, another connector's campaign taken.
  test('the previous campaign\'s word is the final outcome of the last closed campaign on the same connector', async () => {
    const asHolder = { actor: 'user:holder', personId: holder };
    const asOther = { actor: 'user:other', personId: other };
    const twoStages = { stages: [{ policies: [{ kind: 'named' as const, personIds: [holder] }] }, { policies: [{ kind: 'named' as const, personIds: [other] }] }], fallbackPersonId: other };
    const p = await launch({ name: 'Previous, two stages', reviewerPlan: twoStages });
    const [x, y] = (await reviews.myItems(holder, { campaignId: p.id }, { limit: 1000 })).rows;
    await reviews.decide({ itemId: x!.id, decision: 'keep' }, asHolder);
    await reviews.decide({ itemId: y!.id, decision: 'keep' }, asHolder);
    await reviews.advanceStage(p.id, admin);
    await reviews.decide({ itemId: x!.id, decision: 'revoke', comment: 'stage 2 says no' }, asOther);
    await reviews.close(p.id, admin);

    // A later campaign whose items carry the same keys, on another connector: not this grant's history.
    const q = await launch({ name: 'Elsewhere' });
    const mineInQ = (await reviews.myItems(holder, { campaignId: q.id, decision: 'undecided' }, { limit: 1000 })).total;
    await reviews.bulkDecide({ campaignId: q.id, filter: { decision: 'undecided' }, decision: 'keep', expectedCount: mineInQ }, asHolder);
    await reviews.close(q.id, admin);
    const [elsewhere] = await queryRows<{ id: string }>(store().db, sql`insert into connectors (kind, name) values ('aws', 'Another organisation') returning id`);
    await queryRows(store().db, sql`update review_campaigns set connector_id = ${elsewhere!.id} where id = ${q.id}`);

    const r = await launch({ name: 'Next' });
    const detailOf = async (key: string) => reviews.itemDetail((await reviews.items(r.id, {}, { limit: 1000 })).rows.find((i) => i.key === key)!.id);
    expect((await detailOf(x!.key)).context.previousCampaign).toMatchObject({ campaignId: p.id, decision: 'revoke', outcome: 'revoked' });
    expect((await detailOf(y!.key)).context.previousCampaign).toMatchObject({ campaignId: p.id, decision: null, outcome: 'not_reviewed' });
  });
});
