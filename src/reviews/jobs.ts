import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { isRrcuError } from '../core/errors.ts';
import type { JobEngine, QueueSpec } from '../jobs/index.ts';
import { notify } from '../notifications/index.ts';
import { queryRows, type Db } from '../store/index.ts';
import { latestOccurrence } from './core/recurrence.ts';
import { creatablePlan, storedReviewerPlanSchema } from './core/reviewers.ts';
import type { CampaignView, ReviewActor, ReviewService } from './service-types.ts';

/**
 * Reviews' time-driven work on the job engine: reminders, escalation past due, the close at a campaign's
 * end, and recurring campaigns. One queue, ticked hourly by a cron schedule; each tick looks at the
 * store and does what is due, so a tick retried after a crash, or two ticks in a row, do nothing twice:
 * reminders carry a dedupe key per reviewer, campaign and day; escalation skips items already with the
 * fallback; a closed campaign is not active; a recurrence's copy names the instant it stands for; a
 * pending remediation gets its task once (one row per item, the task found by its trigger ref).
 */
export const REVIEW_QUEUES = {
  /** The hourly tick (reviews' cron schedule). */
  reviewTick: 'review-tick',
} as const;

/** One tick at a time across every worker: two at once would race to launch the same recurrence. */
export const REVIEW_QUEUE_SPECS: readonly QueueSpec[] = [{ name: REVIEW_QUEUES.reviewTick, policy: 'singleton' }];

/** Hourly (UTC): reminders are per day, escalations and closes then happen within the hour they fall due. */
export const REVIEW_TICK_CRON = '7 * * * *';

const DAY_MS = 24 * 3600 * 1000;
const SYSTEM: ReviewActor = { actor: 'system', personId: null };

export type ReviewJobDeps = {
  db: Db;
  reviews: ReviewService;
  /** Where a campaign's failure in a tick is written; default standard error (no logger reaches the job workers). */
  log?: (line: string) => void;
};

export type TickSummary = { reminded: number; escalated: number; closed: number; launched: number; refused: number; remediationsQueued: number };

/**
 * What is due at `now`: safe to run again at the same instant, or after a crash part-way. Each campaign's
 * work is on its own (`onItsOwn`): one that fails holds up no other; so are the remediation queue and
 * each connector's observation.
 */
export async function runReviewTick(deps: ReviewJobDeps, now: Date): Promise<TickSummary> {
  const summary: TickSummary = { reminded: 0, escalated: 0, closed: 0, launched: 0, refused: 0, remediationsQueued: 0 };
  for (const c of await deps.reviews.list({ status: 'active' })) {
    await onItsOwn(deps, now, campaignPart(c), async () => {
      if (c.options.endsAt !== null && new Date(c.options.endsAt) <= now) {
        await deps.reviews.close(c.id, SYSTEM);
        summary.closed++;
        return;
      }
      if (c.dueAt === null) return;
      const due = new Date(c.dueAt);
      if (isReminderDay(c, due, now)) summary.reminded += await remind(deps.db, c, now);
      const { escalateAfterDays } = c.options;
      if (escalateAfterDays !== null && now.getTime() >= due.getTime() + escalateAfterDays * DAY_MS) {
        summary.escalated += (await deps.reviews.escalateOverdue(c.id, SYSTEM)).escalated;
      }
    });
  }
  for (const template of await recurringCampaigns(deps.db)) {
    await onItsOwn(deps, now, campaignPart(template), async () => {
      const outcome = await recur(deps, template.id, now);
      if (outcome === 'launched') summary.launched++;
      if (outcome === 'refused') summary.refused++;
    });
  }
  // Revokes a close or decision wrote but whose task was never asked for (the process died in between), including this tick's closes.
  // Each item is on its own in the service (one that fails stays pending, its administrators told); this guards the pass itself.
  await onItsOwn(deps, now, { what: 'remediation queue', key: 'remediations', link: '/reviews' }, async () => {
    const { queued, manual, failed } = await deps.reviews.queuePendingRemediations(SYSTEM);
    summary.remediationsQueued = queued + manual;
    for (const f of failed) logOf(deps)(`review-tick: revoke of item ${f.itemId} not asked for (stays pending): ${f.message}`);
  });
  // What a sync's afterCommit observation missed (it failed, or its process died): observed again from the store, which gives the same states twice.
  const missed = await onItsOwn(deps, now, { what: 'remediation observation', key: 'observation', link: '/reviews' }, () => lastRunsWithRemediations(deps.db));
  for (const { connector_id: connectorId, run_id: runId } of missed ?? []) {
    await onItsOwn(deps, now, { what: `remediation observation of connector ${connectorId}`, key: `observation:${connectorId}`, link: `/connectors/${connectorId}` }, () =>
      deps.reviews.observeSync(connectorId, Number(runId), { missedOnly: true }));
  }
  return summary;
}

