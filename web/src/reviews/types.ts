/**
 * The reviews API's shapes (src/server/routes/reviews.ts, src/reviews/service-types.ts). Written out here until
 * the review routes' regenerated api-types.gen.ts is committed; then each becomes `ApiAnswer<'…'>` /
 * `ApiBody<'…'>`, like ../types.ts, and a change of the server's shape shows here as a type error.
 */

export const REVIEW_ITEM_KINDS = ['sso_group_membership', 'permission_set_assignment', 'iam_group_membership', 'role_trust'] as const;
export type ReviewItemKind = (typeof REVIEW_ITEM_KINDS)[number];
export const SCOPE_RESOURCE_TYPES = ['account', 'sso_group', 'iam_group', 'iam_role'] as const;
export const SCOPE_PRINCIPAL_TYPES = ['iam_user', 'sso_user', 'sso_group', 'iam_role'] as const;
export type ReviewDecision = 'keep' | 'revoke';
export type ItemOutcome = 'pending' | 'kept' | 'revoked' | 'not_reviewed';
export type CampaignStatus = 'draft' | 'active' | 'closed';
export type RiskFlag = 'privileged' | 'inactive' | 'no_matching_person' | 'granted_since_last_campaign';
export type PolicyUsed = 'manager' | 'owner' | 'named' | 'fallback' | 'administrator';
export type RemediationState = 'pending' | 'task_queued' | 'manual' | 'remediated' | 'reappeared';

export type PeopleScope = { mode: 'all' } | { mode: 'named'; personIds: string[] } | { mode: 'unmatched' } | { mode: 'inactive' };

export type CampaignScope = {
  connectorId: string;
  resourceTypes?: (typeof SCOPE_RESOURCE_TYPES)[number][];
  accountIds?: string[];
  ouPaths?: string[];
  permissionSetArns?: string[];
  groupIds?: string[];
  principalTypes?: (typeof SCOPE_PRINCIPAL_TYPES)[number][];
  privilegedOnly?: boolean;
  people?: PeopleScope;
};

export type ReviewerPolicy = { kind: 'manager' } | { kind: 'owner' } | { kind: 'named'; personIds?: string[]; rrcuGroup?: string };

export type ReviewerPlan = {
  stages: { policies: ReviewerPolicy[] }[];
  fallbackPersonId: string;
  administratorPersonIds?: string[];
  excludeGranters?: boolean;
};

export type CampaignOptions = { requireCommentOnKeep: boolean; remediateImmediately: boolean; maxSyncAgeSeconds: number };

export type CreateCampaignInput = {
  name: string;
  description?: string;
  scope: CampaignScope;
  reviewerPlan: ReviewerPlan;
  options?: CampaignOptions;
  dueAt?: string | null;
  recurrenceCron?: string | null;
};

export type ItemFilter = {
  kind?: ReviewItemKind;
  stage?: number;
  decision?: ReviewDecision | 'undecided';
  outcome?: ItemOutcome;
  reviewerPersonId?: string;
  principalId?: string;
  resourceId?: string;
  search?: string;
  privileged?: boolean;
};

export type PersonRef = { id: string; displayName: string; email: string | null };

export type ReconciliationRow = {
  type: ReviewItemKind | 'not_reviewable';
  inSync: number;
  inCampaign: number;
  excludedByScope: number;
  excluded: Partial<Record<string, number>>;
  unexplained: number;
};

export type Reconciliation = {
  reconciled: boolean;
  rows: ReconciliationRow[];
  indirect: number;
  syncGrantTotal: number | null;
  populationTotal: number;
  unexpectedItems: string[];
  missingItems: string[];
};

export type CampaignView = {
  id: string;
  name: string;
  description: string;
  connectorId: string;
  connectorName: string | null;
  scope: CampaignScope;
  reviewerPlan: ReviewerPlan;
  options: CampaignOptions;
  status: CampaignStatus;
  currentStage: number | null;
  stageCount: number;
  dueAt: string | null;
  recurrenceCron: string | null;
  createdBy: string;
  createdAt: string;
  launchedAt: string | null;
  closedAt: string | null;
  snapshot: { syncRunId: number; syncAt: string; itemCount: number; sha256: string; reconciliation: Reconciliation } | null;
  progress: { items: number; decided: number; pending: number; kept: number; revoked: number; notReviewed: number; remediated: number; unremediated: number };
};

export type RemediationView = {
  state: RemediationState;
  taskId: string | null;
  taskStatus: string | null;
  manual: boolean;
  observedRunId: number | null;
  observedAt: string | null;
  reappearedRunId: number | null;
  since: string;
};

export type ItemView = {
  id: string;
  campaignId: string;
  key: string;
  kind: ReviewItemKind;
  principal: { type: string; id: string; name: string | null };
  person: PersonRef | null;
  resource: { type: string; id: string; name: string | null };
  entitlement: { slug: string; name: string | null };
  privileged: boolean | null;
  confers: { accounts?: { accountId: string; accountName: string | null; permissionSet: string | null }[]; memberCount?: number };
  riskFlags: RiskFlag[];
  stage: number;
  reviewer: PersonRef | null;
  policy: PolicyUsed | null;
  noEligibleReviewer: boolean;
  decision: ReviewDecision | null;
  comment: string | null;
  decidedAt: string | null;
  outcome: ItemOutcome;
  remediation: RemediationView | null;
};

export type ReassignmentView = { stage: number; from: PersonRef | null; to: PersonRef | null; reason: string; policy: PolicyUsed | null; note: string | null; by: string | null; at: string };
export type DecisionView = { stage: number; decision: ReviewDecision; comment: string | null; by: PersonRef; at: string };

export type ItemDetail = ItemView & {
  context: {
    how: { direct: true; via: null };
    firstSeen: string;
    grantedBy: { taskId: string; actor: string; actorName: string | null; reason: string | null; at: string } | null;
    person: { status: string | null; department: string | null; title: string | null; manager: PersonRef | null } | null;
    credentials: Record<string, unknown> | null;
    previousCampaign: { campaignId: string; campaignName: string; decision: ReviewDecision | null; outcome: string; closedAt: string | null } | null;
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

export type ReviewerStatistics = {
  reviewerPersonId: string;
  items: number;
  decided: number;
  pending: number;
  kept: number;
  revoked: number;
  medianSecondsPerDecision: number | null;
  rubberStamp: boolean;
};

export type CampaignStatistics = {
  items: number;
  decided: number;
  pending: number;
  unassigned: number;
  medianSecondsPerDecision: number | null;
  reviewers: ReviewerStatistics[];
};

export type ItemPage = { items: ItemView[]; total: number };
export type BulkDecideInput = { campaignId: string; filter?: ItemFilter; decision: ReviewDecision; comment?: string; expectedCount: number };
