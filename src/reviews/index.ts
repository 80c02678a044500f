/**
 * The reviews capability's surface. For now its pure core (`core/`): what a campaign reviews (scope),
 * the completeness proof of its population, who reviews each item, decisions and their outcome,
 * statistics and the state of each revoke's remediation. The service, queries and jobs come on top.
 * The rules are stated in docs/access-reviews.md.
 */
export { REVIEW_ERRORS } from './errors.ts';
export {
  accountOf, campaignScopeSchema, excludedBy, inScope, isReviewable, peopleScopeSchema, REVIEW_ITEM_KINDS, reviewGrantKey, reviewItemKind,
  SCOPE_FILTERS, SCOPE_PRINCIPAL_TYPES, toReviewableGrant, TRUST_SLUG,
  type CampaignScope, type PeopleScope, type ReviewableGrant, type ReviewItemKind, type ScopeContext, type ScopeFilter, type ScopePrincipalType,
} from './core/scope.ts';
export {
  canonicalItem, canonicalItemList, populationDigest, reconcilePopulation,
  type CanonicalItem, type Exclusion, type Reconciliation, type ReconciliationRow,
} from './core/population.ts';
export {
  delegate, escalate, ownerResources, REASSIGNMENT_REASONS, reassign, resolveReviewers, REVIEWER_GROUPS, reviewerPlanSchema, reviewerPolicySchema,
  type PolicyUsed, type Reassignment, type ReassignmentReason, type ResolvedReviewerPlan, type ResolvedReviewerPolicy, type ResourceOwner, type ReviewerFacts,
  type ReviewerGroup, type ReviewerPlan, type ReviewerPolicy, type StageAssignment,
} from './core/reviewers.ts';
export {
  currentDecision, decide, decisionInputSchema, decisionsInForce, ITEM_OUTCOMES, itemOutcome, reachesStage, REVIEW_DECISIONS,
  type DecisionEntry, type DecisionInput, type HandOnEntry, type ReviewHistoryEntry, type ItemOutcome, type ReviewDecision, type StageState,
} from './core/decisions.ts';
export {
  campaignStatistics, decisionSeconds, median, RUBBER_STAMP_MEDIAN_SECONDS, RUBBER_STAMP_MIN_DECISIONS,
  type AssignedItem, type CampaignStatistics, type ReviewerStatistics,
} from './core/statistics.ts';
export {
  REMEDIATION_STATES, remediationStatus,
  type RemediationInputs, type RemediationState, type RemediationStatus, type RemediationTask, type RunRef, type SyncObservation,
} from './core/remediation.ts';
export * from './service-types.ts';
export { createReviewService, type ReviewServiceDeps } from './service.ts';
export { observeRemediations } from './observe-remediations.ts';
export { isReminderDay, REVIEW_QUEUE_SPECS, REVIEW_QUEUES, REVIEW_TICK_CRON, runReviewTick, startReviewJobs, type ReviewJobDeps, type TickSummary } from './jobs.ts';
export { itemQuerySchema, toItemFilter } from './item-query.ts';
export { exportRowSchema, reviewExportCsv } from './export-rows.ts';
export { createReviewReads, type ReviewReads } from './reads.ts';
export { lastDecisionsOn, lastDecisionsOnItems, type LastDecision } from './history.ts';
