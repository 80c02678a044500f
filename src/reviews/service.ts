import { createHash } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { recordAuditEvent, recordAuditEvents } from '../audit/index.ts';
import { COMMON_ERRORS, RrcuError } from '../core/errors.ts';
import { parseInput as parse } from '../core/parse-input.ts';
import { notify } from '../notifications/index.ts';
import type { ProvisioningService } from '../provisioning/index.ts';
import { people, queryRows, reviewAssignments, reviewCampaigns, reviewDecisions, reviewItems, reviewReassignments, reviewRemediations, type Db } from '../store/index.ts';
import { decide as decideRule, HAND_ON_REASONS, type HandOnEntry, type ReviewHistoryEntry, type StageState } from './core/decisions.ts';
import { populationDigest, type Reconciliation } from './core/population.ts';
import { revokeTaskReason } from './core/remediation.ts';
import { delegate as delegateRule, escalate as escalateRule, reassign as reassignRule, type StageAssignment } from './core/reviewers.ts';
import { campaignScopeSchema, reviewGrantKey, reviewItemKind, type CampaignScope } from './core/scope.ts';
import { campaignStatistics } from './core/statistics.ts';
import { REVIEW_ERRORS } from './errors.ts';
import { queryItems } from './item-queries.ts';
import { ITEM_OUTCOME, ITEM_STATE_JOINS } from './item-state-sql.ts';
import { notifyClosed, notifyEscalated } from './notify-events.ts';
import { observeRemediations } from './observe-remediations.ts';
import { createRemediationActions } from './remediation-actions.ts';
import { itemDetail as readItemDetail } from './item-detail.ts';
import { decisionViews, reassignmentViews } from './history.ts';
import {
  bulkDecideInputSchema, campaignOptionsSchema, createCampaignInputSchema, decideInputSchema, delegateInputSchema, itemFilterSchema, pagingSchema, reassignInputSchema,
  type CampaignOptions, type CampaignView, type ExportRow, type ItemView, type PreviewView, type QueuedRemediations, type ReviewActor, type ReviewService,
} from './service-types.ts';
import { assignStage, confersIndex, granterKey, grantersSince, holdersOf, snapshotRun, takePopulation, type HolderContext } from './snapshot.ts';
import { storedReviewerPlanSchema, type ReviewerPlan } from './core/reviewers.ts';

export type ReviewServiceDeps = {
  db: Db;
  /** Revokes go through provisioning (trigger `review`, trigger ref = the item); what it cannot change becomes manual. */
  provisioning: Pick<ProvisioningService, 'requestRevoke' | 'requestRevokes'>;
};

type CampaignRow = typeof reviewCampaigns.$inferSelect;
const BATCH = 1000;
/** Items named in a reviewer's assignment notification (Slack's buttons under each; the rest are decided in RRCU). */
const ITEMS_NAMED = 10;
/** Remediations asked for per provisioning transaction and recorded per transaction of their own. */
const REMEDIATION_BATCH = 100;

const planOf = (c: CampaignRow) => c.reviewerPlan as unknown as ReviewerPlan;
const optionsOf = (c: CampaignRow) => campaignOptionsSchema.parse(c.options);
const scopeOf = (c: CampaignRow) => c.scope as unknown as CampaignScope;

function stageStates(c: CampaignRow): StageState[] {
  return planOf(c).stages.map((_, i) => (c.status === 'closed' ? 'closed' : c.status === 'draft' || c.currentStage === null ? 'waiting' : i + 1 < c.currentStage ? 'closed' : i + 1 === c.currentStage ? 'open' : 'waiting'));
}

/** Immediate remediation is for one-stage campaigns (refused at create otherwise); a campaign stored before that rule remediates at once only in its last stage. */
const remediatesNow = (c: CampaignRow) => optionsOf(c).remediateImmediately && c.currentStage === planOf(c).stages.length;

function requirePerson(by: ReviewActor): string {
  if (by.personId === null) {
    throw new RrcuError(REVIEW_ERRORS.NOT_A_PERSON, `${by.actor} is not a person of the inventory, so has no review items.`, { fix: 'Reviewers are people the syncs found, matched by email when they sign in.' });
  }
  return by.personId;
}

