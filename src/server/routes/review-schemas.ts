import { z } from 'zod';
import {
  CAMPAIGN_STATUSES, campaignOptionsSchema, REASSIGNMENT_REASON_VALUES, REMEDIATION_STATE_VALUES, REVIEW_DECISIONS, REVIEW_ITEM_KINDS, RISK_FLAGS,
} from '../../reviews/index.ts';

/**
 * The answers of the reviews API as zod schemas, for the OpenAPI document and the web's generated types.
 * The service's answers are TypeScript types (`reviews/service-types.ts`); each handler returns them
 * through these schemas, so the compiler refuses a schema that drifts from the type it publishes.
 * Scope and reviewer plan are answered as given (their input schemas trim and transform, which a
 * response schema cannot publish), hence the loose records there.
 */
const personRef = z.object({ id: z.string(), displayName: z.string(), email: z.string().nullable() });
/** A person as the answers name one: also all a reviewer learns of the people they may hand items to. */
export const personRefSchema = personRef;
const policyUsed = z.enum(['manager', 'owner', 'named', 'fallback', 'administrator']);
const decision = z.enum(REVIEW_DECISIONS);
const outcome = z.enum(['pending', 'kept', 'revoked', 'not_reviewed']);

const reconciliationSchema = z.object({
  reconciled: z.boolean(),
  rows: z.array(z.object({
    type: z.enum([...REVIEW_ITEM_KINDS, 'not_reviewable']),
    inSync: z.number(),
    inCampaign: z.number(),
    excludedByScope: z.number(),
    excluded: z.record(z.string(), z.number()).describe('Grants left out, by the scope filter (or `notReviewable`) that left them out'),
    unexplained: z.number(),
  })),
  indirect: z.number(),
  syncGrantTotal: z.number().nullable(),
  populationTotal: z.number(),
  unexpectedItems: z.array(z.string()),
  missingItems: z.array(z.string()),
});

export const campaignViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  connectorId: z.string(),
  connectorName: z.string().nullable(),
  scope: z.object({ connectorId: z.string() }).catchall(z.unknown()).describe('The scope as created (filters in docs/access-reviews.md)'),
  reviewerPlan: z.object({ fallbackPersonId: z.string() }).catchall(z.unknown()).describe('The reviewer plan as created: stages of policies, fallback, administrators'),
  options: campaignOptionsSchema.required(),
  status: z.enum(CAMPAIGN_STATUSES),
  currentStage: z.number().nullable().describe('The open stage (1-based) while active'),
  stageCount: z.number(),
  dueAt: z.string().nullable(),
  recurrenceCron: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  launchedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  snapshot: z.object({ syncRunId: z.number(), syncAt: z.string(), itemCount: z.number(), sha256: z.string(), reconciliation: reconciliationSchema }).nullable()
    .describe('The completeness proof: N items from sync #R at T, reconciled or not. Null before launch'),
  progress: z.object({
    items: z.number(), decided: z.number(), pending: z.number(), kept: z.number(), revoked: z.number(), notReviewed: z.number(), remediated: z.number(), unremediated: z.number(),
  }),
});

const remediationSchema = z.object({
  state: z.enum(REMEDIATION_STATE_VALUES),
  taskId: z.string().nullable(),
  taskStatus: z.string().nullable(),
  awsRequestId: z.string().nullable().describe("The AWS request id the task saved for its change, where AWS gives one (an account assignment's deletion); as the campaign's evidence report shows it"),
  manual: z.boolean(),
  manualMarkedAt: z.string().nullable().describe('When an administrator said the manual removal is done (a sync that started after it proves it)'),
  manualMarkedBy: z.string().nullable().describe('Who said so (user:<id>, token:<id>, cli:<os user>)'),
  manualMarkedByName: z.string().nullable().describe("That user's name, when a user"),
  observedRunId: z.number().nullable(),
  observedAt: z.string().nullable(),
  reappearedRunId: z.number().nullable(),
  reason: z.string().nullable().describe("Why the revoke is not remediated when its task failed (state task_failed): the task's error"),
  since: z.string(),
});

export const itemViewSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string().describe('The campaign the item belongs to (My reviews lists items across campaigns)'),
  key: z.string(),
  kind: z.enum(REVIEW_ITEM_KINDS),
  principal: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }),
  person: personRef.nullable(),
  resource: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }),
  entitlement: z.object({ slug: z.string(), name: z.string().nullable() }),
  privileged: z.boolean().nullable(),
  confers: z.object({
    accounts: z.array(z.object({ accountId: z.string(), accountName: z.string().nullable(), permissionSet: z.string().nullable() })).optional(),
    memberCount: z.number().optional(),
  }).describe("What the grant brings: a membership's accounts and permission sets through the group; a group assignment's member count"),
  riskFlags: z.array(z.enum(RISK_FLAGS)),
  stage: z.number(),
  reviewer: personRef.nullable(),
  policy: policyUsed.nullable(),
  noEligibleReviewer: z.boolean(),
  decision: decision.nullable(),
  comment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  outcome,
  remediation: remediationSchema.nullable(),
});

export const itemDetailSchema = itemViewSchema.extend({
  context: z.object({
    how: z.object({ direct: z.literal(true), via: z.null() }),
    firstSeen: z.string(),
    grantedBy: z.object({ taskId: z.string(), actor: z.string(), actorName: z.string().nullable(), reason: z.string().nullable(), at: z.string() }).nullable(),
    person: z.object({ status: z.string().nullable(), department: z.string().nullable(), title: z.string().nullable(), manager: personRef.nullable() }).nullable(),
    credentials: z.record(z.string(), z.unknown()).nullable(),
    previousCampaign: z.object({ campaignId: z.string(), campaignName: z.string(), decision: decision.nullable(), outcome, closedAt: z.string().nullable() }).nullable(),
  }),
  decisions: z.array(z.object({ stage: z.number(), decision, comment: z.string().nullable(), by: personRef, at: z.string() })),
  reassignments: z.array(z.object({
    stage: z.number(),
    from: personRef.nullable(),
    to: personRef.nullable(),
    reason: z.enum(REASSIGNMENT_REASON_VALUES),
    policy: policyUsed.nullable(),
    note: z.string().nullable(),
    by: z.string().nullable(),
    at: z.string(),
  })),
});

export const itemPageSchema = z.object({ total: z.number().describe('Items matching the filters, for paging'), items: z.array(itemViewSchema) });

export const previewSchema = z.object({
  syncRunId: z.number().nullable(),
  itemCount: z.number(),
  byKind: z.partialRecord(z.enum(REVIEW_ITEM_KINDS), z.number()),
  byReviewer: z.array(z.object({ reviewer: personRef.nullable(), items: z.number() })),
  selfReviewReassignments: z.number(),
  noEligibleReviewer: z.number(),
});

export const statisticsSchema = z.object({
  items: z.number(),
  decided: z.number(),
  pending: z.number().describe('Undecided item-stages of the stage open now'),
  notReviewed: z.number().describe('Undecided item-stages of a closed stage or a closed campaign'),
  unassigned: z.number().describe('Item-stages nobody is eligible to review'),
  medianSecondsPerDecision: z.number().nullable(),
  reviewers: z.array(z.object({
    reviewerPersonId: z.string(),
    items: z.number(),
    decided: z.number(),
    pending: z.number(),
    notReviewed: z.number(),
    kept: z.number(),
    revoked: z.number(),
    medianSecondsPerDecision: z.number().nullable(),
    rubberStamp: z.boolean().describe('Every decision Keep, many of them, each within seconds: shown, never blocking'),
  })),
});
