import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startJobEngine, type JobEngine } from '../../src/jobs/index.ts';
import { createReviewService, REVIEW_QUEUE_SPECS, REVIEW_QUEUES, runReviewTick, startReviewJobs, type CreateCampaignInput, type ReviewJobDeps, type ReviewService } from '../../src/reviews/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { holderAndOther } from './review-people.ts';
import { startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';

const DAY = 24 * 3600 * 1000;

describeStore('access review jobs: reminders, escalation, close at the end, recurring campaigns', (store) => {
  let world: AwsWorld;
  let engine: JobEngine;
  let reviews: ReviewService;
  let deps: ReviewJobDeps;
  const admin = { actor: 'cli:admin', personId: null };
  let holder: string;
  let other: string;
  const campaignInput = (over: Partial<CreateCampaignInput> = {}): CreateCampaignInput => ({
    name: 'Quarterly review',
    scope: { connectorId: world.connector.id, resourceTypes: ['sso_group' as const] },
    reviewerPlan: { stages: [{ policies: [{ kind: 'named', personIds: [holder] }] }], fallbackPersonId: other },
    ...over,
  });
  const notificationsOf = (kind: string, campaignId: string) => queryRows<{ recipient_person_id: string | null; recipient_role: string | null; dedupe_key: string }>(store().db, sql`
    select recipient_person_id, recipient_role, dedupe_key from notifications where kind = ${kind} and payload->>'campaignId' = ${campaignId} order by created_at, dedupe_key`);

  /** The store, with `hook` run just before its next transaction opens: after any read made outside one. */
  const decidingFirst = (hook: () => Promise<unknown>) => {
    let armed = true;
    const db = store().db;
    return new Proxy(db, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (property !== 'transaction' || !armed) return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        return async (...args: Parameters<typeof db.transaction>) => {
          armed = false;
          await hook();
          return target.transaction(...args);
        };
      },
    });
  };

  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 2, users: 30, groups: 3, permissionSets: 3, iamUsersPerAccount: 2 });
    engine = await startJobEngine(store(), { supervise: false, queues: REVIEW_QUEUE_SPECS });
    reviews = createReviewService({ db: store().db, provisioning: world.service });
    deps = { db: store().db, reviews };
    ({ holder, other } = await holderAndOther(store().db, world.connector.id));
  });
  afterAll(async () => {
    await engine?.stop({ graceful: false });
    await world?.stop();
  });

  test('reminders: one per reviewer with pending items on each reminder day (3 days before due, daily after), never twice for a retried tick', async () => {
    const now = new Date();
    const c = await reviews.launch((await reviews.create(campaignInput({ name: 'Reminders', dueAt: new Date(now.getTime() + 3 * DAY) }), admin)).id, admin);
    const reviewers = new Set((await reviews.items(c.id, {}, { limit: 1000 })).rows.map((r) => r.reviewer!.id));
    expect((await runReviewTick(deps, now)).reminded).toBe(reviewers.size);
    expect((await runReviewTick(deps, now)).reminded).toBe(0);
    expect((await runReviewTick(deps, new Date(now.getTime() + DAY))).reminded).toBe(0);
    const sent = await notificationsOf('review.reminder', c.id);
    expect(new Set(sent.map((n) => n.recipient_person_id))).toEqual(reviewers);
    expect(sent).toHaveLength(reviewers.size);

    // After the due date: daily, and only for those who still have undecided items.
    const mine = await reviews.myItems(holder, { campaignId: c.id }, { limit: 1000 });
    await reviews.bulkDecide({ campaignId: c.id, decision: 'keep', expectedCount: mine.total }, { actor: 'user:holder', personId: holder });
    const afterDue = new Date(now.getTime() + 4 * DAY);
    await runReviewTick(deps, afterDue);
    await runReviewTick(deps, afterDue);
    const lateSent = (await notificationsOf('review.reminder', c.id)).filter((n) => n.dedupe_key.endsWith(afterDue.toISOString().slice(0, 10)));
    expect(lateSent.map((n) => n.recipient_person_id)).toEqual([...reviewers].filter((r) => r !== holder));
  });

  test('escalation: past due plus the delay, undecided items go to the fallback as an \'escalated\' step (audited, notified); a second tick escalates nothing', async () => {
    const now = new Date();
    const c = await reviews.launch((await reviews.create(campaignInput({ name: 'Escalation', dueAt: new Date(now.getTime() - DAY), options: { escalateAfterDays: 2 } }), admin)).id, admin);
    const withHolder = await reviews.myItems(holder, { campaignId: c.id }, { limit: 1000 });
    expect(withHolder.total).toBeGreaterThan(0);
    expect((await runReviewTick(deps, now)).escalated).toBe(0);
    const later = new Date(now.getTime() + 2 * DAY);
    expect((await runReviewTick(deps, later)).escalated).toBe(withHolder.total);
    expect((await runReviewTick(deps, later)).escalated).toBe(0);
    expect((await reviews.myItems(holder, { campaignId: c.id })).total).toBe(0);
    const detail = await reviews.itemDetail(withHolder.rows[0]!.id);
    expect(detail.reviewer?.id).toBe(other);
    expect(detail.reassignments.at(-1)).toMatchObject({ reason: 'escalated', from: { id: holder }, to: { id: other }, by: 'system' });
    const [audit] = await queryRows<{ n: number }>(store().db, sql`select count(*)::int as n from audit_events where type = 'review.escalated' and data->>'campaignId' = ${c.id}`);
    expect(audit!.n).toBe(withHolder.total);
    // The new reviewer at once (not in the daily digest of review.assigned), the former reviewer, and the owner (created from the CLI: the Super Administrators).
    const told = await queryRows<{ recipient_person_id: string | null; recipient_role: string | null; title: string; direction: string }>(store().db, sql`
      select recipient_person_id, recipient_role, title, payload->>'direction' as direction from notifications where kind = 'review.escalated' and payload->>'campaignId' = ${c.id} order by 4`);
    expect(told).toEqual([
      { recipient_person_id: holder, recipient_role: null, title: `${withHolder.total} of your access review item${withHolder.total === 1 ? '' : 's'} escalated: Escalation`, direction: 'from' },
      { recipient_person_id: null, recipient_role: 'super_admin', title: `${withHolder.total} overdue review item${withHolder.total === 1 ? '' : 's'} escalated: Escalation`, direction: 'owner' },
      { recipient_person_id: other, recipient_role: null, title: `${withHolder.total} overdue access review item${withHolder.total === 1 ? '' : 's'} escalated to you: Escalation`, direction: 'to' },
    ]);
    expect((await notificationsOf('review.assigned', c.id)).filter((n) => n.dedupe_key.startsWith('review.handed'))).toEqual([]);
  });

  // The remediation check refused the whole hand-on before the re-read under the lock: one Revoke carried out meanwhile failed that hour's escalation.
  test('escalation skips an item revoked with immediate remediation after the tick looked, and escalates the rest', async () => {
    const now = new Date();
    const c = await reviews.launch((await reviews.create(campaignInput({ name: 'Escalation race, remediated', dueAt: new Date(now.getTime() - 3 * DAY), options: { escalateAfterDays: 1, remediateImmediately: true } }), admin)).id, admin);
    const withHolder = await reviews.myItems(holder, { campaignId: c.id }, { limit: 1000 });
    expect(withHolder.total).toBeGreaterThan(1);
    const revoked = withHolder.rows[0]!.id;
    const racing = decidingFirst(() => reviews.decide({ itemId: revoked, decision: 'revoke', comment: 'left the team' }, { actor: 'user:holder', personId: holder }));
    const escalating = createReviewService({ db: racing, provisioning: world.service });
    expect((await escalating.escalateOverdue(c.id, { actor: 'system', personId: null })).escalated).toBe(withHolder.total - 1);
    const detail = await reviews.itemDetail(revoked);
    expect(detail).toMatchObject({ decision: 'revoke', reviewer: { id: holder }, remediation: { state: expect.stringMatching(/task_queued|task_failed|remediated/) } });
    expect(detail.reassignments.some((r) => r.reason === 'escalated')).toBe(false);
    // Named explicitly, the same item is still refused: the decision stands.
    const e: unknown = await reviews.reassign(c.id, { itemIds: [revoked], toPersonId: other, reason: 'on leave' }, admin).then(() => undefined, (x: unknown) => x);
    expect((e as { code?: string }).code).toBe('DECISION_REMEDIATED');
  });

  test('escalation selects under the campaign lock: an item decided after the tick looked but before it handed on stays with its reviewer', async () => {
    const now = new Date();
    const c = await reviews.launch((await reviews.create(campaignInput({ name: 'Escalation race', dueAt: new Date(now.getTime() - 3 * DAY), options: { escalateAfterDays: 1 } }), admin)).id, admin);
    const withHolder = await reviews.myItems(holder, { campaignId: c.id }, { limit: 1000 });
    expect(withHolder.total).toBeGreaterThan(1);
    const decided = withHolder.rows[0]!.id;
    // The decision lands just before escalation opens its transaction: after any read it made outside one.
    const racing = decidingFirst(() => reviews.decide({ itemId: decided, decision: 'keep' }, { actor: 'user:holder', personId: holder }));
    const escalating = createReviewService({ db: racing, provisioning: world.service });
    expect((await escalating.escalateOverdue(c.id, { actor: 'system', personId: null })).escalated).toBe(withHolder.total - 1);
    const detail = await reviews.itemDetail(decided);
    expect(detail.reviewer?.id).toBe(holder);
    expect(detail.decision).toBe('keep');
    expect(detail.reassignments.some((r) => r.reason === 'escalated')).toBe(false);
  });

  test('a campaign that fails in the tick holds up no other: the others go on, Super Administrators are told once per campaign and error', async () => {
    const now = new Date();
    const overdue = { dueAt: new Date(now.getTime() - 3 * DAY), options: { escalateAfterDays: 1 } };
    const first = await reviews.launch((await reviews.create(campaignInput({ name: 'Tick fails', ...overdue }), admin)).id, admin);
    const second = await reviews.launch((await reviews.create(campaignInput({ name: 'Tick goes on', ...overdue }), admin)).id, admin);
    // The one the tick meets first fails, whatever order the list has.
    const [bad, good] = (await reviews.list({ status: 'active' })).map((c) => c.id).filter((id) => id === first.id || id === second.id) as [string, string];
    const failing: ReviewService = {
      ...reviews,
      escalateOverdue: async (id, by) => {
        if (id === bad) throw new Error('the store refused the escalation');
        return reviews.escalateOverdue(id, by);
      },
    };
    const logged: string[] = [];
    const failingDeps = { ...deps, reviews: failing, log: (line: string) => logged.push(line) };
    const pending = (await reviews.myItems(holder, { campaignId: good }, { limit: 1000 })).total;
    expect(pending).toBeGreaterThan(0);
    expect((await runReviewTick(failingDeps, now)).escalated).toBeGreaterThanOrEqual(pending);
    expect((await reviews.myItems(holder, { campaignId: good })).total).toBe(0);
    expect(logged.some((l) => l.includes(bad) && l.includes('the store refused the escalation'))).toBe(true);
    await runReviewTick(failingDeps, now);
    expect(await notificationsOf('review.tick_failed', bad)).toEqual([expect.objectContaining({ recipient_role: 'super_admin' })]);
    expect(await notificationsOf('review.tick_failed', good)).toEqual([]);
    expect((await reviews.myItems(holder, { campaignId: bad })).total).toBeGreaterThan(0);
  });

  test('a campaign with an end closes itself then (undecided items Not reviewed); the due date alone closes nothing', async () => {
    const now = new Date();
    const endsAt = new Date(now.getTime() + DAY).toISOString();
    const c = await reviews.launch((await reviews.create(campaignInput({ name: 'Ends', dueAt: new Date(now.getTime() - DAY), options: { endsAt, escalateAfterDays: null } }), admin)).id, admin);
    await runReviewTick(deps, now);
    expect((await reviews.get(c.id)).status).toBe('active');
    expect((await runReviewTick(deps, new Date(endsAt))).closed).toBeGreaterThanOrEqual(1);
    const closed = await reviews.get(c.id);
    expect(closed).toMatchObject({ status: 'closed', progress: { notReviewed: closed.progress.items } });
    const [audit] = await queryRows<{ actor: string }>(store().db, sql`select actor from audit_events where type = 'review.closed' and data->>'campaignId' = ${c.id}`);
    expect(audit!.actor).toBe('system');
  });

  test('a close tells the campaign\'s owner the outcome and each reviewer who left items undecided, once; an owner who closes it is not told', async () => {
    const [owner] = await queryRows<{ id: string }>(store().db, sql`insert into app_users (subject, email, display_name, role) values ('local:review-owner', 'owner@example.test', 'Owner', 'super_admin') returning id`);
    const byOwner = { actor: `user:${owner!.id}`, personId: null };
    const now = new Date();
    const endsAt = new Date(now.getTime() + DAY).toISOString();
    const c = await reviews.launch((await reviews.create(campaignInput({ name: 'Closing', options: { endsAt, escalateAfterDays: null } }), byOwner)).id, byOwner);
    const items = (await reviews.items(c.id, {}, { limit: 1000 })).rows;
    const reviewers = new Set(items.map((i) => i.reviewer!.id));
    const mine = await reviews.myItems(holder, { campaignId: c.id }, { limit: 1000 });
    expect(mine.total).toBeGreaterThan(1);
    await reviews.decide({ itemId: mine.rows[0]!.id, decision: 'keep', comment: 'still needed' }, { actor: 'user:holder', personId: holder });
    await runReviewTick(deps, new Date(endsAt));
    await runReviewTick(deps, new Date(endsAt));
    const told = await notificationsOf('review.campaign_closed', c.id);
    expect(told.filter((n) => n.recipient_person_id === null).map((n) => n.dedupe_key)).toEqual([`review.campaign_closed:${c.id}:owner`]);
    expect(told.filter((n) => n.recipient_person_id !== null).map((n) => n.recipient_person_id).sort()).toEqual([...reviewers].sort());
    const [toOwner] = await queryRows<{ recipient_user_id: string; title: string; body: string }>(store().db, sql`
      select recipient_user_id, title, body from notifications where dedupe_key = ${`review.campaign_closed:${c.id}:owner`}`);
    expect(toOwner).toEqual({ recipient_user_id: owner!.id, title: 'Access review closed: Closing', body: `${items.length} items: 1 kept, 0 revoked, ${items.length - 1} not reviewed.` });

    const closedByOwner = await reviews.launch((await reviews.create(campaignInput({ name: 'Closed by its owner' }), byOwner)).id, byOwner);
    await reviews.close(closedByOwner.id, byOwner);
    expect((await notificationsOf('review.campaign_closed', closedByOwner.id)).map((n) => n.recipient_person_id).sort()).toEqual([...reviewers].sort());
  });

  test('recurring: the latest occurrence launches one copy (scope, plan, dated name), once; with a stale sync the copy stays a draft and administrators are told once', async () => {
    const now = new Date();
    const template = await reviews.create(campaignInput({ name: 'Monthly', recurrenceCron: '0 0 * * *', options: { maxSyncAgeSeconds: 30 * 24 * 3600, escalateAfterDays: null } }), admin);
    const at = new Date(now.getTime() + 2 * DAY + 3600_000);
    const first = await runReviewTick(deps, at);
    expect(first.launched).toBe(1);
    expect((await runReviewTick(deps, at)).launched).toBe(0);
    const copies = await queryRows<{ id: string; name: string; status: string; at: string }>(store().db, sql`
      select id, name, status, options->>'recurrenceAt' as at from review_campaigns where options->>'recurrenceOf' = ${template.id}`);
    const midnight = new Date(Math.floor(at.getTime() / DAY) * DAY);
    expect(copies).toEqual([{ id: expect.any(String), name: `Monthly — ${midnight.toISOString().slice(0, 10)}`, status: 'active', at: midnight.toISOString() }]);
    const copy = await reviews.get(copies[0]!.id);
    expect(copy).toMatchObject({ scope: template.scope, reviewerPlan: template.reviewerPlan, recurrenceCron: null });

    const strict = await reviews.create(campaignInput({ name: 'Strict', recurrenceCron: '0 0 * * *', options: { maxSyncAgeSeconds: 3600, escalateAfterDays: null } }), admin);
    expect((await runReviewTick(deps, at)).refused).toBe(1);
    expect((await runReviewTick(deps, at)).refused).toBe(1);
    const [draft] = await queryRows<{ id: string; status: string }>(store().db, sql`select id, status from review_campaigns where options->>'recurrenceOf' = ${strict.id}`);
    expect(draft!.status).toBe('draft');
    const told = await notificationsOf('review.recurrence_refused', draft!.id);
    expect(told).toEqual([expect.objectContaining({ recipient_role: 'super_admin' })]);
    await queryRows(store().db, sql`update review_campaigns set recurrence_cron = null where id in (${template.id}, ${strict.id})`);

    // Create refuses a bad expression now; one stored before that rule came in is told about, and holds up nothing.
    await expect(reviews.create(campaignInput({ name: 'Bad schedule', recurrenceCron: 'not a cron' }), admin)).rejects.toThrow(/recurrenceCron/);
    const invalid = await reviews.create(campaignInput({ name: 'Bad schedule', recurrenceCron: '0 0 * * *' }), admin);
    await queryRows(store().db, sql`update review_campaigns set recurrence_cron = 'not a cron' where id = ${invalid.id}`);
    expect(await runReviewTick(deps, at)).toMatchObject({ launched: 0, refused: 0 });
    await runReviewTick(deps, at);
    expect(await notificationsOf('review.recurrence_invalid', invalid.id)).toHaveLength(1);
    await queryRows(store().db, sql`update review_campaigns set recurrence_cron = null where id = ${invalid.id}`);
  });

  test('the worker keeps the hourly schedule and runs a tick sent to its queue', async () => {
    await startReviewJobs(engine, { db: store().db, reviews });
    expect((await engine.boss.getSchedules(REVIEW_QUEUES.reviewTick)).map((s) => s.cron)).toEqual(['7 * * * *']);
    const id = await engine.boss.send(REVIEW_QUEUES.reviewTick, {});
    let job = await engine.boss.getJobById(REVIEW_QUEUES.reviewTick, id!);
    while (job && job.state !== 'completed' && job.state !== 'failed') {
      await new Promise((r) => setTimeout(r, 200));
      job = await engine.boss.getJobById(REVIEW_QUEUES.reviewTick, id!);
    }
    expect(job).toMatchObject({ state: 'completed', output: expect.objectContaining({ reminded: expect.any(Number), launched: 0 }) });
  });
});
