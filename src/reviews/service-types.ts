import { z } from 'zod';
import { REVIEW_DECISIONS, type ItemOutcome, type ReviewDecision } from './core/decisions.ts';
import { REMEDIATION_STATES, type RemediationState } from './core/remediation.ts';
import { REASSIGNMENT_REASONS, reviewerPlanSchema, type PolicyUsed, type ReassignmentReason } from './core/reviewers.ts';
import { campaignScopeSchema, REVIEW_ITEM_KINDS, type CampaignScope, type ReviewItemKind } from './core/scope.ts';
import type { Reconciliation } from './core/population.ts';
import { cronProblem } from './core/recurrence.ts';
import type { CampaignStatistics } from './core/statistics.ts';

/**
 * The reviews service's surface (`createReviewService` in service.ts): its inputs as zod schemas (the API
 * and the CLI validate with them) and its answers as types. The API, CLI and web build on these.
 */

export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Who acts: the person they are (reviewers are people) and how the audit log names them (`user:<id>`, `cli:<os user>`, `system`). */
export type ReviewActor = { actor: string; personId: string | null };

const text = (what: string, max: number) => z.string().trim().min(1, `${what} is empty`).max(max, `${what} is longer than ${max} characters`);
const reason = text('reason', 2000);

export const campaignOptionsSchema = z.object({
  requireCommentOnKeep: z.boolean().default(false),
  /** A Revoke becomes a provisioning task when decided, not at close (one-stage campaigns only); the decision is then locked. */
  remediateImmediately: z.boolean().default(false),
  /** The oldest the connector's last committed sync may be at launch (seconds); default 24 h. */
  maxSyncAgeSeconds: z.number().int().min(60).max(30 * 24 * 3600).default(24 * 3600),
  /** Reminders to reviewers with pending items (reviews/jobs.ts), days before the due date (UTC days); empty for none. */
  reminderDaysBeforeDue: z.array(z.number().int().min(1).max(90)).max(10).default([3]),
  /** A reminder on every UTC day after the due date while items are pending. */
  remindDailyAfterDue: z.boolean().default(true),
  /** Days past due after which undecided items go to the fallback reviewer ('escalated'); null never escalates. */
  escalateAfterDays: z.number().int().min(0).max(365).nullable().default(2),
  /**
   * When the campaign closes by itself (the jobs close it as an administrator would). Distinct from the due
   * date, which only drives reminders and escalation: past due, reviewers may still decide until the end.
   */
  endsAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** How far back the granter rule looks for RRCU tasks that gave a grant when no earlier campaign of this scope launched. */
  granterLookbackDays: z.number().int().min(1).max(3650).default(90),
  /** Set on a campaign a recurring one launched: the template and the scheduled instant it stands for. */
  recurrenceOf: z.uuid().nullable().default(null),
  recurrenceAt: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type CampaignOptions = z.infer<typeof campaignOptionsSchema>;

export const createCampaignInputSchema = z.object({
  name: text('name', 200),
  description: z.string().trim().max(4000, 'description is longer than 4000 characters').default(''),
  scope: campaignScopeSchema,
  /** `excludeGranters` in the plan is the granter rule. */
  reviewerPlan: reviewerPlanSchema,
  options: campaignOptionsSchema.prefault({}),
  // Bounded to years the database's timestamps hold, so an absurd date is a 400 naming dueAt rather than a failed insert.
  dueAt: z.coerce.date().min(new Date('1970-01-01T00:00:00Z'), 'dueAt is before 1970').max(new Date('9999-12-31T00:00:00Z'), 'dueAt is after 9999').nullable().default(null),
  /** A cron expression in UTC for a recurring campaign (the jobs launch a copy); null for a one-off. Checked here, so a bad one is a 400 and never a schedule the jobs cannot read. */
  recurrenceCron: z.string().trim().max(200).superRefine((v, ctx) => {
    const problem = cronProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }).nullable().default(null),
}).superRefine((c, ctx) => {
  // A Revoke carried out at once cannot wait for a later stage to agree, nor be taken back: only a one-stage campaign remediates at decision time.
  if (c.options.remediateImmediately && c.reviewerPlan.stages.length > 1) {
    ctx.addIssue({ code: 'custom', path: ['options', 'remediateImmediately'], message: `is only for a campaign of one stage (this one has ${c.reviewerPlan.stages.length}): a later stage could still keep what was revoked` });
  }
});
export type CreateCampaignInput = z.input<typeof createCampaignInputSchema>;

export const itemFilterSchema = z.object({
  kind: z.enum(REVIEW_ITEM_KINDS).optional(),
  stage: z.number().int().min(1).optional(),
  /** Only items whose current decision (in their open stage) is this; `undecided` for none yet. */
  decision: z.enum([...REVIEW_DECISIONS, 'undecided']).optional(),
  outcome: z.enum(['pending', 'kept', 'revoked', 'not_reviewed']).optional(),
  reviewerPersonId: z.uuid().optional(),
  principalId: z.string().max(2048).optional(),
  resourceId: z.string().max(2048).optional(),
  /** Substring of principal, resource or entitlement names (case-insensitive). */
  search: z.string().trim().max(200).optional(),
  privileged: z.boolean().optional(),
  /** Only items whose Revoke is (true) or is not (false) being carried out: the former's decision no longer changes. */
  remediating: z.boolean().optional(),
});
export type ItemFilter = z.infer<typeof itemFilterSchema>;

export const pagingSchema = z.object({ limit: z.number().int().min(1).max(1000).default(50), offset: z.number().int().min(0).default(0) });
export type Paging = z.input<typeof pagingSchema>;
export type Page<T> = { rows: T[]; total: number };

export const decideInputSchema = z.object({
  itemId: z.uuid('itemId is a review item id (UUID)'),
  decision: z.enum(REVIEW_DECISIONS),
  comment: z.string().trim().max(4000, 'comment is longer than 4000 characters').optional(),
});
export type DecideInput = z.infer<typeof decideInputSchema>;

/** A decision on every item of the caller's (or, for `campaignId`, the campaign's open stage) matching `filter`; refused unless exactly `expectedCount` match. */
export const bulkDecideInputSchema = z.object({
  campaignId: z.uuid(),
  filter: itemFilterSchema.default({}),
  decision: z.enum(REVIEW_DECISIONS),
  comment: z.string().trim().max(4000).optional(),
  expectedCount: z.number().int().min(1).max(100_000),
});
export type BulkDecideInput = z.input<typeof bulkDecideInputSchema>;

export const delegateInputSchema = z.object({ itemIds: z.array(z.uuid()).min(1).max(10_000), toPersonId: z.uuid('toPersonId is a person id (UUID)'), reason });
export type DelegateInput = z.infer<typeof delegateInputSchema>;
export const reassignInputSchema = delegateInputSchema;
export type ReassignInput = DelegateInput;

export type PersonRef = { id: string; displayName: string; email: string | null };

export type ReconciliationSummary = Reconciliation;

export type CampaignView = {
  id: string;
  name: string;
  description: string;
  connectorId: string;
  connectorName: string | null;
  scope: CampaignScope;
  reviewerPlan: z.infer<typeof reviewerPlanSchema>;
  options: CampaignOptions;
  status: CampaignStatus;
  /** The open stage (1-based) while active; null in draft and when closed. */
  currentStage: number | null;
  stageCount: number;
  dueAt: string | null;
  recurrenceCron: string | null;
  createdBy: string;
  createdAt: string;
  launchedAt: string | null;
  closedAt: string | null;
  /** The completeness proof: "N items from sync #R at T; reconciled: yes". Null before launch. */
  snapshot: { syncRunId: number; syncAt: string; itemCount: number; sha256: string; reconciliation: ReconciliationSummary } | null;
  progress: { items: number; decided: number; pending: number; kept: number; revoked: number; notReviewed: number; remediated: number; unremediated: number };
};

export type ReassignmentView = { stage: number; from: PersonRef | null; to: PersonRef | null; reason: ReassignmentReason; policy: PolicyUsed | null; note: string | null; by: string | null; at: string };
export type DecisionView = { stage: number; decision: ReviewDecision; comment: string | null; by: PersonRef; at: string };
export type RemediationView = {
  state: RemediationState;
  taskId: string | null;
  taskStatus: string | null;
  /** The AWS request id of the task's change, for asynchronous operations (an account assignment's deletion); null otherwise. */
  awsRequestId: string | null;
  manual: boolean;
  /** A manual removal an administrator said is done: when, who (the actor), and that actor's name when a user; null until then. */
  manualMarkedAt: string | null;
  manualMarkedBy: string | null;
  manualMarkedByName: string | null;
  observedRunId: number | null;
  observedAt: string | null;
  reappearedRunId: number | null;
  /** Why it is not remediated when its task failed (`task_failed`): the task's error. */
  reason: string | null;
  /** When the revoke was decided (its age for the unremediated list). */
  since: string;
};

export type ItemView = {
  id: string;
  campaignId: string;
  /** The campaign's name: My reviews lists items of several campaigns at once. */
  campaignName: string;
  key: string;
  kind: ReviewItemKind;
  principal: { type: string; id: string; name: string | null };
  person: PersonRef | null;
  resource: { type: string; id: string; name: string | null };
  entitlement: { slug: string; name: string | null };
  privileged: boolean | null;
  /** What the grant confers: a membership's accounts/permission sets through the group; a group assignment's member count. */
  confers: { accounts?: { accountId: string; accountName: string | null; permissionSet: string | null }[]; memberCount?: number };
  riskFlags: RiskFlag[];
  /** The stage the item is in now and who reviews it there; null reviewer when nobody is eligible. */
  stage: number;
  reviewer: PersonRef | null;
  policy: PolicyUsed | null;
  noEligibleReviewer: boolean;
  /** The decision in force in `stage`. */
  decision: ReviewDecision | null;
  comment: string | null;
  decidedAt: string | null;
  outcome: 'pending' | 'kept' | 'revoked' | 'not_reviewed';
  remediation: RemediationView | null;
};

export const RISK_FLAGS = ['privileged', 'inactive', 'no_matching_person', 'granted_since_last_campaign'] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

/** What a reviewer sees beside one item. */
export type ItemDetail = ItemView & {
  context: {
    how: { direct: true; via: null };
    firstSeen: string;
    grantedBy: { taskId: string; actor: string; actorName: string | null; reason: string | null; at: string } | null;
    person: { status: string | null; department: string | null; title: string | null; manager: PersonRef | null } | null;
    /** Synced IAM user credential facts (MFA, password and access-key last use), as the sync stored them. */
    credentials: Record<string, unknown> | null;
    /** The last closed campaign on the same connector that reviewed this grant: the decision in force at its last stage, and its final outcome. */
    previousCampaign: { campaignId: string; campaignName: string; decision: ReviewDecision | null; outcome: ItemOutcome; closedAt: string | null } | null;
  };
  decisions: DecisionView[];
  reassignments: ReassignmentView[];
};

export type PreviewView = {
  syncRunId: number | null;
  itemCount: number;
  byKind: Partial<Record<ReviewItemKind, number>>;
  byReviewer: { reviewer: PersonRef | null; items: number }[];
  selfReviewReassignments: number;
  noEligibleReviewer: number;
};

export type CampaignHistory = { decisions: (DecisionView & { itemId: string; inForce: boolean })[]; reassignments: (ReassignmentView & { itemId: string })[] };

/** One line of the CSV/JSON export: every item with what became of it. */
export type ExportRow = {
  campaignId: string;
  campaignName: string;
  itemId: string;
  key: string;
  kind: ReviewItemKind;
  principalType: string;
  principalId: string;
  principalName: string | null;
  personEmail: string | null;
  resourceType: string;
  resourceId: string;
  resourceName: string | null;
  entitlement: string | null;
  stage: number;
  reviewerEmail: string | null;
  reviewerName: string | null;
  decision: ReviewDecision | null;
  decidedAt: string | null;
  comment: string | null;
  outcome: string;
  /** `from → to (reason)` per step, in order. */
  reassignments: string;
  remediationState: RemediationState | null;
  remediationTaskId: string | null;
  observedSyncRunId: number | null;
  observedAt: string | null;
};

export const REMEDIATION_STATE_VALUES = REMEDIATION_STATES;
export const REASSIGNMENT_REASON_VALUES = REASSIGNMENT_REASONS;

/** Where a remediation stands after an administrator's retry or mark. */
export type RemediationActionResult = { itemId: string; state: string; taskId: string | null; manualMarkedAt: string | null; manualMarkedBy: string | null };

/** What one pass over pending revokes did: tasks asked for, manual removals, and the items that failed (still pending). */
export type QueuedRemediations = { queued: number; manual: number; failed: { itemId: string; message: string }[] };

/** The service as the API, CLI and jobs call it. Every state change writes its audit event in its transaction. */
export type ReviewService = {
  create(input: CreateCampaignInput, by: ReviewActor): Promise<CampaignView>;
  preview(input: CreateCampaignInput | { campaignId: string }): Promise<PreviewView>;
  launch(campaignId: string, by: ReviewActor, at?: Date): Promise<CampaignView>;
  get(campaignId: string): Promise<CampaignView>;
  list(filter?: { status?: CampaignStatus }): Promise<CampaignView[]>;
  myItems(personId: string, filter?: ItemFilter & { campaignId?: string }, paging?: Paging): Promise<Page<ItemView>>;
  items(campaignId: string, filter?: ItemFilter, paging?: Paging): Promise<Page<ItemView>>;
  itemDetail(itemId: string): Promise<ItemDetail>;
  decide(input: DecideInput, by: ReviewActor): Promise<ItemView>;
  bulkDecide(input: BulkDecideInput, by: ReviewActor): Promise<{ decided: number }>;
  /**
   * Hand-ons take the items of one campaign (else a 400 naming itemIds), and leave each undecided for the
   * new reviewer: a decision made before is history, no longer in force. An item whose Revoke is being
   * carried out is not handed on.
   */
  delegate(input: DelegateInput, by: ReviewActor): Promise<{ delegated: number }>;
  /** As `delegate`, by a campaign administrator; refused (400 naming itemIds) when an item is not of `campaignId`. */
  reassign(campaignId: string, input: ReassignInput, by: ReviewActor): Promise<{ reassigned: number }>;
  /** Hands the open stage's undecided items to the fallback reviewer (or an administrator), each step recorded as 'escalated' (the jobs call it past due). */
  escalateOverdue(campaignId: string, by: ReviewActor): Promise<{ escalated: number }>;
  /** Closes the open stage: the next stage opens for the items kept, or the campaign closes after the last. */
  advanceStage(campaignId: string, by: ReviewActor): Promise<CampaignView>;
  close(campaignId: string, by: ReviewActor): Promise<CampaignView>;
  statistics(campaignId: string): Promise<CampaignStatistics>;
  exportRows(campaignId: string): Promise<ExportRow[]>;
  /** Every decision (in force or not) and every step away from a reviewer of the campaign's items, in the order they happened. */
  history(campaignId: string): Promise<CampaignHistory>;
  /** Called by the sync runner after a run commits: revokes whose grant the run no longer sees (remediated), or sees again (reappeared). */
  observeSync(connectorId: string, runId: number, options?: { missedOnly?: boolean }): Promise<{ remediated: number; reappeared: number }>;
  /**
   * Asks provisioning for the task of each Revoke still `pending` (written at close or decision time, its
   * task not yet asked for: a crash in between). The review tick calls it; asking twice gives one task.
   */
  queuePendingRemediations(by: ReviewActor): Promise<QueuedRemediations>;
  /** An administrator asks again for a revoke whose task failed: a new task, the row back to task_queued (remediation-actions.ts). */
  retryRemediation(itemId: string, by: ReviewActor): Promise<RemediationActionResult>;
  /** An administrator says a manual removal is done; the next sync started after it that no longer sees the grant proves it. */
  markRemediationDone(itemId: string, by: ReviewActor): Promise<RemediationActionResult>;
};
