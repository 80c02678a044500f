import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { getTask, waitForTask } from '../../src/provisioning/index.ts';
import { createReviewService, observeRemediations, populationDigest, type CreateCampaignInput, type ReviewService } from '../../src/reviews/index.ts';
import { failSnapshot, queryRows } from '../../src/store/index.ts';
import { createSyncRun, createSyncRunReads, createSyncService, SYNC_QUEUE_SPECS, SYNC_QUEUES } from '../../src/sync/index.ts';
import { startJobEngine } from '../../src/jobs/index.ts';
import { DEMO_CAMPAIGN_NAME, ensureDemoReviewCampaign } from '../../src/demo/review-campaign.ts';
import { rejects } from '../harness/rejects.ts';
import { describeStore } from '../harness/store-test.ts';
import { holderAndOther, membershipNotHeldBy } from './review-people.ts';
import { identityCenterOf } from '../harness/aws-provision.ts';
import { connectorsFor, startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';

describeStore('access review campaigns (simulator, real sync and provisioning)', (store) => {
  let world: AwsWorld;
  let reviews: ReviewService;
  const admin = { actor: 'cli:admin', personId: null };
  /** A person holding Identity Center group memberships, and one who holds none of those items. */
  let holder: string;
  let other: string;
  const membershipScope = () => ({ connectorId: world.connector.id, resourceTypes: ['sso_group' as const] });
  const campaignInput = (over: Partial<CreateCampaignInput> = {}): CreateCampaignInput => ({
    name: 'Quarterly review',
    scope: membershipScope(),
    reviewerPlan: { stages: [{ policies: [{ kind: 'named', personIds: [holder] }] }], fallbackPersonId: other },
    ...over,
  });

  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 2, users: 30, groups: 3, permissionSets: 3, iamUsersPerAccount: 2 });
    reviews = createReviewService({ db: store().db, provisioning: world.service });
    ({ holder, other } = await holderAndOther(store().db, world.connector.id));
  });
  afterAll(async () => {
    await world?.stop();
  });

  test('launch snapshots one committed run: items, a digest that recomputes and repeats, counts reconciled with the sync\'s own totals', async () => {
    const draft = await reviews.create(campaignInput(), admin);
    expect(draft).toMatchObject({ status: 'draft', snapshot: null });
    const preview = await reviews.preview({ campaignId: draft.id });
    const launched = await reviews.launch(draft.id, admin);
    const [run] = await queryRows<{ id: number; counts: Record<string, number> }>(store().db, sql`select id, counts from sync_runs where connector_id = ${world.connector.id} and status = 'succeeded' order by id desc limit 1`);
    const direct = await queryRows<{ n: number }>(store().db, sql`
      select count(*)::int as n from grants where connector_id = ${world.connector.id} and seen_to is null and via_external_id is null and entitlement_key like 'sso_group:%#member'`);
    expect(launched.status).toBe('active');
    expect(launched.snapshot).toMatchObject({ syncRunId: Number(run!.id), itemCount: direct[0]!.n, reconciliation: { reconciled: true, syncGrantTotal: run!.counts.grant, missingItems: [], unexpectedItems: [] } });
    expect(launched.snapshot!.reconciliation.populationTotal).toBe(run!.counts.grant);
    expect(preview.itemCount).toBe(direct[0]!.n);

    const { rows } = await reviews.items(launched.id, {}, { limit: 1000 });
    expect(rows).toHaveLength(direct[0]!.n);
    const recomputed = populationDigest(rows.map((r) => ({
      grantId: 0, connectorId: world.connector.id, principalType: r.principal.type, principalId: r.principal.id, principalName: r.principal.name, personId: r.person?.id ?? null,
      resourceType: r.resource.type, resourceId: r.resource.id, resourceName: r.resource.name, entitlementSlug: r.entitlement.slug, entitlement: r.entitlement.name, via: null,
      seenFrom: new Date(0), privileged: r.privileged, entitlementType: null,
    })));
    expect(recomputed.count).toBe(launched.snapshot!.itemCount);
    const again = await reviews.launch((await reviews.create(campaignInput({ name: 'Same scope again' }), admin)).id, admin);
    expect(again.snapshot!.sha256).toBe(launched.snapshot!.sha256);
    expect(again.snapshot!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('nobody reviews their own access: the holder\'s items go to the fallback, the step recorded with its reason', async () => {
    const c = await reviews.launch((await reviews.create(campaignInput({ name: 'Self review' }), admin)).id, admin);
    const own = await reviews.items(c.id, { reviewerPersonId: other }, { limit: 1000 });
    const mine = await reviews.myItems(holder, { campaignId: c.id }, { limit: 1000 });
    expect(own.total).toBeGreaterThan(0);
    expect(own.rows.every((r) => r.person?.id === holder && r.policy === 'fallback')).toBe(true);
    expect(mine.rows.every((r) => r.person?.id !== holder)).toBe(true);
    expect(own.total + mine.total).toBe(c.snapshot!.itemCount);
    const detail = await reviews.itemDetail(own.rows[0]!.id);
    expect(detail.reassignments).toEqual([expect.objectContaining({ stage: 1, reason: 'self-review', from: expect.objectContaining({ id: holder }), to: expect.objectContaining({ id: other }) })]);
    const inbox = await queryRows<{ recipient_person_id: string }>(store().db, sql`select recipient_person_id from notifications where payload->>'campaignId' = ${c.id}`);
    expect(inbox.map((n) => n.recipient_person_id).sort()).toEqual([holder, other].sort());
  });

  test('decisions: only the reviewer decides, a Revoke needs a comment, a change is kept as history; a bulk decision with a stale count is refused', async () => {
    const c = await reviews.launch((await reviews.create(campaignInput({ name: 'Decisions' }), admin)).id, admin);
    const mine = await reviews.myItems(holder, { campaignId: c.id }, { limit: 1000 });
    const item = mine.rows[0]!;
    await rejects(reviews.decide({ itemId: item.id, decision: 'keep' }, { actor: 'user:other', personId: other }), 'NOT_THE_REVIEWER');
    await reviews.decide({ itemId: item.id, decision: 'keep' }, { actor: 'user:holder', personId: holder });
    await rejects(reviews.decide({ itemId: item.id, decision: 'revoke' }, { actor: 'user:holder', personId: holder }), 'COMMENT_REQUIRED');
    const changed = await reviews.decide({ itemId: item.id, decision: 'revoke', comment: 'left the team' }, { actor: 'user:holder', personId: holder });
    expect(changed).toMatchObject({ decision: 'revoke', comment: 'left the team', outcome: 'pending' });
    expect((await reviews.itemDetail(item.id)).decisions.map((d) => d.decision)).toEqual(['keep', 'revoke']);

    const undecided = mine.total - 1;
    await rejects(reviews.bulkDecide({ campaignId: c.id, filter: { decision: 'undecided' }, decision: 'keep', expectedCount: undecided + 1 }, { actor: 'user:holder', personId: holder }), 'BULK_COUNT_MISMATCH', new RegExp(`holds ${undecided} items`));
    expect(await reviews.bulkDecide({ campaignId: c.id, filter: { decision: 'undecided' }, decision: 'keep', expectedCount: undecided }, { actor: 'user:holder', personId: holder })).toEqual({ decided: undecided });
    const stats = await reviews.statistics(c.id);
    expect(stats.reviewers.find((r) => r.reviewerPersonId === holder)).toMatchObject({ decided: mine.total, kept: undecided, revoked: 1 });
    const events = await queryRows<{ n: number }>(store().db, sql`select count(*)::int as n from audit_events where type = 'review.decided' and data->>'campaignId' = ${c.id}`);
    expect(events[0]!.n).toBe(mine.total + 1);
  });

  test('close: undecided items are Not reviewed; a Revoke becomes a review task, runs in AWS, and the next sync marks it remediated; re-added behind RRCU\'s back it reappears', async () => {
    const c = await reviews.launch((await reviews.create(campaignInput({ name: 'Remediation' }), admin)).id, admin);
    const mine = await reviews.myItems(holder, { campaignId: c.id }, { limit: 1000 });
    const item = mine.rows[0]!;
    await reviews.decide({ itemId: item.id, decision: 'revoke', comment: 'no longer needed' }, { actor: 'user:holder', personId: holder });
    const closed = await reviews.close(c.id, admin);
    expect(closed.status).toBe('closed');
    expect(closed.progress).toMatchObject({ revoked: 1, notReviewed: c.snapshot!.itemCount - 1, kept: 0 });
    await rejects(reviews.decide({ itemId: mine.rows[1]!.id, decision: 'keep' }, { actor: 'user:holder', personId: holder }), 'CAMPAIGN_NOT_ACTIVE');

    const [revoked] = (await reviews.items(c.id, { outcome: 'revoked' })).rows;
    expect(revoked!.remediation).toMatchObject({ state: 'task_queued', manual: false });
    const task = await waitForTask(store().db, revoked!.remediation!.taskId!, { intervalMs: 100 });
    expect(task).toMatchObject({ status: 'succeeded', action: 'revoke', trigger: 'review', triggerRef: item.id });
    const ic = identityCenterOf(world.sim);
    const removed = [...ic.memberships.entries()].find(([, m]) => m.groupId === item.resource.id && m.userId === item.principal.id);
    expect(removed).toBeUndefined();

    const next = await world.sync();
    expect(await reviews.observeSync(world.connector.id, next.run.id)).toEqual({ remediated: 1, reappeared: 0 });
    expect((await getTask(store().db, task.id))?.observedRunId).toBe(next.run.id);
    const [remediated] = (await reviews.items(c.id, { outcome: 'revoked' })).rows;
    expect(remediated!.remediation).toMatchObject({ state: 'remediated', observedRunId: next.run.id });
    const exported = (await reviews.exportRows(c.id)).find((r) => r.itemId === item.id);
    expect(exported).toMatchObject({ decision: 'revoke', comment: 'no longer needed', remediationState: 'remediated', remediationTaskId: task.id, observedSyncRunId: next.run.id });

    // Someone puts the membership back in AWS, outside RRCU.
    const membershipId = `re-added-${item.id.slice(0, 8)}`;
    ic.memberships.set(membershipId, { ...([...ic.memberships.values()][0]!), membershipId, groupId: item.resource.id, userId: item.principal.id } as never);
    const later = await world.sync();
    expect(await reviews.observeSync(world.connector.id, later.run.id)).toEqual({ remediated: 0, reappeared: 1 });
    const [back] = (await reviews.items(c.id, { outcome: 'revoked' })).rows;
    expect(back!.remediation).toMatchObject({ state: 'reappeared', observedRunId: next.run.id, reappearedRunId: later.run.id });
  });

  test('the granter rule: a reviewer who asked RRCU for a grant since the last campaign does not decide it (fallback, \'granted-by-reviewer\'); without the rule they do', async () => {
    const grant = await membershipNotHeldBy(store().db, world.connector.id, holder);
    const [email] = await queryRows<{ email: string }>(store().db, sql`select email from people where id = ${holder}`);
    const [user] = await queryRows<{ id: string }>(store().db, sql`
      insert into app_users (subject, email, display_name) values ('local:granter', ${email!.email.toUpperCase()}, 'Granter') returning id`);
    // The task that gave the grant, as provisioning records a succeeded grant asked for by a signed-in user.
    await queryRows(store().db, sql`
      insert into provisioning_tasks (connector_id, action, entitlement_key, principal_type_id, principal_external_id, target, actor, trigger, status, finished_at)
      values (${world.connector.id}, 'grant', ${grant!.entitlement_key}, ${grant!.principal_type_id}, ${grant!.principal_external_id}, '{}'::jsonb, ${`user:${user!.id}`}, 'manual', 'succeeded', now())`);
    const ruled = await reviews.launch((await reviews.create(campaignInput({ name: 'Granters', reviewerPlan: { stages: [{ policies: [{ kind: 'named', personIds: [holder] }] }], fallbackPersonId: other, excludeGranters: true } }), admin)).id, admin);
    const given = (await reviews.items(ruled.id, { principalId: grant!.principal_external_id }, { limit: 1000 })).rows.filter((r) => `${r.resource.type}:${r.resource.id}#${r.entitlement.slug}` === grant!.entitlement_key);
    expect(given).toHaveLength(1);
    expect(given[0]!.reviewer?.id).toBe(other);
    expect((await reviews.itemDetail(given[0]!.id)).reassignments).toEqual([expect.objectContaining({ reason: 'granted-by-reviewer', from: expect.objectContaining({ id: holder }) })]);
    expect((await reviews.items(ruled.id, { reviewerPersonId: holder }, { limit: 1000 })).total).toBeGreaterThan(0);

    const unruled = await reviews.launch((await reviews.create(campaignInput({ name: 'No granter rule' }), admin)).id, admin);
    const same = (await reviews.items(unruled.id, { principalId: grant!.principal_external_id }, { limit: 1000 })).rows.find((r) => r.key === given[0]!.key);
    expect(same?.reviewer?.id).toBe(holder);
    await queryRows(store().db, sql`delete from provisioning_tasks where actor = ${`user:${user!.id}`}`);
  });

  test('remediate immediately: a Revoke becomes a task when decided, and a sync run as a job marks it remediated through the afterCommit hook the app composes', async () => {
    const c = await reviews.launch((await reviews.create(campaignInput({ name: 'Immediate', options: { remediateImmediately: true } }), admin)).id, admin);
    // The last of the holder's items: the close test above revoked (and re-added) the first.
    const item = (await reviews.myItems(holder, { campaignId: c.id }, { limit: 1000 })).rows.at(-1);
    const decided = await reviews.decide({ itemId: item!.id, decision: 'revoke', comment: 'left the team' }, { actor: 'user:holder', personId: holder });
    expect(decided.remediation).toMatchObject({ state: 'task_queued', manual: false });
    expect((await reviews.get(c.id)).status).toBe('active');
    expect(await waitForTask(store().db, decided.remediation!.taskId!, { intervalMs: 100 })).toMatchObject({ status: 'succeeded', trigger: 'review', triggerRef: item!.id });

    const engine = await startJobEngine(store(), { supervise: false, queues: SYNC_QUEUE_SPECS });
    try {
      const syncs = createSyncService({
        db: store().db, jobs: engine, connectors: connectorsFor(store(), world.sim), schedule: 'off',
        afterCommit: (outcome) => observeRemediations(store().db, outcome.run.connectorId, outcome.run.id),
      });
      await syncs.startWorkers();
      const { jobId } = await syncs.request(world.connector.id, 'cli:test');
      let job = await engine.boss.getJobById(SYNC_QUEUES.sync, jobId);
      while (job && job.state !== 'completed' && job.state !== 'failed') {
        await new Promise((r) => setTimeout(r, 200));
        job = await engine.boss.getJobById(SYNC_QUEUES.sync, jobId);
      }
      expect(job).toMatchObject({ state: 'completed', output: { status: 'succeeded' } });
      const [after] = (await reviews.items(c.id, { principalId: item!.principal.id }, { limit: 1000 })).rows.filter((r) => r.id === item!.id);
      expect(after!.remediation).toMatchObject({ state: 'remediated', observedRunId: (job!.output as { runId: number }).runId });
    } finally {
      await engine.stop({ graceful: false });
    }
  });

  test('delegation, reassignment and a second stage: each hand-on recorded with its reason, a loop refused, the next stage gets the items kept', async () => {
    const plan = { stages: [{ policies: [{ kind: 'named' as const, personIds: [holder] }] }, { policies: [{ kind: 'named' as const, personIds: [other] }] }], fallbackPersonId: other };
    const c = await reviews.launch((await reviews.create(campaignInput({ name: 'Two stages', reviewerPlan: plan }), admin)).id, admin);
    const asHolder = { actor: 'user:holder', personId: holder };
    const asOther = { actor: 'user:other', personId: other };
    const mine = (await reviews.myItems(holder, { campaignId: c.id }, { limit: 1000 })).rows;
    const [a, b] = mine;
    expect(await reviews.delegate({ itemIds: [a!.id], toPersonId: other, reason: 'on leave' }, asHolder)).toEqual({ delegated: 1 });
    await rejects(reviews.delegate({ itemIds: [a!.id], toPersonId: holder, reason: 'back' }, asOther), 'DELEGATION_LOOP');
    expect(await reviews.reassign(c.id, { itemIds: [a!.id], toPersonId: holder, reason: 'returned from leave' }, admin)).toEqual({ reassigned: 1 });
    const detail = await reviews.itemDetail(a!.id);
    expect(detail.reviewer?.id).toBe(holder);
    expect(detail.reassignments.map((r) => [r.reason, r.from?.id, r.to?.id])).toEqual([['delegated', holder, other], ['reassigned', other, holder]]);

    await reviews.decide({ itemId: a!.id, decision: 'keep', comment: 'still needed' }, asHolder);
    await reviews.decide({ itemId: b!.id, decision: 'revoke', comment: 'not needed' }, asHolder);
    const advanced = await reviews.advanceStage(c.id, admin);
    expect(advanced).toMatchObject({ status: 'active', currentStage: 2 });
    const stage2 = await reviews.items(c.id, { stage: 2 }, { limit: 1000 });
    expect(stage2.rows.map((r) => r.id)).toEqual([a!.id]);
    expect(stage2.rows[0]!.reviewer?.id).toBe(other);
    await rejects(reviews.decide({ itemId: b!.id, decision: 'keep' }, asHolder), 'ITEM_NOT_IN_STAGE');
    expect(await reviews.advanceStage(c.id, admin)).toMatchObject({ status: 'closed' });
  });

  test('the demo gets one draft campaign reviewed by managers once a sync has committed, whose preview resolves reviewers', async () => {
    const app = { reviews, store: store(), runs: createSyncRunReads({ db: store().db }) };
    const signal = new AbortController().signal;
    const id = await ensureDemoReviewCampaign(app, world.connector.id, { signal });
    expect(await ensureDemoReviewCampaign(app, world.connector.id, { signal })).toBe(id);
    const draft = await reviews.get(id!);
    expect(draft).toMatchObject({ name: DEMO_CAMPAIGN_NAME, status: 'draft', reviewerPlan: { stages: [{ policies: [{ kind: 'manager' }] }] } });
    const preview = await reviews.preview({ campaignId: id! });
    expect(preview.byReviewer.reduce((n, r) => n + r.items, 0)).toBe(preview.itemCount);
  });

  test("launch flags items privileged by the marks live at the snapshot run's start, not by today's marks", async () => {
    const { db } = store();
    const [run] = await queryRows<{ started_at: Date | string }>(db, sql`
      select started_at from sync_runs where connector_id = ${world.connector.id} and status = 'succeeded' order by started_at desc limit 1`);
    const runAt = new Date(run!.started_at);
    const keys = await queryRows<{ key: string }>(db, sql`
      select distinct entitlement_key as key from grants
      where connector_id = ${world.connector.id} and seen_to is null and via_external_id is null and entitlement_key like 'sso_group:%#member'
      order by entitlement_key limit 2`);
    expect(keys).toHaveLength(2);
    const [markedThen, markedSince] = keys.map((k) => k.key) as [string, string];
    const mark = (key: string, markedAt: Date, unmarkedAt: Date | null) => db.execute(sql`
      insert into privileged_marks (connector_id, entitlement_key, entitlement_name, reason, marked_by, marked_by_name, marked_at, unmarked_at)
      values (${world.connector.id}, ${key}, ${key}, 'test', 'cli:admin', 'admin', ${markedAt.toISOString()}::timestamptz, ${unmarkedAt?.toISOString() ?? null}::timestamptz)`);
    // Marked before the run and unmarked since: privileged at the run's start. Marked only since: not yet.
    await mark(markedThen, new Date(runAt.getTime() - 3_600_000), new Date(runAt.getTime() + 1_000));
    await mark(markedSince, new Date(runAt.getTime() + 1_000), null);
    try {
      const c = await reviews.launch((await reviews.create(campaignInput({ name: 'Marks at the run' }), admin)).id, admin);
      const { rows } = await reviews.items(c.id, {}, { limit: 1000 });
      const of = (key: string) => rows.filter((r) => `${r.resource.type}:${r.resource.id}#${r.entitlement.slug}` === key);
      expect(of(markedThen).length).toBeGreaterThan(0);
      expect(of(markedSince).length).toBeGreaterThan(0);
      for (const r of of(markedThen)) expect(r).toMatchObject({ privileged: true, riskFlags: expect.arrayContaining(['privileged']) });
      for (const r of of(markedSince)) {
        expect(r.privileged).not.toBe(true);
        expect(r.riskFlags).not.toContain('privileged');
      }
    } finally {
      await db.execute(sql`delete from privileged_marks where connector_id = ${world.connector.id} and entitlement_key in (${markedThen}, ${markedSince})`);
    }
  });

  test('launch is refused when the last sync is older than the campaign accepts, or failed, with a fix to sync first', async () => {
    const stale = await reviews.create(campaignInput({ name: 'Stale', options: { maxSyncAgeSeconds: 3600 } }), admin);
    await rejects(reviews.launch(stale.id, admin, new Date(Date.now() + 2 * 3600 * 1000)), 'SYNC_FIRST', /more than the campaign accepts \(3600 s\)/);
    const run = await createSyncRun(store().db, world.connector.id);
    await failSnapshot(store().db, run.id, { code: 'TEST', message: 'the sync failed' });
    const failed = await reviews.create(campaignInput({ name: 'After a failed sync' }), admin);
    await rejects(reviews.launch(failed.id, admin), 'SYNC_FIRST', new RegExp(`run ${run.id}\\) failed`));
    expect((await reviews.get(failed.id)).status).toBe('draft');
  });
});
