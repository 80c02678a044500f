import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { errorCodes, isRrcuError, RrcuError } from '../../src/core/errors.ts';
import { waitForTask } from '../../src/provisioning/index.ts';
import { createReviewService, observeRemediations, runReviewTick, type CreateCampaignInput, type RemediationActionResult, type ReviewJobDeps, type ReviewService, type ReviewServiceDeps } from '../../src/reviews/index.ts';
import { queryRows, type Db } from '../../src/store/index.ts';
import { createSyncRunner, runSync, type SyncOutcome } from '../../src/sync/index.ts';
import type { Connector } from '../../src/connectors/index.ts';
import { rejects } from '../harness/rejects.ts';
import { describeStore } from '../harness/store-test.ts';
import { identityCenterOf } from '../harness/aws-provision.ts';
import { holderAndOther } from './review-people.ts';
import { connectorsFor, startAwsWorld, type AwsWorld } from '../../harness/aws-connector.ts';
import { revokingWith } from './provisioning-double.ts';

describeStore('access review remediation: queued once, never lost, proven by a later sync', (store) => {
  let world: AwsWorld;
  let reviews: ReviewService;
  let tick: ReviewJobDeps;
  const admin = { actor: 'cli:admin', personId: null };
  let holder: string;
  let other: string;
  const asHolder = () => ({ actor: 'user:holder', personId: holder });
  const campaignInput = (over: Partial<CreateCampaignInput> = {}): CreateCampaignInput => ({
    name: 'Remediation review',
    scope: { connectorId: world.connector.id, resourceTypes: ['sso_group' as const] },
    reviewerPlan: { stages: [{ policies: [{ kind: 'named', personIds: [holder] }] }], fallbackPersonId: other },
    ...over,
  });
  const launch = async (over: Partial<CreateCampaignInput>, service = reviews) => service.launch((await service.create(campaignInput(over), admin)).id, admin);
  /** Provisioning that takes the revoke, whose task then fails in AWS (as a worker records it) with `message`. */
  const failsInAws = (message: string): ReviewServiceDeps['provisioning'] =>
    revokingWith(async (input) => {
      const { task } = await world.service.requestRevoke(input);
      await queryRows(store().db, sql`update provisioning_tasks set status = 'failed', finished_at = now(), error = ${JSON.stringify({ code: 'ACCESS_DENIED', message })}::jsonb where id = ${task.id}`);
      return { task, existing: false };
    });
  /** Provisioning that cannot change the grant: the revoke becomes a manual removal. */
  const cannotChange = revokingWith(async () => { throw new RrcuError(errorCodes({ GRANT_INHERITED: 'invalid' }).GRANT_INHERITED, 'held through a group', { fix: 'remove it from the group' }); });
  const reviewTasksOf = (itemId: string) => queryRows<{ id: string }>(store().db, sql`select id from provisioning_tasks where trigger = 'review' and trigger_ref = ${itemId}`);
  /** The holder's items not yet revoked by an earlier test (each test revokes its own). */
  const freshItems = async (campaignId: string) => {
    const taken = await queryRows<{ key: string }>(store().db, sql`select i.key from review_items i join review_remediations r on r.item_id = i.id`);
    const done = new Set(taken.map((t) => t.key));
    return (await reviews.myItems(holder, { campaignId }, { limit: 1000 })).rows.filter((r) => !done.has(r.key));
  };

  /** A sync of the world's connector that runs `meanwhile` once it has started (its run row written), before it reads AWS. */
  async function syncWhileReading(meanwhile: () => Promise<void>): Promise<SyncOutcome> {
    const connector = await connectorsFor(store(), world.sim).open(world.connector);
    const reading = new Proxy(connector, {
      get(target, prop) {
        if (prop === 'sync') {
          return async function* (ctx: Parameters<Connector['sync']>[0]) {
            await meanwhile();
            yield* target.sync(ctx);
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    try {
      return await runSync(store().db, world.connector.id, reading, { actor: 'cli:test' });
    } finally {
      await connector.close();
    }
  }

  beforeAll(async () => {
    world = await startAwsWorld(store(), { accounts: 2, users: 30, groups: 3, permissionSets: 3, iamUsersPerAccount: 2 });
    reviews = createReviewService({ db: store().db, provisioning: world.service });
    tick = { db: store().db, reviews };
    ({ holder, other } = await holderAndOther(store().db, world.connector.id));
  });
  afterAll(async () => {
    await world?.stop();
  });

  test('remediate immediately is refused at create for a campaign of more than one stage, naming options.remediateImmediately', async () => {
    const plan = { stages: [{ policies: [{ kind: 'named' as const, personIds: [holder] }] }, { policies: [{ kind: 'named' as const, personIds: [other] }] }], fallbackPersonId: other };
    await rejects(reviews.create(campaignInput({ name: 'Two stages at once', reviewerPlan: plan, options: { remediateImmediately: true } }), admin), 'INVALID_INPUT', /options\.remediateImmediately/);
  });

  test('remediate immediately: a Revoke carried out is locked (changing it is refused with its fix), and close asks for no second task', async () => {
    const c = await launch({ name: 'Immediate, locked', options: { remediateImmediately: true } });
    const [item] = await freshItems(c.id);
    const decided = await reviews.decide({ itemId: item!.id, decision: 'revoke', comment: 'left the team' }, asHolder());
    expect(decided.remediation).toMatchObject({ state: 'task_queued' });
    const e: unknown = await reviews.decide({ itemId: item!.id, decision: 'keep' }, asHolder()).then(() => undefined, (x: unknown) => x);
    expect(isRrcuError(e, 'DECISION_REMEDIATED'), String(e)).toBe(true);
    expect((e as { fix?: string }).fix).toBeTruthy();
    await rejects(reviews.bulkDecide({ campaignId: c.id, filter: { decision: 'revoke' }, decision: 'keep', expectedCount: 1 }, asHolder()), 'BULK_COUNT_MISMATCH');
    expect((await reviews.itemDetail(item!.id)).decisions.map((d) => d.decision)).toEqual(['revoke']);
    await waitForTask(store().db, decided.remediation!.taskId!, { intervalMs: 100 });
    await reviews.close(c.id, admin);
    await runReviewTick(tick, new Date());
    expect(await reviewTasksOf(item!.id)).toHaveLength(1);
  });

  // The task's reason said only `Access review "<name>": revoked`: whoever reads the task saw neither who decided nor why.
  // bulkDecide refused the whole selection (DECISION_REMEDIATED) when one item in it was already being remediated.
  test('a bulk decision leaves out the items whose Revoke is being carried out, and its confirmed count is of the others', async () => {
    const c = await launch({ name: 'Bulk around a revoke', options: { remediateImmediately: true } });
    const [item] = await freshItems(c.id);
    const decided = await reviews.decide({ itemId: item!.id, decision: 'revoke', comment: 'left the team' }, asHolder());
    const all = (await reviews.myItems(holder, { campaignId: c.id })).total;
    const decidable = (await reviews.myItems(holder, { campaignId: c.id, remediating: false })).total;
    expect(decidable).toBe(all - 1);
    await rejects(reviews.bulkDecide({ campaignId: c.id, filter: {}, decision: 'keep', expectedCount: all }, asHolder()), 'BULK_COUNT_MISMATCH');
    expect(await reviews.bulkDecide({ campaignId: c.id, filter: {}, decision: 'keep', expectedCount: decidable }, asHolder())).toEqual({ decided: decidable });
    expect((await reviews.itemDetail(item!.id)).decisions.map((d) => d.decision)).toEqual(['revoke']);
    await waitForTask(store().db, decided.remediation!.taskId!, { intervalMs: 100 });
  });

  test('the revoke task carries who decided and their comment, the comment bounded', async () => {
    const c = await launch({ name: 'Reasons carried', options: { remediateImmediately: true } });
    const [short, long] = await freshItems(c.id);
    const [{ email }] = (await queryRows<{ email: string }>(store().db, sql`select email from people where id = ${holder}`)) as [{ email: string }];
    const reasonOf = async (taskId: string) => (await queryRows<{ reason: string }>(store().db, sql`select reason from provisioning_tasks where id = ${taskId}`))[0]!.reason;
    const one = await reviews.decide({ itemId: short!.id, decision: 'revoke', comment: 'left the team' }, asHolder());
    expect(await reasonOf(one.remediation!.taskId!)).toBe(`Access review "Reasons carried": revoked by ${email}: left the team`);
    const two = await reviews.decide({ itemId: long!.id, decision: 'revoke', comment: 'x'.repeat(4000) }, asHolder());
    const reason = await reasonOf(two.remediation!.taskId!);
    expect(reason.length).toBeLessThanOrEqual(1000);
    expect(reason).toMatch(new RegExp(`^Access review "Reasons carried": revoked by ${email.replace(/[.+]/g, '\\$&')}: x+…$`));
    await waitForTask(store().db, one.remediation!.taskId!, { intervalMs: 100 });
    await waitForTask(store().db, two.remediation!.taskId!, { intervalMs: 100 });
  });

  test('close writes its revokes as pending remediations in its own transaction: a crash before their tasks leaves them pending, and the review tick asks for each task once', async () => {
    let calls = 0;
    // The process dies: before asking provisioning at all (first item), after provisioning wrote its task but before reviews recorded it (second).
    const crashing = revokingWith(async (input) => {
      calls++;
      if (calls === 2) await world.service.requestRevoke(input);
      throw new Error('the process died');
    });
    const crashy = createReviewService({ db: store().db, provisioning: crashing });
    const c = await launch({ name: 'Crash at close' }, crashy);
    const [a, b] = await freshItems(c.id);
    await crashy.decide({ itemId: a!.id, decision: 'revoke', comment: 'not needed' }, asHolder());
    await crashy.decide({ itemId: b!.id, decision: 'revoke', comment: 'not needed' }, asHolder());
    await crashy.close(c.id, admin).catch(() => undefined);
    await crashy.close(c.id, admin).catch(() => undefined);
    expect((await reviews.get(c.id)).status).toBe('closed');
    const pending = (await reviews.items(c.id, { outcome: 'revoked' })).rows;
    expect(pending.map((r) => r.remediation?.state)).toEqual(['pending', 'pending']);

    await runReviewTick(tick, new Date());
    await runReviewTick(tick, new Date());
    const queued = (await reviews.items(c.id, { outcome: 'revoked' })).rows;
    expect(queued.map((r) => r.remediation?.state)).toEqual(['task_queued', 'task_queued']);
    for (const r of queued) {
      const tasks = await reviewTasksOf(r.id);
      expect(tasks.map((t) => t.id)).toEqual([r.remediation!.taskId]);
    }
  });

  test('a stage closes with the decisions in force when it closes: a Keep made while the next stage was being worked out goes on to it', async () => {
    const plan = { stages: [{ policies: [{ kind: 'named' as const, personIds: [holder] }] }, { policies: [{ kind: 'named' as const, personIds: [other] }] }], fallbackPersonId: other };
    const c = await launch({ name: 'Decided while closing', reviewerPlan: plan });
    const [a, b] = await freshItems(c.id);
    await reviews.decide({ itemId: a!.id, decision: 'keep' }, asHolder());
    await reviews.decide({ itemId: b!.id, decision: 'revoke', comment: 'not needed' }, asHolder());
    // The reviewer changes their mind just before the administrator's stage close takes the campaign's lock.
    const closing = createReviewService({
      db: beforeNextTransaction(store().db, async () => { await reviews.decide({ itemId: b!.id, decision: 'keep', comment: 'needed after all' }, asHolder()); }),
      provisioning: world.service,
    });
    expect(await closing.advanceStage(c.id, admin)).toMatchObject({ currentStage: 2 });
    const stage2 = await reviews.items(c.id, { stage: 2 }, { limit: 1000 });
    expect(stage2.rows.map((r) => r.id).sort()).toEqual([a!.id, b!.id].sort());
  });

  test('a failure after a sync committed fails no sync: it is a warning on the run, and the review tick observes what it missed', async () => {
    const c = await launch({ name: 'Observer down', options: { remediateImmediately: true } });
    const [item] = await freshItems(c.id);
    const decided = await reviews.decide({ itemId: item!.id, decision: 'revoke', comment: 'left the team' }, asHolder());
    expect(await waitForTask(store().db, decided.remediation!.taskId!, { intervalMs: 100 })).toMatchObject({ status: 'succeeded' });
    const runner = createSyncRunner({ db: store().db, connectors: connectorsFor(store(), world.sim), afterCommit: async () => { throw new Error('the observer is down'); } });
    const outcome = await runner.runNow(world.connector.id, 'cli:test');
    expect(outcome.run.status).toBe('succeeded');
    const [run] = await queryRows<{ status: string; warnings: { code: string; message: string; fix?: string }[] }>(store().db, sql`select status, warnings from sync_runs where id = ${outcome.run.id}`);
    expect(run!.status).toBe('succeeded');
    expect(run!.warnings).toContainEqual(expect.objectContaining({ code: 'AFTER_COMMIT_FAILED', message: expect.stringMatching(/the observer is down/), fix: expect.any(String) }));
    expect((await reviews.itemDetail(item!.id)).remediation).toMatchObject({ state: 'task_queued' });

    await runReviewTick(tick, new Date());
    expect((await reviews.itemDetail(item!.id)).remediation).toMatchObject({ state: 'remediated', observedRunId: outcome.run.id });
  });

  test('a task that failed proves nothing: the revoke stays unremediated, shown as failed with its reason, even when a later sync no longer sees the grant', async () => {
    const failingReviews = createReviewService({ db: store().db, provisioning: failsInAws('AccessDenied: not allowed to remove members') });
    const c = await launch({ name: 'Task failed', options: { remediateImmediately: true } }, failingReviews);
    const [item] = await freshItems(c.id);
    await failingReviews.decide({ itemId: item!.id, decision: 'revoke', comment: 'left the team' }, asHolder());
    // Someone removes the membership by hand meanwhile: gone, but not by the review's task.
    const ic = identityCenterOf(world.sim);
    const membership = [...ic.memberships.entries()].find(([, m]) => m.groupId === item!.resource.id && m.userId === item!.principal.id);
    if (membership) ic.memberships.delete(membership[0]);
    const next = await world.sync();
    expect(await reviews.observeSync(world.connector.id, next.run.id)).toMatchObject({ remediated: 0 });
    const after = await reviews.itemDetail(item!.id);
    expect(after.remediation).toMatchObject({ state: 'task_failed', taskStatus: 'failed', observedRunId: null, reason: expect.stringMatching(/AccessDenied/) });
    expect((await reviews.get(c.id)).progress).toMatchObject({ remediated: 0, unremediated: 1 });
  });

  // A failed task and a manual remediation had no way out: nothing could ask for the revoke again or say the removal was done.
  test('an administrator retries a revoke whose task failed (a new task, task_queued, then remediated by a later sync) and marks a manual removal done (remediated by the next sync after the mark)', async () => {
    const failing = failsInAws('AccessDenied');
    const c = await launch({ name: 'Ways out', options: { remediateImmediately: true } }, createReviewService({ db: store().db, provisioning: failing }));
    const [failed, manual] = await freshItems(c.id);
    await createReviewService({ db: store().db, provisioning: failing }).decide({ itemId: failed!.id, decision: 'revoke', comment: 'left' }, asHolder());
    await createReviewService({ db: store().db, provisioning: cannotChange }).decide({ itemId: manual!.id, decision: 'revoke', comment: 'left' }, asHolder());
    const before = (await reviews.itemDetail(failed!.id)).remediation!;
    expect(before).toMatchObject({ state: 'task_failed' });
    await rejects(reviews.markRemediationDone(failed!.id, admin), 'REMEDIATION_NOT_MANUAL');
    await rejects(reviews.retryRemediation(manual!.id, admin), 'REMEDIATION_NOT_FAILED');

    const retried = await reviews.retryRemediation(failed!.id, admin);
    expect(retried).toMatchObject({ state: 'task_queued' });
    expect(retried.taskId).not.toBe(before.taskId);
    await rejects(reviews.retryRemediation(failed!.id, admin), 'REMEDIATION_NOT_FAILED');
    expect(await waitForTask(store().db, retried.taskId!, { intervalMs: 100 })).toMatchObject({ status: 'succeeded' });

    const marked = await reviews.markRemediationDone(manual!.id, admin);
    expect(marked).toMatchObject({ state: 'manual', manualMarkedBy: admin.actor, manualMarkedAt: expect.any(String) });
    await rejects(reviews.markRemediationDone(manual!.id, admin), 'REMEDIATION_NOT_MANUAL');
    const ic = identityCenterOf(world.sim);
    const membership = [...ic.memberships.entries()].find(([, m]) => m.groupId === manual!.resource.id && m.userId === manual!.principal.id);
    if (membership) ic.memberships.delete(membership[0]);
    const next = await world.sync();
    await reviews.observeSync(world.connector.id, next.run.id);
    expect((await reviews.itemDetail(failed!.id)).remediation).toMatchObject({ state: 'remediated', observedRunId: next.run.id });
    expect((await reviews.itemDetail(manual!.id)).remediation).toMatchObject({ state: 'remediated', observedRunId: next.run.id });
    const audited = await queryRows<{ type: string }>(store().db, sql`select type from audit_events where type in ('review.remediation_retried', 'review.remediation_marked_done') and data->>'itemId' in (${failed!.id}, ${manual!.id}) order by seq`);
    expect(audited.map((a) => a.type)).toEqual(['review.remediation_retried', 'review.remediation_marked_done']);
  });

  // The rules of the ways out were each asserted once at most, and a sync already running at the mark was never tried.
  test('retry takes only a revoke whose task failed, mark done only a manual removal not yet marked, each once when two administrators act at once; a sync already running at the mark proves nothing, the next one does', async () => {
    const failing = createReviewService({ db: store().db, provisioning: failsInAws('AccessDenied') });
    const c = await launch({ name: 'Ways out, their rules', options: { remediateImmediately: true } }, failing);
    const [failed, manual, undecided] = await freshItems(c.id);
    await failing.decide({ itemId: failed!.id, decision: 'revoke', comment: 'left' }, asHolder());
    await createReviewService({ db: store().db, provisioning: cannotChange }).decide({ itemId: manual!.id, decision: 'revoke', comment: 'left' }, asHolder());
    const secondAdmin = { actor: 'cli:second-admin', personId: null };
    /** A refused way out asks provisioning for nothing. */
    const refused = async (action: () => Promise<unknown>, code: 'REMEDIATION_NOT_FAILED' | 'REMEDIATION_NOT_MANUAL', itemId: string) => {
      const tasks = (await reviewTasksOf(itemId)).length;
      await rejects(action(), code);
      expect(await reviewTasksOf(itemId), `${code}: no task asked for`).toHaveLength(tasks);
    };
    await refused(() => reviews.retryRemediation(undecided!.id, admin), 'REMEDIATION_NOT_FAILED', undecided!.id);
    await refused(() => reviews.markRemediationDone(undecided!.id, admin), 'REMEDIATION_NOT_MANUAL', undecided!.id);
    await refused(() => reviews.retryRemediation(manual!.id, admin), 'REMEDIATION_NOT_FAILED', manual!.id);
    await refused(() => reviews.markRemediationDone(failed!.id, admin), 'REMEDIATION_NOT_MANUAL', failed!.id);

    // Two administrators retry at once: the other moves the row between this one's read and its write.
    const failedTask = (await reviews.itemDetail(failed!.id)).remediation!.taskId;
    const racingRetry = createReviewService({ db: beforeNextTransaction(store().db, async () => { await reviews.retryRemediation(failed!.id, secondAdmin); }), provisioning: world.service });
    await rejects(racingRetry.retryRemediation(failed!.id, admin), 'REMEDIATION_NOT_FAILED');
    const retried = (await reviews.itemDetail(failed!.id)).remediation!;
    expect(retried).toMatchObject({ state: 'task_queued' });
    expect(retried.taskId).not.toBe(failedTask);
    // Its new task running or done, the revoke has not failed: no third task.
    await refused(() => reviews.retryRemediation(failed!.id, admin), 'REMEDIATION_NOT_FAILED', failed!.id);
    for (const t of await reviewTasksOf(failed!.id)) await waitForTask(store().db, t.id, { intervalMs: 100 });
    expect(await waitForTask(store().db, retried.taskId!, { intervalMs: 100 })).toMatchObject({ status: 'succeeded' });

    // The removal is made by hand; a sync starts, and while it reads AWS two administrators mark it done at once.
    const ic = identityCenterOf(world.sim);
    const membership = [...ic.memberships.entries()].find(([, m]) => m.groupId === manual!.resource.id && m.userId === manual!.principal.id);
    if (membership) ic.memberships.delete(membership[0]);
    let marked: RemediationActionResult | undefined;
    const racingMark = createReviewService({ db: beforeNextTransaction(store().db, async () => { marked = await reviews.markRemediationDone(manual!.id, secondAdmin); }), provisioning: world.service });
    const running = await syncWhileReading(async () => { await rejects(racingMark.markRemediationDone(manual!.id, admin), 'REMEDIATION_NOT_MANUAL'); });
    expect(marked).toMatchObject({ state: 'manual', manualMarkedBy: secondAdmin.actor });
    expect(new Date(marked!.manualMarkedAt!).getTime()).toBeGreaterThan(running.run.startedAt.getTime());
    // The item says who marked it and when (no name: the second administrator is no user).
    expect((await reviews.itemDetail(manual!.id)).remediation).toMatchObject({ manualMarkedAt: marked!.manualMarkedAt, manualMarkedBy: secondAdmin.actor, manualMarkedByName: null });
    // That sync started after the retried task was verified, but before the mark: it proves the one, not the other.
    await reviews.observeSync(world.connector.id, running.run.id);
    expect((await reviews.itemDetail(failed!.id)).remediation).toMatchObject({ state: 'remediated', observedRunId: running.run.id });
    expect((await reviews.itemDetail(manual!.id)).remediation, 'a sync that started before the mark').toMatchObject({ state: 'manual', observedRunId: null });

    const next = await world.sync();
    await reviews.observeSync(world.connector.id, next.run.id);
    expect((await reviews.itemDetail(manual!.id)).remediation).toMatchObject({ state: 'remediated', observedRunId: next.run.id });
    await refused(() => reviews.retryRemediation(failed!.id, admin), 'REMEDIATION_NOT_FAILED', failed!.id);
    await refused(() => reviews.markRemediationDone(manual!.id, admin), 'REMEDIATION_NOT_MANUAL', manual!.id);
    const audited = await queryRows<{ type: string; actor: string }>(store().db, sql`select type, actor from audit_events where type in ('review.remediation_retried', 'review.remediation_marked_done') and data->>'itemId' in (${failed!.id}, ${manual!.id}) order by seq`);
    expect(audited).toEqual([{ type: 'review.remediation_retried', actor: secondAdmin.actor }, { type: 'review.remediation_marked_done', actor: secondAdmin.actor }]);
  });

  // The tick ran the remediation queue and the observation outside any isolation: one revoke provisioning failed on (oldest first) failed every tick, held up every later revoke and stopped observation.
  test('the tick: a revoke that fails unexpectedly stays pending and is told once; the other revokes are asked for; an observation that fails holds up nothing', async () => {
    let broken = '';
    const flaky = revokingWith(async (input) => {
      if (input.triggerRef === broken) throw new Error('connection reset by the provisioning store');
      return world.service.requestRevoke(input);
    });
    const flakyReviews = createReviewService({ db: store().db, provisioning: flaky });
    const c = await launch({ name: 'One bad revoke' }, flakyReviews);
    const [a, b] = await freshItems(c.id);
    broken = a!.id;
    await flakyReviews.decide({ itemId: a!.id, decision: 'revoke', comment: 'not needed' }, asHolder());
    await flakyReviews.decide({ itemId: b!.id, decision: 'revoke', comment: 'not needed' }, asHolder());
    await flakyReviews.close(c.id, admin);
    const lines: string[] = [];
    const flakyTick: ReviewJobDeps = { db: store().db, reviews: { ...flakyReviews, observeSync: async () => { throw new Error('the observer is down'); } }, log: (l) => lines.push(l) };
    await runReviewTick(flakyTick, new Date());
    await runReviewTick(flakyTick, new Date());
    expect((await reviews.itemDetail(a!.id)).remediation).toMatchObject({ state: 'pending' });
    expect((await reviews.itemDetail(b!.id)).remediation).toMatchObject({ state: 'task_queued' });
    const told = await queryRows<{ recipient_role: string; title: string }>(store().db, sql`select recipient_role, title from notifications where kind = 'review.remediation_failed' and payload->>'itemId' = ${a!.id}`);
    expect(told).toEqual([{ recipient_role: 'connector_admin', title: expect.stringMatching(/not asked for/) }]);
    expect(lines.some((l) => /the observer is down/.test(l))).toBe(true);
    expect(lines.some((l) => /connection reset/.test(l))).toBe(true);
    await waitForTask(store().db, (await reviews.itemDetail(b!.id)).remediation!.taskId!, { intervalMs: 100 });
  });

  // The tick and a sync's afterCommit both observe: the second to write matched the item alone and wrote review.remediated again.
  test('two observations of one connector at once remediate an item once, with one review.remediated event', async () => {
    const c = await launch({ name: 'Observed twice', options: { remediateImmediately: true } });
    const [item] = await freshItems(c.id);
    const decided = await reviews.decide({ itemId: item!.id, decision: 'revoke', comment: 'left the team' }, asHolder());
    await waitForTask(store().db, decided.remediation!.taskId!, { intervalMs: 100 });
    const runner = createSyncRunner({ db: store().db, connectors: connectorsFor(store(), world.sim), afterCommit: async () => undefined });
    const { run } = await runner.runNow(world.connector.id, 'cli:test');
    // Both read the item still task_queued; the other one writes while this one is about to.
    const first = observeRemediations(beforeNextTransaction(store().db, async () => { await observeRemediations(store().db, world.connector.id, run.id); }), world.connector.id, run.id);
    expect(await first).toMatchObject({ remediated: 0 });
    expect((await reviews.itemDetail(item!.id)).remediation).toMatchObject({ state: 'remediated', observedRunId: run.id });
    const [{ n }] = (await queryRows<{ n: number }>(store().db, sql`select count(*)::int as n from audit_events where type = 'review.remediated' and data->>'itemId' = ${item!.id}`)) as [{ n: number }];
    expect(n).toBe(1);
  });
});

/** The Db with a hook run once just before its next transaction opens: what another request does meanwhile. */
export function beforeNextTransaction(db: Db, hook: () => Promise<void>): Db {
  let armed = true;
  return new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (prop === 'transaction' && armed) {
        return async (...args: unknown[]) => {
          armed = false;
          await hook();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