/**
 * Each connector with review remediations a sync could still move (a task or manual mark to prove, or a
 * reappearance), and its last committed sync run. Remediated rows are left to the next sync's own
 * observation (index review_remediations_open_idx), so the tick does not re-read every revoke ever made.
 */
async function lastRunsWithRemediations(db: Db): Promise<{ connector_id: string; run_id: number | string }[]> {
  return queryRows(db, sql`
    select x.connector_id, max(s.id) as run_id
    from (select distinct c.connector_id from review_remediations r join review_items i on i.id = r.item_id join review_campaigns c on c.id = i.campaign_id
          where c.connector_id is not null and r.state in ('task_queued', 'manual', 'reappeared')) x
    join sync_runs s on s.connector_id = x.connector_id and s.status = 'succeeded'
    group by x.connector_id`);
}

/** The UTC days a reminder goes out: the configured days before the due date, and every day after it. */
export function isReminderDay(c: Pick<CampaignView, 'options'>, due: Date, now: Date): boolean {
  const daysBefore = Math.floor(due.getTime() / DAY_MS) - Math.floor(now.getTime() / DAY_MS);
  return daysBefore > 0 ? c.options.reminderDaysBeforeDue.includes(daysBefore) : daysBefore < 0 && c.options.remindDailyAfterDue;
}

/** One notification per reviewer with undecided items in the open stage, keyed by the day: a retried tick adds none. */
async function remind(db: Db, c: CampaignView, now: Date): Promise<number> {
  const day = now.toISOString().slice(0, 10);
  const waiting = await queryRows<{ reviewer_person_id: string; n: number }>(db, sql`
    select a.reviewer_person_id, count(*)::int as n from review_items i
    join review_assignments a on a.item_id = i.id and a.current and a.stage = ${c.currentStage}
    where i.campaign_id = ${c.id} and a.reviewer_person_id is not null
      and not exists (select 1 from review_decisions d where d.assignment_id = a.id)
    group by 1 order by 1`);
  let sent = 0;
  for (const { reviewer_person_id: personId, n } of waiting) {
    const overdue = new Date(c.dueAt!) < now;
    const row = await notify(db, {
      kind: 'review.reminder',
      recipient: { personId },
      title: `${n} access review item${n === 1 ? '' : 's'} waiting${overdue ? ' (overdue)' : ''}: ${c.name}`.slice(0, 200),
      body: `Due ${c.dueAt!.slice(0, 10)}.`,
      link: `/reviews/mine?campaign=${c.id}`,
      payload: { campaignId: c.id, items: n, day },
      dedupeKey: `review.reminder:${c.id}:${personId}:${day}`,
    }, now);
    if (row) sent++;
  }
  return sent;
}

/** A part of a tick that fails on its own: what the log and the notification call it, its dedupe key, link, audience and payload. */
type TickPart = { what: string; key: string; link: string; recipient?: 'super_admin' | 'connector_admin'; payload?: Record<string, unknown> };

const campaignPart = (c: { id: string; name: string }): TickPart => ({ what: `campaign ${c.name}`, key: c.id, link: `/reviews/${c.id}`, recipient: 'super_admin', payload: { campaignId: c.id } });

const logOf = (deps: ReviewJobDeps) => deps.log ?? ((line: string) => console.error(line));

/**
 * One part of a tick (a campaign, the remediation queue, one connector's observation). A failure (the
 * store, a bug, data the code did not expect) would otherwise end the tick for every part after it, hour
 * after hour: it is logged, told once per part and error (the dedupe key; a campaign's to Super
 * Administrators, remediation's to Connector Administrators, whom Super Administrators' inbox includes),
 * and the tick goes on. Gives the work's result, or undefined when it failed.
 */
async function onItsOwn<T>(deps: ReviewJobDeps, now: Date, part: TickPart, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (e) {
    const code = isRrcuError(e) ? e.code : null;
    const message = e instanceof Error ? e.message : String(e);
    const log = logOf(deps);
    log(`review-tick: ${part.what} (${part.key}) failed${code ? ` (${code})` : ''}: ${message}`);
    const error = createHash('sha256').update(`${code ?? ''}\n${message}`).digest('hex').slice(0, 16);
    await notify(deps.db, {
      kind: 'review.tick_failed',
      recipient: { role: part.recipient ?? 'connector_admin' },
      title: `Review job failed for ${part.what}`.slice(0, 200),
      body: `${message}`.slice(0, 1800) + ' The hourly review job went on with the rest and tries this again every hour.',
      link: part.link,
      payload: { ...(part.payload ?? { part: part.key }), code },
      dedupeKey: `review.tick_failed:${part.key}:${error}`,
    }, now).catch((n: unknown) => log(`review-tick: could not tell the administrators: ${n instanceof Error ? n.message : String(n)}`));
    return undefined;
  }
}