export function createReviewService(deps: ReviewServiceDeps): ReviewService {
  const { db } = deps;
  const remediationActions = createRemediationActions(deps);

  async function campaign(tx: Db, id: string): Promise<CampaignRow> {
    const [row] = await tx.select().from(reviewCampaigns).where(eq(reviewCampaigns.id, id));
    if (!row) throw new RrcuError(REVIEW_ERRORS.CAMPAIGN_NOT_FOUND, `No campaign ${id}.`, { fix: 'List campaigns (rrcu review list, GET /api/reviews) and use one of their ids.' });
    return row;
  }
  const lockCampaign = async (tx: Db, id: string) => {
    await tx.execute(sql`select 1 from review_campaigns where id = ${id} for update`);
    return campaign(tx, id);
  };
  const readCampaign = (tx: Db, id: string) => campaign(tx, id);

  function requireActive(c: CampaignRow): void {
    if (c.status !== 'active') throw new RrcuError(REVIEW_ERRORS.CAMPAIGN_NOT_ACTIVE, `Campaign ${c.name} is ${c.status}.`, { fix: c.status === 'draft' ? 'Launch it first.' : 'A closed campaign is locked: start a new one.' });
  }

  /** Each campaign's progress counts, in one pass over the items of all of them (a list of campaigns is one query, not one per campaign). */
  async function progressOf(campaignIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
    if (campaignIds.length === 0) return new Map();
    const rows = await queryRows<Record<string, number> & { campaign_id: string }>(db, sql`
      select x.campaign_id,
             count(*)::int as items,
             count(*) filter (where x.decision is not null)::int as decided,
             count(*) filter (where x.outcome = 'pending' and x.decision is null)::int as pending,
             count(*) filter (where x.outcome = 'kept' or (x.outcome = 'pending' and x.decision = 'keep'))::int as kept,
             count(*) filter (where x.outcome = 'revoked' or (x.outcome = 'pending' and x.decision = 'revoke'))::int as revoked,
             count(*) filter (where x.outcome = 'not_reviewed')::int as not_reviewed,
             count(*) filter (where x.rem = 'remediated')::int as remediated,
             count(*) filter (where x.rem is not null and x.rem <> 'remediated')::int as unremediated
      from (select i.campaign_id, d.decision, r.state as rem, ${ITEM_OUTCOME} as outcome
            from review_items i ${ITEM_STATE_JOINS}
            left join review_remediations r on r.item_id = i.id
            where i.campaign_id in (${sql.join(campaignIds.map((id) => sql`${id}::uuid`), sql`, `)})) x
      group by x.campaign_id`);
    return new Map(rows.map((r) => [String(r.campaign_id), r]));
  }

  async function view(c: CampaignRow, progress?: Map<string, Record<string, number>>): Promise<CampaignView> {
    const p = (progress ?? (await progressOf([c.id]))).get(c.id);
    const [connector] = c.connectorId ? await queryRows<{ name: string }>(db, sql`select name from connectors where id = ${c.connectorId}`) : [];
    return {
      id: c.id,
      name: c.name,
      description: c.description,
      connectorId: scopeOf(c).connectorId,
      connectorName: connector?.name ?? null,
      scope: scopeOf(c),
      reviewerPlan: planOf(c),
      options: optionsOf(c),
      status: c.status,
      currentStage: c.status === 'active' ? c.currentStage : null,
      stageCount: planOf(c).stages.length,
      dueAt: c.dueAt?.toISOString() ?? null,
      recurrenceCron: c.recurrenceCron,
      createdBy: c.createdBy,
      createdAt: c.createdAt.toISOString(),
      launchedAt: c.launchedAt?.toISOString() ?? null,
      closedAt: c.closedAt?.toISOString() ?? null,
      snapshot: c.snapshotRunId === null
        ? null
        : { syncRunId: c.snapshotRunId, syncAt: c.snapshotAt!.toISOString(), itemCount: c.itemCount ?? 0, sha256: c.digest ?? '', reconciliation: c.reconciliation as unknown as Reconciliation },
      progress: {
        items: p?.items ?? 0, decided: p?.decided ?? 0, pending: p?.pending ?? 0, kept: p?.kept ?? 0, revoked: p?.revoked ?? 0,
        notReviewed: p?.not_reviewed ?? 0, remediated: p?.remediated ?? 0, unremediated: p?.unremediated ?? 0,
      },
    };
  }

  /** Writes one stage's assignments and the steps away at resolution; notifies each reviewer once, naming their first ITEMS_NAMED items. */
  async function writeAssignments(tx: Db, c: CampaignRow, itemIds: readonly string[], assignments: readonly StageAssignment[], stage: number, at: Date): Promise<void> {
    for (let i = 0; i < itemIds.length; i += BATCH) {
      const slice = itemIds.slice(i, i + BATCH);
      // One JSON parameter per batch, as the items, rather than five bound values per assignment and nine per step.
      // A function scan yields the array in order, so ids follow it: a step's order is the order it was taken in.
      const rows = slice.map((itemId, j) => ({ itemId, reviewerPersonId: assignments[i + j]!.reviewerPersonId, policy: assignments[i + j]!.policy }));
      await tx.execute(sql`
        insert into review_assignments (item_id, stage, reviewer_person_id, policy, assigned_at)
        select x."itemId", ${stage}::int, x."reviewerPersonId", x."policy", ${at.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x("itemId" uuid, "reviewerPersonId" uuid, "policy" text)`);
      const steps = slice.flatMap((itemId, j) => assignments[i + j]!.reassignments.map((s) => ({ itemId, fromPersonId: s.from, toPersonId: s.to, reason: s.reason, policy: s.policy ?? null, note: s.note ?? null, by: s.by ?? null })));
      if (steps.length) {
        await tx.execute(sql`
          insert into review_reassignments (item_id, stage, from_person_id, to_person_id, reason, policy, note, by, at)
          select x."itemId", ${stage}::int, x."fromPersonId", x."toPersonId", x."reason", x."policy", x."note", x."by", ${at.toISOString()}::timestamptz
          from jsonb_to_recordset(${JSON.stringify(steps)}::jsonb) as x("itemId" uuid, "fromPersonId" uuid, "toPersonId" uuid, "reason" text, "policy" text, "note" text, "by" text)`);
      }
    }
    const counts = new Map<string, number>();
    // Each reviewer's first items, named in the notification: Slack puts Keep and Revoke under each.
    const first = new Map<string, string[]>();
    assignments.forEach((a, k) => {
      if (!a.reviewerPersonId) return;
      counts.set(a.reviewerPersonId, (counts.get(a.reviewerPersonId) ?? 0) + 1);
      const list = first.get(a.reviewerPersonId) ?? first.set(a.reviewerPersonId, []).get(a.reviewerPersonId)!;
      if (list.length < ITEMS_NAMED) list.push(itemIds[k]!);
    });
    const named = [...first.values()].flat();
    const labels = new Map(named.length === 0 ? [] : (await tx.select({ id: reviewItems.id, principal: reviewItems.principalName, entitlement: reviewItems.entitlementName, resource: reviewItems.resourceName })
      .from(reviewItems).where(inArray(reviewItems.id, named))).map((i) => [i.id, `${i.principal ?? 'unnamed principal'} — ${i.entitlement ?? 'unnamed entitlement'} on ${i.resource ?? 'unnamed resource'}`.slice(0, 300)]));
    for (const [personId, n] of counts) {
      await notify(tx, {
        kind: 'review.assigned',
        recipient: { personId },
        title: `${n} access review item${n === 1 ? '' : 's'} to decide: ${c.name}`,
        body: `Stage ${stage}${c.dueAt ? `, due ${c.dueAt.toISOString().slice(0, 10)}` : ''}.`,
        link: `/reviews/mine?campaign=${c.id}`,
        payload: { campaignId: c.id, stage, items: n, decide: (first.get(personId) ?? []).map((itemId) => ({ itemId, label: labels.get(itemId) ?? itemId })) },
        dedupeKey: `review.assigned:${c.id}:${stage}:${personId}`,
      }, at);
    }
  }

  async function itemsOf(tx: Db, c: CampaignRow, ids?: readonly string[]) {
    return tx.select().from(reviewItems).where(ids ? and(eq(reviewItems.campaignId, c.id), inArray(reviewItems.id, [...ids])) : eq(reviewItems.campaignId, c.id));
  }

  const grantOfItem = (i: typeof reviewItems.$inferSelect, connectorId: string) => ({
    grantId: i.grantId, connectorId, principalType: i.principalType, principalId: i.principalId, principalName: i.principalName, personId: i.personId,
    resourceType: i.resourceType, resourceId: i.resourceId, resourceName: i.resourceName, entitlementSlug: i.entitlementSlug, entitlement: i.entitlementName,
    via: null, seenFrom: i.seenFrom, privileged: i.privileged, entitlementType: i.kind === 'role_trust' ? 'trust' : null,
  });
  const holdersOfItem = (i: typeof reviewItems.$inferSelect) => { const ctx = i.context as unknown as HolderContext; return { ...ctx, grantedByPersonId: ctx.grantedByPersonId ?? null }; };

  /**
   * Each item's history in order: per stage, the decisions made under each of its assignments, a hand-on
   * between one assignment and the next (the core's `HandOnEntry`: what was decided before it is no longer in force).
   */
  async function histories(tx: Db, itemIds: SQL): Promise<Map<string, ReviewHistoryEntry[]>> {
    const assignments = await tx.select({ id: reviewAssignments.id, itemId: reviewAssignments.itemId, stage: reviewAssignments.stage, at: reviewAssignments.assignedAt })
      .from(reviewAssignments).where(inArray(reviewAssignments.itemId, itemIds)).orderBy(reviewAssignments.id);
    const decisions = await tx.select().from(reviewDecisions).where(inArray(reviewDecisions.itemId, itemIds)).orderBy(reviewDecisions.id);
    const steps = await tx.select({ itemId: reviewReassignments.itemId, stage: reviewReassignments.stage, reason: reviewReassignments.reason }).from(reviewReassignments)
      .where(and(inArray(reviewReassignments.itemId, itemIds), inArray(reviewReassignments.reason, [...HAND_ON_REASONS]))).orderBy(reviewReassignments.id);
    const under = new Map<number, ReviewHistoryEntry[]>();
    for (const d of decisions) under.set(d.assignmentId, [...(under.get(d.assignmentId) ?? []), { stage: d.stage, decision: d.decision, comment: d.comment, deciderPersonId: d.deciderPersonId, at: d.at }]);
    const handOns = new Map<string, HandOnEntry['handedOn'][]>();
    for (const s of steps) handOns.set(`${s.itemId}:${s.stage}`, [...(handOns.get(`${s.itemId}:${s.stage}`) ?? []), s.reason as HandOnEntry['handedOn']]);
    const out = new Map<string, ReviewHistoryEntry[]>();
    const started = new Set<string>();
    for (const a of assignments) {
      const list = out.get(a.itemId) ?? [];
      out.set(a.itemId, list);
      const stageKey = `${a.itemId}:${a.stage}`;
      // Every assignment of a stage after its first is a hand-on, recorded in the same order as its step.
      if (started.has(stageKey)) list.push({ stage: a.stage, handedOn: handOns.get(stageKey)?.shift() ?? 'reassigned', at: a.at });
      started.add(stageKey);
      list.push(...(under.get(a.id) ?? []));
    }
    return out;
  }

  const notInStageError = (itemId: string, stage: number) =>
    new RrcuError(REVIEW_ERRORS.ITEM_NOT_IN_STAGE, `Item ${itemId} is not in stage ${stage}: an earlier stage did not keep it.`, { fix: 'Only items every earlier stage kept are reviewed in a later stage.' });

  async function currentAssignment(tx: Db, itemId: string, stage: number): Promise<StageAssignment & { id: number }> {
    const [a] = await tx.select().from(reviewAssignments).where(and(eq(reviewAssignments.itemId, itemId), eq(reviewAssignments.stage, stage), eq(reviewAssignments.current, true)));
    if (!a) throw notInStageError(itemId, stage);
    const steps = await tx.select().from(reviewReassignments).where(and(eq(reviewReassignments.itemId, itemId), eq(reviewReassignments.stage, stage))).orderBy(reviewReassignments.id);
    return {
      id: a.id, stage, reviewerPersonId: a.reviewerPersonId, policy: a.policy as StageAssignment['policy'], noEligibleReviewer: a.reviewerPersonId === null,
      reassignments: steps.map((s) => ({ from: s.fromPersonId, to: s.toPersonId, reason: s.reason as StageAssignment['reassignments'][number]['reason'], ...(s.by ? { by: s.by } : {}) })),
    };
  }

  async function itemRow(tx: Db, itemId: string) {
    const [item] = await tx.select().from(reviewItems).where(eq(reviewItems.id, itemId));
    if (!item) throw new RrcuError(REVIEW_ERRORS.ITEM_NOT_FOUND, `No review item ${itemId}.`, { fix: 'Take item ids from My reviews or the campaign\'s items.' });
    return item;
  }

  /**
   * Decisions on `itemIds` in their order, each checked as one decision is: its Revoke not being carried out,
   * its current assignment in the open stage, then the core's rules on its history; the first refusal refuses
   * them all. Read, checked and appended a batch at a time (decisions, then their audit events in one chain
   * step), so a bulk decision of thousands of items is a few statements per thousand, not several per item.
   */
  async function decideAll(tx: Db, c: CampaignRow, itemIds: readonly string[], input: { decision: 'keep' | 'revoke'; comment?: string | undefined }, decider: string, by: ReviewActor, at: Date) {
    const stage = c.currentStage!;
    const context = { stages: stageStates(c), commentRequiredOnKeep: optionsOf(c).requireCommentOnKeep };
    const entries = [];
    for (let i = 0; i < itemIds.length; i += BATCH) {
      const slice = itemIds.slice(i, i + BATCH);
      const remediating = new Map((await tx.select({ itemId: reviewRemediations.itemId, state: reviewRemediations.state, taskId: reviewRemediations.taskId }).from(reviewRemediations)
        .where(inArray(reviewRemediations.itemId, [...slice]))).map((r) => [r.itemId, r]));
      const assignments = new Map((await tx.select({ id: reviewAssignments.id, itemId: reviewAssignments.itemId, reviewerPersonId: reviewAssignments.reviewerPersonId }).from(reviewAssignments)
        .where(and(inArray(reviewAssignments.itemId, [...slice]), eq(reviewAssignments.stage, stage), eq(reviewAssignments.current, true)))).map((a) => [a.itemId, a]));
      const byItem = await histories(tx, sql`(${sql.join(slice.map((id) => sql`${id}::uuid`), sql`, `)})`);
      const decided = slice.map((itemId) => {
        const remediation = remediating.get(itemId);
        if (remediation) throw remediatedError(itemId, remediation);
        const assignment = assignments.get(itemId);
        if (!assignment) throw notInStageError(itemId, stage);
        const entry = decideRule(byItem.get(itemId) ?? [], { ...input, stage, deciderPersonId: decider, at }, { ...context, reviewerPersonId: assignment.reviewerPersonId });
        return { itemId, assignmentId: assignment.id, entry };
      });
      await tx.insert(reviewDecisions).values(decided.map(({ itemId, assignmentId, entry }) => ({ itemId, stage, assignmentId, decision: entry.decision, comment: entry.comment, deciderPersonId: decider, actor: by.actor, at })));
      await recordAuditEvents(tx, decided.map(({ itemId, entry }) => ({
        type: 'review.decided', actor: by.actor, subject: `review_item:${itemId}`, data: { campaignId: c.id, itemId, stage, decision: entry.decision, comment: entry.comment },
      })), at);
      entries.push(...decided.map((d) => d.entry));
    }
    return entries;
  }

  /**
   * A Revoke's remediation is first a `pending` row, written in the transaction that decides or closes:
   * from then on no crash loses it, and the decision is locked. Its task is asked for afterwards
   * (`queueRemediations`), by the same call or, after a crash, by the review tick. One row per item, so
   * asking again adds nothing.
   */
  async function requestRemediations(tx: Db, itemIds: readonly string[]): Promise<void> {
    for (let i = 0; i < itemIds.length; i += BATCH) {
      const slice = itemIds.slice(i, i + BATCH);
      if (slice.length) await tx.insert(reviewRemediations).values(slice.map((itemId) => ({ itemId, state: 'pending' as const }))).onConflictDoNothing();
    }
  }

  /** A decision whose Revoke is being carried out stays as it is: the access is going, whatever the reviewer says next. */
  function remediatedError(itemId: string, r: { state: string; taskId: string | null }): RrcuError {
    return new RrcuError(REVIEW_ERRORS.DECISION_REMEDIATED, `Item ${itemId} was revoked and its remediation is under way (${r.state}${r.taskId ? `, task ${r.taskId}` : ''}): its decision can no longer change.`, {
      fix: 'If the access should stay, ask for it again once the revoke has run (rrcu grant, or an access request); the campaign keeps the Revoke as decided.',
    });
  }

  /**
   * Each `pending` remediation of `where` becomes a provisioning task (trigger `review`, ref = the item);
   * what the connector cannot change becomes a manual remediation for the connector administrators.
   * Provisioning writes its tasks in its own transaction, so the rows follow them in another: a task found
   * for the item (asked for by a call that died before recording it) is taken rather than asking twice,
   * and a row moves only from `pending`, so two callers record it once. A hundred items at a time: one
   * provisioning transaction for their tasks (`requestRevokes`) and one recording them, not two per item
   * (a close of 1,000 revokes took 26 s on PGlite one by one). When a batch fails unexpectedly (not an
   * RrcuError: the store, a bug), its items are taken again one by one: the one that fails stays `pending`
   * for the next tick, its administrators told once per item and error, and the others go on.
   */
  async function queueRemediations(where: SQL, by: ReviewActor): Promise<QueuedRemediations> {
    const pending = await queryRows<{ item_id: string; campaign_id: string }>(db, sql`
      select r.item_id, i.campaign_id from review_remediations r join review_items i on i.id = r.item_id
      where r.state = 'pending' and ${where} order by r.created_at, r.item_id`);
    const done: QueuedRemediations = { queued: 0, manual: 0, failed: [] };
    const campaigns = new Map<string, CampaignRow>();
    const count = (recorded: { queued: number; manual: number }) => {
      done.queued += recorded.queued;
      done.manual += recorded.manual;
    };
    for (let i = 0; i < pending.length; i += REMEDIATION_BATCH) {
      const slice = pending.slice(i, i + REMEDIATION_BATCH);
      try {
        count(await queueSlice(slice, campaigns, by));
      } catch (batchError) {
        if (slice.length === 1) throw batchError;
        for (const one of slice) {
          try {
            count(await queueSlice([one], campaigns, by));
          } catch (e) {
            done.failed.push({ itemId: one.item_id, message: e instanceof Error ? e.message : String(e) });
            await tellRemediationFailed(one.item_id, one.campaign_id, e).catch(() => undefined);
          }
        }
      }
    }
    return done;
  }

  async function queueSlice(slice: readonly { item_id: string; campaign_id: string }[], campaigns: Map<string, CampaignRow>, by: ReviewActor): Promise<{ queued: number; manual: number }> {
    const ids = slice.map((p) => p.item_id);
    const idList = sql.join(ids.map((id) => sql`${id}`), sql`, `);
    for (const campaignId of new Set(slice.map((p) => p.campaign_id))) if (!campaigns.has(campaignId)) campaigns.set(campaignId, await readCampaign(db, campaignId));
    const items = new Map((await db.select().from(reviewItems).where(inArray(reviewItems.id, ids))).map((item) => [item.id, item]));
    const earlier = await queryRows<{ id: string; trigger_ref: string }>(db, sql`
      select distinct on (trigger_ref) id, trigger_ref from provisioning_tasks
      where trigger = 'review' and trigger_ref in (${idList}) order by trigger_ref, created_at`);
    const taskOf = new Map<string, string | null>(earlier.map((t) => [t.trigger_ref, t.id]));
    const manualReason = new Map<string, string>();
    // The revoke in force is the item's last decision (a revoked item goes no further), made by its current reviewer.
    const revokes = await queryRows<{ item_id: string; comment: string | null; email: string | null; display_name: string | null }>(db, sql`
      select distinct on (d.item_id) d.item_id, d.comment, p.email, p.display_name from review_decisions d left join people p on p.id = d.decider_person_id
      where d.item_id in (${idList}) order by d.item_id, d.id desc`);
    const revokeOf = new Map(revokes.map((r) => [r.item_id, r]));
    const ask = slice.filter((p) => !taskOf.has(p.item_id));
    const answers = await deps.provisioning.requestRevokes(ask.map(({ item_id: itemId, campaign_id: campaignId }) => {
      const c = campaigns.get(campaignId)!;
      const revoke = revokeOf.get(itemId);
      return { connector: scopeOf(c).connectorId, grantId: items.get(itemId)!.grantId, actor: by.actor, trigger: 'review' as const, triggerRef: itemId, reason: revokeTaskReason(c.name, revoke?.email ?? revoke?.display_name ?? null, revoke?.comment ?? null) };
    }));
    ask.forEach(({ item_id: itemId }, n) => {
      const answer = answers[n]!;
      if (answer instanceof RrcuError) {
        taskOf.set(itemId, null);
        manualReason.set(itemId, `${answer.code}: ${answer.message}`);
      } else taskOf.set(itemId, answer.task.id);
    });
    return db.transaction(async (tx) => {
      const queued = slice.filter((p) => taskOf.get(p.item_id));
      const manual = slice.filter((p) => !taskOf.get(p.item_id));
      const moved = new Set<string>();
      if (queued.length) {
        const values = sql.join(queued.map((p) => sql`(${p.item_id}::uuid, ${taskOf.get(p.item_id)!}::uuid)`), sql`, `);
        for (const r of await queryRows<{ item_id: string }>(tx, sql`
          update review_remediations r set state = 'task_queued', task_id = v.task_id, manual = false from (values ${values}) v(item_id, task_id)
          where r.item_id = v.item_id and r.state = 'pending' returning r.item_id`)) moved.add(r.item_id);
      }
      if (manual.length) {
        for (const r of await queryRows<{ item_id: string }>(tx, sql`
          update review_remediations set state = 'manual', task_id = null, manual = true
          where item_id in (${sql.join(manual.map((p) => sql`${p.item_id}`), sql`, `)}) and state = 'pending' returning item_id`)) moved.add(r.item_id);
      }
      const recorded = slice.filter((p) => moved.has(p.item_id));
      await recordAuditEvents(tx, recorded.map(({ item_id: itemId, campaign_id: campaignId }) => ({
        type: 'review.remediation_requested', actor: by.actor, subject: `review_item:${itemId}`,
        data: { campaignId, itemId, taskId: taskOf.get(itemId) ?? null, manual: !taskOf.get(itemId), reason: manualReason.get(itemId) ?? null },
      })));
      for (const { item_id: itemId, campaign_id: campaignId } of recorded.filter((p) => !taskOf.get(p.item_id))) {
        const item = items.get(itemId)!;
        const c = campaigns.get(campaignId)!;
        await notify(tx, {
          kind: 'review.manual_remediation',
          recipient: { role: 'connector_admin' },
          title: `Remove by hand: ${item.entitlementName ?? item.entitlementSlug} of ${item.principalName ?? item.principalId}`,
          body: `Access review "${c.name}" revoked it, and RRCU cannot change it through the connector (${manualReason.get(itemId) ?? ''}).`.slice(0, 2000),
          link: `/reviews/${c.id}/items/${itemId}`,
          dedupeKey: `review.manual_remediation:${itemId}`,
        });
      }
      return { queued: recorded.filter((p) => taskOf.get(p.item_id)).length, manual: recorded.filter((p) => !taskOf.get(p.item_id)).length };
    });
  }

  /** A revoke whose task could not be asked for, told to Super and Connector Administrators once per item and error. */
  async function tellRemediationFailed(itemId: string, campaignId: string, e: unknown): Promise<void> {
    const code = e instanceof RrcuError ? e.code : null;
    const message = e instanceof Error ? e.message : String(e);
    const error = createHash('sha256').update(`${code ?? ''}\n${message}`).digest('hex').slice(0, 16);
    await notify(db, {
      kind: 'review.remediation_failed',
      recipient: { role: 'connector_admin' },
      title: `Review revoke not asked for: item ${itemId}`,
      body: `${message}`.slice(0, 1800) + ' The revoke stays pending; the hourly review job asks for it again every hour.',
      link: `/reviews/${campaignId}/items/${itemId}`,
      payload: { campaignId, itemId, code },
      dedupeKey: `review.remediation_failed:${itemId}:${error}`,
    });
  }

  /** When the last campaign on this connector other than `exceptId` took its snapshot: the start of this one's period. */
  async function previousSnapshotAt(connectorId: string, exceptId: string | null): Promise<Date | null> {
    const [previous] = await queryRows<{ snapshot_at: Date | string }>(db, sql`
      select snapshot_at from review_campaigns where connector_id = ${connectorId} and snapshot_at is not null and id <> ${exceptId ?? '00000000-0000-0000-0000-000000000000'} order by snapshot_at desc limit 1`);
    return previous ? new Date(previous.snapshot_at) : null;
  }

  async function populationPreview(scope: CampaignScope, plan: ReviewerPlan, options: CampaignOptions, now: Date, since: Date | null) {
    const run = await snapshotRun(db, scope.connectorId, options.maxSyncAgeSeconds, now);
    const population = await takePopulation(db, scope, run);
    const holders = holdersOf(population.items, population.grants);
    if (plan.excludeGranters) {
      // The granter rule: whoever asked RRCU for the grant in the campaign period (since the last campaign, else the lookback) may not decide it.
      const granters = await grantersSince(db, scope.connectorId, since ?? new Date(now.getTime() - options.granterLookbackDays * 24 * 3600 * 1000));
      for (const grant of population.items) {
        const h = holders.get(reviewGrantKey(grant))!;
        h.grantedByPersonId = granters.get(granterKey(h.entitlementKey, grant.principalType, grant.principalId)) ?? null;
      }
    }
    const pairs = population.items.map((grant) => ({ grant, holders: holders.get(reviewGrantKey(grant))! }));
    const assignments = await assignStage(db, scope.connectorId, plan, pairs, 1);
    return { run, population, holders, pairs, assignments };
  }

  const service: ReviewService = {
    async create(input, by) {
      const parsed = parse(createCampaignInputSchema, input);
      const [known] = await queryRows<{ id: string }>(db, sql`select id from connectors where id = ${parsed.scope.connectorId}`);
      if (!known) throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `scope.connectorId: no connector ${parsed.scope.connectorId}.`, { fix: 'Correct scope.connectorId to one of the connectors (GET /api/connectors, rrcu connector list) and try again.', fields: ['scope.connectorId'] });
      const row = await db.transaction(async (tx) => {
        const [c] = await tx.insert(reviewCampaigns).values({
          name: parsed.name, description: parsed.description, connectorId: parsed.scope.connectorId, scope: parsed.scope, reviewerPlan: parsed.reviewerPlan,
          options: parsed.options, dueAt: parsed.dueAt, recurrenceCron: parsed.recurrenceCron, createdBy: by.actor,
        }).returning();
        await recordAuditEvent(tx, { type: 'review.created', actor: by.actor, subject: `review_campaign:${c!.id}`, data: { campaignId: c!.id, name: parsed.name, scope: parsed.scope } });
        return c!;
      });
      return view(row);
    },

    async preview(input) {
      const source = 'campaignId' in input
        ? await readCampaign(db, input.campaignId).then((c) => ({ scope: scopeOf(c), plan: planOf(c), options: optionsOf(c) }))
        : ((p) => ({ scope: p.scope, plan: p.reviewerPlan, options: p.options }))(parse(createCampaignInputSchema, input));
      const { run, pairs, assignments } = await populationPreview(source.scope, source.plan, source.options, new Date(), await previousSnapshotAt(source.scope.connectorId, 'campaignId' in input ? input.campaignId : null));
      const byKind: PreviewView['byKind'] = {};
      for (const { grant } of pairs) {
        const kind = reviewItemKind(grant)!;
        byKind[kind] = (byKind[kind] ?? 0) + 1;
      }
      const byReviewer = new Map<string | null, number>();
      for (const a of assignments) byReviewer.set(a.reviewerPersonId, (byReviewer.get(a.reviewerPersonId) ?? 0) + 1);
      const ids = [...byReviewer.keys()].filter((k): k is string => k !== null);
      const named = new Map((ids.length ? await db.select({ id: people.id, displayName: people.displayName, email: people.email }).from(people).where(inArray(people.id, ids)) : []).map((p) => [p.id, p]));
      return {
        syncRunId: run.id,
        itemCount: pairs.length,
        byKind,
        byReviewer: [...byReviewer].map(([id, items]) => ({ reviewer: id === null ? null : (named.get(id) ?? { id, displayName: id, email: null }), items })).sort((a, b) => b.items - a.items),
        selfReviewReassignments: assignments.filter((a) => a.reassignments.some((s) => s.reason === 'self-review')).length,
        noEligibleReviewer: assignments.filter((a) => a.noEligibleReviewer).length,
      };
    },

    async launch(campaignId, by, at = new Date()) {
      const draft = await readCampaign(db, campaignId);
      if (draft.status !== 'draft') throw new RrcuError(REVIEW_ERRORS.CAMPAIGN_NOT_DRAFT, `Campaign ${draft.name} is ${draft.status}; only a draft launches.`, { fix: 'Create a new campaign to review again.' });
      const scope = parse(campaignScopeSchema, draft.scope);
      const plan = parse(storedReviewerPlanSchema, draft.reviewerPlan);
      const since = await previousSnapshotAt(scope.connectorId, campaignId);
      const { run, population, pairs, assignments } = await populationPreview(scope, plan, optionsOf(draft), at, since);
      const digest = populationDigest(population.items);
      const confers = confersIndex(population.grants);
      const row = await db.transaction(async (tx) => {
        const c = await lockCampaign(tx, campaignId);
        if (c.status !== 'draft') throw new RrcuError(REVIEW_ERRORS.CAMPAIGN_NOT_DRAFT, `Campaign ${c.name} is ${c.status}; only a draft launches.`, { fix: 'Create a new campaign to review again.' });
        const ids: string[] = [];
        for (let i = 0; i < pairs.length; i += BATCH) {
          const slice = pairs.slice(i, i + BATCH).map(({ grant, holders }) => {
            const flags = [
              ...(grant.privileged ? ['privileged'] : []),
              ...(population.inactive(grant) ? ['inactive'] : []),
              ...(grant.personId === null && (grant.principalType === 'sso_user' || grant.principalType === 'iam_user') ? ['no_matching_person'] : []),
              ...(since !== null && grant.seenFrom > since ? ['granted_since_last_campaign'] : []),
            ];
            return {
              campaignId, key: reviewGrantKey(grant), kind: reviewItemKind(grant)!, grantId: grant.grantId, principalType: grant.principalType, principalId: grant.principalId,
              principalName: grant.principalName, personId: grant.personId, resourceType: grant.resourceType, resourceId: grant.resourceId, resourceName: grant.resourceName,
              entitlementSlug: grant.entitlementSlug, entitlementName: grant.entitlement, seenFrom: grant.seenFrom, privileged: grant.privileged,
              confers: confers(grant), riskFlags: flags, context: holders,
            };
          });
          // One JSON parameter per batch rather than a row of bound values per item: building 20 parameters per item was most of a large launch's time.
          const inserted = await queryRows<{ id: string; key: string }>(tx, sql`
            insert into review_items (campaign_id, key, kind, grant_id, principal_type, principal_id, principal_name, person_id, resource_type, resource_id, resource_name,
                                      entitlement_slug, entitlement_name, seen_from, privileged, confers, risk_flags, context)
            select ${campaignId}::uuid, x."key", x."kind", x."grantId", x."principalType", x."principalId", x."principalName", x."personId", x."resourceType", x."resourceId", x."resourceName",
                   x."entitlementSlug", x."entitlementName", x."seenFrom", x."privileged", x."confers", x."riskFlags", x."context"
            from jsonb_to_recordset(${JSON.stringify(slice)}::jsonb) as x("key" text, "kind" text, "grantId" bigint, "principalType" text, "principalId" text, "principalName" text,
              "personId" uuid, "resourceType" text, "resourceId" text, "resourceName" text, "entitlementSlug" text, "entitlementName" text, "seenFrom" timestamptz,
              "privileged" boolean, "confers" jsonb, "riskFlags" jsonb, "context" jsonb)
            returning id, key`);
          const idOf = new Map(inserted.map((r) => [r.key, r.id]));
          ids.push(...slice.map((r) => idOf.get(r.key)!));
        }
        const [launched] = await tx.update(reviewCampaigns).set({
          status: 'active', currentStage: 1, launchedAt: at, snapshotRunId: run.id, snapshotAt: run.startedAt, itemCount: digest.count, digest: digest.sha256,
          reconciliation: population.reconciliation as unknown as Record<string, unknown>,
        }).where(eq(reviewCampaigns.id, campaignId)).returning();
        await writeAssignments(tx, launched!, ids, assignments, 1, at);
        await recordAuditEvent(tx, {
          type: 'review.launched', actor: by.actor, subject: `review_campaign:${campaignId}`,
          data: { campaignId, syncRunId: run.id, syncAt: run.startedAt.toISOString(), itemCount: digest.count, sha256: digest.sha256, reconciled: population.reconciliation.reconciled },
        }, at);
        return launched!;
      });
      return view(row);
    },

    async get(campaignId) {
      return view(await readCampaign(db, campaignId));
    },

    async list(filter = {}) {
      const rows = await db.select().from(reviewCampaigns).where(filter.status ? eq(reviewCampaigns.status, filter.status) : undefined).orderBy(sql`${reviewCampaigns.createdAt} desc`);
      const progress = await progressOf(rows.map((r) => r.id));
      return Promise.all(rows.map((r) => view(r, progress)));
    },

    async myItems(personId, filter = {}, paging = {}) {
      const { campaignId, ...rest } = filter;
      const f = parse(itemFilterSchema, rest);
      return queryItems(db, [
        sql`c.status = 'active'`, sql`a.stage = c.current_stage`,
        ...(campaignId ? [sql`i.campaign_id = ${campaignId}`] : []),
      ], f, parse(pagingSchema, paging), personId);
    },

    async items(campaignId, filter = {}, paging = {}) {
      return queryItems(db, [sql`i.campaign_id = ${campaignId}`], parse(itemFilterSchema, filter), parse(pagingSchema, paging));
    },

    async itemDetail(itemId) {
      const [row] = (await queryItems(db, [sql`i.id = ${itemId}`], {})).rows;
      if (!row) throw new RrcuError(REVIEW_ERRORS.ITEM_NOT_FOUND, `No review item ${itemId}.`, { fix: 'Take item ids from My reviews or the campaign\'s items.' });
      return readItemDetail(db, row);
    },

    async decide(input, by) {
      const parsed = parse(decideInputSchema, input);
      const decider = requirePerson(by);
      const at = new Date();
      const immediate = await db.transaction(async (tx) => {
        const item = await itemRow(tx, parsed.itemId);
        const c = await lockCampaign(tx, item.campaignId);
        requireActive(c);
        const [entry] = await decideAll(tx, c, [parsed.itemId], parsed, decider, by, at);
        if (entry!.decision !== 'revoke' || !remediatesNow(c)) return false;
        await requestRemediations(tx, [parsed.itemId]);
        return true;
      });
      if (immediate) await queueRemediations(sql`r.item_id = ${parsed.itemId}`, by);
      const [row] = (await queryItems(db, [sql`i.id = ${parsed.itemId}`], {})).rows;
      return row!;
    },

    async bulkDecide(input, by) {
      const parsed = parse(bulkDecideInputSchema, input);
      const decider = requirePerson(by);
      const at = new Date();
      const { ids, immediate } = await db.transaction(async (tx) => {
        const c = await lockCampaign(tx, parsed.campaignId);
        requireActive(c);
        // An item whose Revoke is being carried out keeps it (DECISION_REMEDIATED): it is no part of the selection nor of its confirmed count.
        const selection = await queryItems(tx, [sql`i.campaign_id = ${c.id}`, sql`a.stage = c.current_stage`], { ...parsed.filter, remediating: false }, undefined, decider);
        if (selection.rows.length !== parsed.expectedCount) {
          throw new RrcuError(REVIEW_ERRORS.BULK_COUNT_MISMATCH, `The selection holds ${selection.rows.length} items, not the ${parsed.expectedCount} confirmed: it changed since it was shown.`, {
            fix: 'Look at the selection again and confirm its current count.',
          });
        }
        const ids = selection.rows.map((r) => r.id);
        await decideAll(tx, c, ids, parsed, decider, by, at);
        const immediate = parsed.decision === 'revoke' && remediatesNow(c);
        if (immediate) await requestRemediations(tx, ids);
        return { ids, immediate };
      });
      if (immediate && ids.length) await queueRemediations(sql`i.campaign_id = ${parsed.campaignId}`, by);
      return { decided: ids.length };
    },

    async delegate(input, by) {
      const parsed = parse(delegateInputSchema, input);
      const from = requirePerson(by);
      // Before the campaign and remediation checks, which would tell the caller about items that are not theirs.
      const theirs = await queryRows<{ item_id: string }>(db, sql`
        select a.item_id from review_assignments a join review_items i on i.id = a.item_id join review_campaigns c on c.id = i.campaign_id
        where a.current and a.stage = c.current_stage and a.reviewer_person_id = ${from}
          and a.item_id in (${sql.join(parsed.itemIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
      const theirIds = new Set(theirs.map((t) => t.item_id));
      const notTheirs = parsed.itemIds.find((id) => !theirIds.has(id));
      if (notTheirs !== undefined) {
        throw new RrcuError(REVIEW_ERRORS.ITEM_NOT_FOUND, `No review item ${notTheirs} is assigned to you.`, { fix: 'Open My reviews for the items waiting for you; delegate only those.' });
      }
      return { delegated: await handOn(parsed, null, by, (a, item, c) => delegateRule(a, { from, to: parsed.toPersonId, note: parsed.reason }, holdersOfItem(item), planOf(c))) };
    },

    async reassign(campaignId, input, by) {
      const parsed = parse(reassignInputSchema, input);
      return { reassigned: await handOn(parsed, campaignId, by, (a, item, c) => reassignRule(a, { by: by.actor, to: parsed.toPersonId, note: parsed.reason }, holdersOfItem(item), planOf(c))) };
    },

    async escalateOverdue(campaignId, by) {
      const c = await readCampaign(db, campaignId);
      requireActive(c);
      // Items already with the fallback or an administrator (by escalation or at resolution) stay: escalating twice would pass them round the administrators.
      const select = (q: Db) => queryItems(q, [sql`i.campaign_id = ${campaignId}`, sql`a.stage = c.current_stage`, sql`coalesce(a.policy, '') not in ('fallback', 'administrator')`], { decision: 'undecided' });
      const pending = await select(db);
      if (pending.rows.length === 0) return { escalated: 0 };
      // Read again under the campaign lock, which every decision takes: an item decided since the read above stays with its decision.
      const stillPending = async (tx: Db) => new Set((await select(tx)).rows.map((r) => r.id));
      const reason = `Undecided ${optionsOf(c).escalateAfterDays ?? 0} days after the due date`;
      return { escalated: await handOn({ itemIds: pending.rows.map((r) => r.id), reason, stillPending }, campaignId, by, (a, item, c) => escalateRule(a, planOf(c), holdersOfItem(item))) };
    },

    async advanceStage(campaignId, by) {
      const c0 = await readCampaign(db, campaignId);
      requireActive(c0);
      if (c0.currentStage! >= planOf(c0).stages.length) return service.close(campaignId, by);
      const row = await db.transaction(async (tx) => {
        // The kept set is read under the campaign lock, which every decision takes: the stage closes with exactly the decisions in force now, none made meanwhile lost.
        const c = await lockCampaign(tx, campaignId);
        requireActive(c);
        if (c.currentStage !== c0.currentStage) throw new RrcuError(REVIEW_ERRORS.STAGE_CLOSED, `Stage ${c0.currentStage} of ${c.name} closed meanwhile.`, { fix: 'Look at the campaign again.' });
        const next = c.currentStage! + 1;
        const kept = await queryItems(tx, [sql`i.campaign_id = ${campaignId}`, sql`a.stage = ${c.currentStage!}`], { decision: 'keep' });
        const rows = await itemsOf(tx, c, kept.rows.map((r) => r.id));
        const connectorId = scopeOf(c).connectorId;
        const assignments = await assignStage(tx, connectorId, planOf(c), rows.map((i) => ({ grant: grantOfItem(i, connectorId), holders: holdersOfItem(i) })), next);
        const [updated] = await tx.update(reviewCampaigns).set({ currentStage: next }).where(eq(reviewCampaigns.id, campaignId)).returning();
        await writeAssignments(tx, updated!, rows.map((r) => r.id), assignments, next, new Date());
        await recordAuditEvent(tx, { type: 'review.stage_closed', actor: by.actor, subject: `review_campaign:${campaignId}`, data: { campaignId, stage: c.currentStage, next, kept: rows.length } });
        return updated!;
      });
      return view(row);
    },

    async close(campaignId, by) {
      const at = new Date();
      const { row, revoked } = await db.transaction(async (tx) => {
        const c = await lockCampaign(tx, campaignId);
        requireActive(c);
        const [updated] = await tx.update(reviewCampaigns).set({ status: 'closed', closedAt: at, closedBy: by.actor }).where(eq(reviewCampaigns.id, campaignId)).returning();
        const outcome = await queryItems(tx, [sql`i.campaign_id = ${campaignId}`], {});
        const revoked = outcome.rows.filter((r) => r.outcome === 'revoked' && r.remediation === null).map((r) => r.id);
        const notReviewed = outcome.rows.filter((r) => r.outcome === 'not_reviewed').length;
        // In the closing transaction: a crash after the commit leaves them pending for the review tick, never forgotten.
        await requestRemediations(tx, revoked);
        await recordAuditEvent(tx, { type: 'review.closed', actor: by.actor, subject: `review_campaign:${campaignId}`, data: { campaignId, items: outcome.rows.length, revoked: revoked.length, notReviewed } }, at);
        await notifyClosed(tx, updated!, outcome.rows, by.actor, at);
        return { row: updated!, revoked };
      });
      if (revoked.length) await queueRemediations(sql`i.campaign_id = ${campaignId}`, by);
      return view(row);
    },

    async statistics(campaignId) {
      const c = await readCampaign(db, campaignId);
      const assigned = await queryRows<{ item_id: string; stage: number; reviewer_person_id: string | null; assigned_at: Date | string }>(db, sql`
        select a.item_id, a.stage, a.reviewer_person_id, a.assigned_at from review_assignments a join review_items i on i.id = a.item_id
        where i.campaign_id = ${campaignId} and a.current`);
      const byItem = await histories(db, sql`(select id from review_items where campaign_id = ${campaignId})`);
      return campaignStatistics(assigned.map((a) => ({ itemId: a.item_id, stage: Number(a.stage), reviewerPersonId: a.reviewer_person_id, assignedAt: new Date(a.assigned_at) })), byItem, { openStage: c.status === 'active' ? c.currentStage : null });
    },

    async exportRows(campaignId) {
      const c = await readCampaign(db, campaignId);
      const { rows } = await queryItems(db, [sql`i.campaign_id = ${campaignId}`], {});
      const steps = await queryRows<{ item_id: string; from_email: string | null; to_email: string | null; reason: string }>(db, sql`
        select s.item_id, f.email as from_email, t.email as to_email, s.reason from review_reassignments s join review_items i on i.id = s.item_id
        left join people f on f.id = s.from_person_id left join people t on t.id = s.to_person_id where i.campaign_id = ${campaignId} order by s.id`);
      const stepsOf = new Map<string, string[]>();
      for (const s of steps) stepsOf.set(s.item_id, [...(stepsOf.get(s.item_id) ?? []), `${s.from_email ?? '-'} → ${s.to_email ?? '-'} (${s.reason})`]);
      return rows.map((r: ItemView): ExportRow => ({
        campaignId, campaignName: c.name, itemId: r.id, key: r.key, kind: r.kind, principalType: r.principal.type, principalId: r.principal.id, principalName: r.principal.name,
        personEmail: r.person?.email ?? null, resourceType: r.resource.type, resourceId: r.resource.id, resourceName: r.resource.name, entitlement: r.entitlement.name ?? r.entitlement.slug,
        stage: r.stage, reviewerEmail: r.reviewer?.email ?? null, reviewerName: r.reviewer?.displayName ?? null, decision: r.decision, decidedAt: r.decidedAt, comment: r.comment,
        outcome: r.outcome, reassignments: (stepsOf.get(r.id) ?? []).join('; '), remediationState: r.remediation?.state ?? null, remediationTaskId: r.remediation?.taskId ?? null,
        observedSyncRunId: r.remediation?.observedRunId ?? null, observedAt: r.remediation?.observedAt ?? null,
      }));
    },

    async history(campaignId) {
      await readCampaign(db, campaignId);
      const items = sql`select id from review_items where campaign_id = ${campaignId}`;
      return { decisions: await decisionViews(db, items), reassignments: await reassignmentViews(db, items) };
    },

    observeSync: (connectorId, runId, options) => observeRemediations(db, connectorId, runId, options),

    queuePendingRemediations: (by) => queueRemediations(sql`true`, by),
    retryRemediation: (itemId, by) => remediationActions.retry(itemId, by),
    markRemediationDone: (itemId, by) => remediationActions.markDone(itemId, by),
  };

  /**
   * The items of one hand-on, all of one campaign (`campaignId` when the caller names it: the route's), that
   * campaign locked. A call naming items of several campaigns would lock only one of them and let an
   * administrator move items of a campaign they did not mean, so it is refused, naming the items.
   */
  async function handOnItems(tx: Db, itemIds: readonly string[], campaignId: string | null, stillPendingOf?: (tx: Db) => Promise<Set<string>>) {
    const items = await tx.select().from(reviewItems).where(inArray(reviewItems.id, [...itemIds]));
    const missing = itemIds.find((id) => !items.some((i) => i.id === id));
    if (missing !== undefined) await itemRow(tx, missing);
    const campaignIds = [...new Set(items.map((i) => i.campaignId))];
    if (campaignId !== null && campaignIds.some((id) => id !== campaignId)) {
      const c = await readCampaign(tx, campaignId);
      const others = items.filter((i) => i.campaignId !== campaignId).map((i) => i.id);
      throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `itemIds: ${others.join(', ')} ${others.length === 1 ? 'is not an item' : 'are not items'} of campaign ${c.name} (${campaignId}).`, {
        fix: `Give only items of campaign ${campaignId}; reassign another campaign's items through that campaign.`,
        fields: ['itemIds'],
      });
    }
    if (campaignIds.length > 1) {
      throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `itemIds: the items belong to ${campaignIds.length} campaigns (${campaignIds.join(', ')}); hand on the items of one campaign at a time.`, {
        fix: 'Split the items by campaign and hand each campaign\'s items on in their own call.',
        fields: ['itemIds'],
      });
    }
    const c = await lockCampaign(tx, campaignIds[0]!);
    requireActive(c);
    // Escalation re-reads what is still undecided under the lock and skips the rest, a Revoke carried out meanwhile among them; an explicit hand-on is refused below.
    const stillPending = await stillPendingOf?.(tx);
    const asked = stillPending ? itemIds.filter((id) => stillPending.has(id)) : [...itemIds];
    // A Revoke being carried out (remediate immediately) is final: handing it on would reopen an item whose access is going.
    const remediating = asked.length === 0 ? [] : await tx.select({ itemId: reviewRemediations.itemId }).from(reviewRemediations).where(inArray(reviewRemediations.itemId, asked));
    if (remediating.length > 0) {
      throw new RrcuError(REVIEW_ERRORS.DECISION_REMEDIATED, `itemIds: ${remediating.map((r) => r.itemId).join(', ')} ${remediating.length === 1 ? 'was' : 'were'} revoked and ${remediating.length === 1 ? 'its' : 'their'} remediation is under way: the decision stands, so the item is no one else's to decide.`, {
        fix: 'Leave these items out; if the access should stay, ask for it again once the revoke has run.',
      });
    }
    return { c, items: new Map(items.map((i) => [i.id, i])), stillPending };
  }

  /**
   * Delegation, reassignment and escalation: the core rule on each item's current assignment, then the old
   * row ended and the new one written. Decisions belong to the assignment they were made under, so the new
   * reviewer finds the item undecided; the decision set aside stays in the history and the audit event names it.
   */
  async function handOn(
    /** `stillPending`: read once the campaign is locked; an item not in it is left where it is. */
    input: { itemIds: string[]; reason: string; stillPending?: (tx: Db) => Promise<Set<string>> },
    campaignId: string | null,
    by: ReviewActor,
    rule: (a: StageAssignment, item: typeof reviewItems.$inferSelect, c: CampaignRow) => StageAssignment,
  ): Promise<number> {
    const at = new Date();
    const itemIds = [...new Set(input.itemIds)];
    return db.transaction(async (tx) => {
      const { c, items, stillPending } = await handOnItems(tx, itemIds, campaignId, input.stillPending);
      let n = 0;
      const handedTo = new Map<string, number>();
      const escalations: { from: string | null; to: string | null }[] = [];
      for (const itemId of itemIds) {
        if (stillPending && !stillPending.has(itemId)) continue;
        const current = await currentAssignment(tx, itemId, c.currentStage!);
        const next = rule(current, items.get(itemId)!, c);
        // Escalation may find nobody else eligible: the item stays where it is.
        if (next.reassignments.length === current.reassignments.length) continue;
        const step = next.reassignments.at(-1)!;
        const [setAside] = await tx.select({ decision: reviewDecisions.decision }).from(reviewDecisions).where(eq(reviewDecisions.assignmentId, current.id)).orderBy(sql`${reviewDecisions.id} desc`).limit(1);
        await tx.update(reviewAssignments).set({ current: false }).where(eq(reviewAssignments.id, current.id));
        await tx.insert(reviewAssignments).values({ itemId, stage: current.stage, reviewerPersonId: next.reviewerPersonId, policy: next.policy, assignedAt: at });
        await tx.insert(reviewReassignments).values({ itemId, stage: current.stage, fromPersonId: step.from, toPersonId: step.to, reason: step.reason, note: step.note ?? null, by: by.actor, at });
        await recordAuditEvent(tx, {
          type: `review.${step.reason}`, actor: by.actor, subject: `review_item:${itemId}`,
          data: { campaignId: c.id, itemId, stage: current.stage, from: step.from, to: step.to, note: step.note ?? null, decisionSetAside: setAside?.decision ?? null },
        }, at);
        if (step.reason === 'escalated') escalations.push({ from: step.from, to: next.reviewerPersonId });
        else if (next.reviewerPersonId) handedTo.set(next.reviewerPersonId, (handedTo.get(next.reviewerPersonId) ?? 0) + 1);
        n++;
      }
      if (escalations.length) await notifyEscalated(tx, c, escalations, input.reason, by.actor, at);
      for (const [personId, count] of handedTo) {
        await notify(tx, {
          kind: 'review.assigned', recipient: { personId }, title: `${count} access review item${count === 1 ? '' : 's'} handed to you: ${c.name}`,
          body: input.reason.slice(0, 2000), link: `/reviews/mine?campaign=${c.id}`, payload: { campaignId: c.id, items: count },
          dedupeKey: `review.handed:${c.id}:${personId}:${at.getTime()}`,
        }, at);
      }
      return n;
    });
  }

  return service;
}