/** Templates: campaigns with a recurrence that are not themselves a recurrence's copy. */
async function recurringCampaigns(db: Db): Promise<{ id: string; name: string }[]> {
  return queryRows<{ id: string; name: string }>(db, sql`
    select id, name from review_campaigns where recurrence_cron is not null and coalesce(options->>'recurrenceOf', '') = '' order by created_at`);
}

/**
 * Launches the template's copy for its latest occurrence not yet launched. Missed occurrences (RRCU was
 * down) give one copy, for the latest of them. A copy left a draft (a crash before its launch, or a stale
 * sync) is launched on a later tick; while its sync is stale, administrators are told once per occurrence.
 */
async function recur(deps: ReviewJobDeps, templateId: string, now: Date): Promise<'launched' | 'refused' | 'none'> {
  const template = await deps.reviews.get(templateId);
  const [last] = await queryRows<{ id: string; status: string; at: string }>(deps.db, sql`
    select id, status, options->>'recurrenceAt' as at from review_campaigns where options->>'recurrenceOf' = ${templateId} order by options->>'recurrenceAt' desc limit 1`);
  const from = last ? new Date(last.at) : new Date(template.createdAt);
  let due: Date | undefined;
  try {
    due = latestOccurrence(template.recurrenceCron!, from, now);
  } catch (e) {
    // Checked at create since the create rule came in, but a campaign stored before it may hold a bad expression: tell, and hold up nothing.
    await notify(deps.db, {
      kind: 'review.recurrence_invalid', recipient: { role: 'super_admin' }, title: `Recurring review has an invalid schedule: ${template.name}`.slice(0, 200),
      body: `${JSON.stringify(template.recurrenceCron)} is not a cron expression: ${(e as Error).message}`.slice(0, 2000), link: `/reviews/${templateId}`,
      payload: { campaignId: templateId }, dedupeKey: `review.recurrence_invalid:${templateId}:${template.recurrenceCron}`,
    }, now);
    return 'none';
  }
  let copyId = last?.status === 'draft' ? last.id : undefined;
  if (due) copyId = (await createCopy(deps.reviews, template, due)).id;
  if (!copyId) return 'none';
  try {
    await deps.reviews.launch(copyId, SYSTEM, now);
    return 'launched';
  } catch (e) {
    if (!isRrcuError(e, 'SYNC_FIRST')) throw e;
    const copy = await deps.reviews.get(copyId);
    await notify(deps.db, {
      kind: 'review.recurrence_refused',
      recipient: { role: 'super_admin' },
      title: `Recurring review not launched: ${copy.name}`.slice(0, 200),
      body: `${(e as Error).message} It stays a draft and launches on a later hour once a sync has committed.`.slice(0, 2000),
      link: `/reviews/${copyId}`,
      payload: { campaignId: copyId, templateId, reason: 'SYNC_FIRST' },
      dedupeKey: `review.recurrence_refused:${copyId}`,
    }, now);
    return 'refused';
  }
}

/** The template's scope, plan and options under its name and the occurrence's date; its due date and end keep their distance from the launch. */
async function createCopy(reviews: ReviewService, t: CampaignView, at: Date): Promise<CampaignView> {
  const start = new Date(t.launchedAt ?? t.createdAt).getTime();
  const shift = (iso: string | null) => (iso === null ? null : new Date(at.getTime() + (new Date(iso).getTime() - start)).toISOString());
  return reviews.create({
    name: `${t.name} — ${at.toISOString().slice(0, 10)}`.slice(0, 200),
    description: t.description,
    scope: t.scope,
    // Read as stored (a group that is no role dropped), so an old template still recurs; create checks it strictly.
    reviewerPlan: creatablePlan(storedReviewerPlanSchema.parse(t.reviewerPlan)),
    options: { ...t.options, endsAt: shift(t.options.endsAt), recurrenceOf: t.id, recurrenceAt: at.toISOString() },
    dueAt: shift(t.dueAt),
    recurrenceCron: null,
  }, SYSTEM);
}

/** Takes the ticks in this process and keeps the hourly schedule (kept by processes that do pg-boss's maintenance). */
export async function startReviewJobs(engine: JobEngine, deps: ReviewJobDeps): Promise<void> {
  await engine.boss.work(REVIEW_QUEUES.reviewTick, { pollingIntervalSeconds: 5 }, async () => runReviewTick(deps, new Date()));
  await engine.boss.schedule(REVIEW_QUEUES.reviewTick, REVIEW_TICK_CRON, null, { tz: 'UTC', missed: 'once' });
}
