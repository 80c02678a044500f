import { z } from 'zod';
import type { AppRole } from '../store/index.ts';
import { REQUEST_STATUSES, REQUEST_TARGET_STATUSES, type RequestTargetStatus, type StoredRequestStatus } from '../store/index.ts';
import type { RequestPolicyDocument, RequestPolicyInput } from './core/policy.ts';

/**
 * The requests service's surface (`createRequestService` in service.ts, `app.requests`): its inputs as zod
 * schemas, which the API routes and the CLI validate with, and its answers as types. The routes, CLI and web
 * build on these; every refusal is an RrcuError with a code of `REQUEST_ERRORS` (errors.ts) and a fix.
 *
 * The lifecycle (requests/core/lifecycle.ts): pending → approved | denied | cancelled | timed_out;
 * approved → provisioning (one provisioning task per account, trigger `request`, ref `request:<id>`) →
 * active (every grant task succeeded and read its assignment back from AWS) | failed (none did) → expired
 * (at `expiresAt`) | revoked (early, by the requester, an approver or an administrator). An end asked for
 * while the grants still run (`ending`) is carried out once they finish. At the end each target is removed in
 * AWS only when nothing else grants the same access (standing access from the last sync, a group, another
 * request): otherwise it is `kept` and says why (`keptBecause`).
 */

export const REQUEST_STATUS_VALUES = REQUEST_STATUSES;
export type RequestStatus = StoredRequestStatus;
export type { RequestTargetStatus };
export const requestStatusSchema = z.enum(REQUEST_STATUSES);
export const requestTargetStatusSchema = z.enum(REQUEST_TARGET_STATUSES);

/**
 * Who calls: their app user (null for the CLI without a user), the person of the inventory they are (by
 * sign-in email, or an API token's creator's; null when none matches), their role, and how the audit log
 * names them (`user:<id>`, `cli:<os user>`, `system`). The routes build it as the reviews routes build theirs.
 */
export type RequestCaller = { userId: string | null; personId: string | null; role: AppRole; actor: string };

/** The jobs' caller: no person, administrator rights (they expire and time out, they never approve). */
export const SYSTEM_CALLER: RequestCaller = { userId: null, personId: null, role: 'super_admin', actor: 'system' };

const text = (what: string, max: number) => z.string().trim().min(1, `${what} is empty`).max(max, `${what} is longer than ${max} characters`);

/**
 * What a request asks for, by the names people type (or ids/ARNs): a permission set on one or more accounts
 * (one target, hence one provisioning task, per account), an Identity Center group's membership, or an IAM
 * group's membership (the account when several have a group of that name).
 */
export const requestedEntitlementInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('permission_set'),
    permissionSet: text('permission set', 300),
    accounts: z.array(text('account', 200)).min(1, 'accounts is empty: name at least one account').max(100),
  }),
  z.object({ kind: z.literal('sso_group'), group: text('group', 300) }),
  z.object({ kind: z.literal('iam_group'), group: text('group', 300), account: text('account', 200).optional() }),
]);
export type RequestedEntitlementInput = z.input<typeof requestedEntitlementInputSchema>;

export const submitRequestInputSchema = z.object({
  /** The connector's name or id; may be left out when one connector is live. */
  connector: text('connector', 200).optional(),
  entitlement: requestedEntitlementInputSchema,
  /** Minutes of access from activation; default the policy's default, longer is cut to its maximum (`durationClamped`). */
  durationMinutes: z.number().int('durationMinutes is whole minutes').min(5, 'durationMinutes is at least 5').max(60 * 24 * 90, 'durationMinutes is at most 90 days').optional(),
  justification: z.string().trim().max(2000, 'justification is longer than 2000 characters').optional(),
  /** A ticket reference (free text; the policy may require one and a pattern). */
  ticket: z.string().trim().max(200, 'ticket is longer than 200 characters').optional(),
  /** Emergency access the policy allows without an approver: granted at once, flagged, reviewed after by the approvers. */
  breakGlass: z.boolean().default(false),
});
export type SubmitRequestInput = z.input<typeof submitRequestInputSchema>;

export const decideRequestInputSchema = z.object({ comment: z.string().trim().max(2000, 'comment is longer than 2000 characters').optional() });
export type DecideRequestInput = z.input<typeof decideRequestInputSchema>;

export const revokeRequestInputSchema = z.object({ reason: z.string().trim().max(2000, 'reason is longer than 2000 characters').optional() });

export const extendRequestInputSchema = z.object({
  minutes: z.number().int('minutes is whole minutes').min(5, 'minutes is at least 5').max(60 * 24 * 90, 'minutes is at most 90 days'),
  justification: z.string().trim().max(2000, 'justification is longer than 2000 characters').optional(),
});
export type ExtendRequestInput = z.input<typeof extendRequestInputSchema>;

/** A break-glass request's verdict after the fact; a comment is required for `inappropriate` (which ends access still held). */
export const reviewBreakGlassInputSchema = z.object({
  verdict: z.enum(['appropriate', 'inappropriate']),
  comment: z.string().trim().max(2000, 'comment is longer than 2000 characters').optional(),
}).superRefine((v, ctx) => {
  if (v.verdict === 'inappropriate' && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'comment is required for an inappropriate verdict: say what was wrong' });
});
export type ReviewBreakGlassInput = z.input<typeof reviewBreakGlassInputSchema>;

/** `mine`: the caller's requests; `approvals`: pending ones the caller may decide now, and break-glass ones awaiting their post-hoc review; `all`: every request (administrators and auditors). */
export const REQUEST_VIEWS = ['mine', 'approvals', 'all'] as const;
export const requestListFilterSchema = z.object({
  view: z.enum(REQUEST_VIEWS).default('mine'),
  status: z.array(requestStatusSchema).max(10).optional(),
  connectorId: z.uuid().optional(),
  /** Requests with an id below this one (the next page after the last one read). */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type RequestListFilter = z.input<typeof requestListFilterSchema>;

export type PersonRef = { personId: string; displayName: string; email: string | null };

export type PolicyView = {
  id: string;
  connectorId: string;
  connectorName: string | null;
  name: string;
  version: number;
  document: RequestPolicyDocument;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  archivedAt: string | null;
};

/** `applyPolicy`'s answer: the policy (created, a new version, or unchanged when the document is the same). */
export type AppliedPolicy = { outcome: 'created' | 'updated' | 'unchanged'; policy: PolicyView };

/** What a policy makes requestable, resolved against the last sync: the permission set with its own session duration and the accounts, or the group. */
export type ResolvedRequestable =
  | { kind: 'permission_set'; permissionSetArn: string; permissionSetName: string; sessionDuration: string | null; accounts: { id: string; name: string; ouPath: string | null }[] }
  | { kind: 'sso_group'; groupId: string; groupName: string }
  | { kind: 'iam_group'; groupArn: string; groupName: string; account: { id: string; name: string } };

/** `previewPolicy`'s answer: who is eligible (count and the first names), who approves each step, and what it makes requestable now. */
export type PolicyPreview = {
  connectorId: string;
  eligible: { count: number; people: PersonRef[] };
  /** Approvers of each step as they resolve without a particular requester (owner and manager depend on the request: `dependsOnRequest`). */
  steps: { step: number; approvals: number; approvers: PersonRef[]; dependsOnRequest: string[] }[];
  requestable: ResolvedRequestable[];
  /** Names the policy gives that the last sync does not know (a group, a permission set, an account). */
  unresolved: string[];
};

/** One thing the caller may request: the policy that applies and its terms. */
export type RequestableView = {
  policy: { id: string; name: string; version: number; description: string };
  connectorId: string;
  connectorName: string | null;
  requestable: ResolvedRequestable;
  defaultDurationMinutes: number;
  maxDurationMinutes: number;
  justificationRequired: boolean;
  ticket: { required: boolean; pattern: string | null };
  breakGlass: { allowed: boolean; maxDurationMinutes: number | null };
  approvalSteps: { approvals: number; sources: string[] }[];
  autoApproval: boolean;
};

export type RequestTargetView = {
  entitlementKey: string;
  resourceType: string;
  resourceId: string;
  resourceName: string | null;
  status: RequestTargetStatus;
  grantTask: TaskRef | null;
  revokeTask: TaskRef | null;
  keptBecause: string | null;
  error: string | null;
};
export type TaskRef = { id: string; status: string; outcome: string | null; verified: boolean | null; finishedAt: string | null; observedRunId: number | null };

export type RequestView = {
  /** "#N". */
  id: number;
  connectorId: string | null;
  requester: PersonRef;
  principal: { type: string; id: string; name: string | null };
  entitlement: Record<string, unknown>;
  entitlementText: string;
  policy: { id: string | null; name: string; version: number };
  status: RequestStatus;
  justification: string | null;
  ticket: string | null;
  durationMinutes: number;
  durationClamped: boolean;
  breakGlass: boolean;
  /** Why no person approved: the auto-approval rule, or break-glass. */
  autoApproved: string | null;
  extensionOf: number | null;
  duplicateWarning: string | null;
  currentStep: number;
  stepCount: number;
  /** The permission set's own session duration (ISO 8601, e.g. PT8H): an AWS session started before the end may last until it runs out. */
  sessionDuration: string | null;
  createdAt: string;
  pendingUntil: string;
  decidedAt: string | null;
  activeAt: string | null;
  expiresAt: string | null;
  endedAt: string | null;
  /** Why it ended, in words; an actor id written into it ("revoked by user:…") is named when read. */
  endReason: string | null;
  /** An end asked for while the grants still run, carried out once they finish: `by` the actor id who asked, `byName` their name where identity knows it. */
  ending: { as: 'expire' | 'revoke'; by: string | null; byName: string | null; reason: string | null } | null;
  /** Break-glass only (null otherwise): awaiting the approvers' verdict after the fact, or the verdict recorded. */
  postHocReview: PostHocReviewView | null;
};

export type PostHocReviewView =
  | { status: 'awaited' }
  | { status: 'recorded'; verdict: 'appropriate' | 'inappropriate'; comment: string | null; reviewer: PersonRef; at: string };

export type RequestApprovalView = { step: number; approver: PersonRef; decision: 'approve' | 'deny'; comment: string | null; at: string };
/** `actorName`: the actor's name where identity knows it (a user's), else null. */
export type TimelineEntry = { at: string; type: string; actor: string; actorName: string | null; summary: string };

export type RequestDetail = RequestView & {
  steps: { step: number; approvals: number; approvers: PersonRef[] }[];
  approvals: RequestApprovalView[];
  targets: RequestTargetView[];
  /** The request's audit events and its tasks' (asked, approved by, provisioned, active, expired, removed), oldest first. */
  timeline: TimelineEntry[];
  /** What the caller may do now. */
  can: { approve: boolean; cancel: boolean; revoke: boolean; extend: boolean; reviewBreakGlass: boolean };
};

/** `submit`'s answer: the request as stored, with the duplicate warning (also on the request) and which policy applied and why. */
export type SubmittedRequest = { request: RequestDetail; policyWhy: string; duplicateWarning: string | null };

/**
 * `app.requests`. Callers: the routes and the CLI build the `RequestCaller`; the jobs call `tick` and `settle`.
 * Who may do what is decided here (the routes add only the role's route access): a person sees their own
 * requests and those they may approve; administrators and auditors see all (`view: 'all'`); others' requests
 * are REQUEST_NOT_FOUND to them.
 */
export type RequestService = {
  /** Unarchived policies (all connectors, or one), by name; `includeArchived` adds the archived ones. */
  listPolicies(options?: { connectorId?: string; includeArchived?: boolean }): Promise<PolicyView[]>;
  /** A policy by id, or by name (unarchived) on `connector` (name or id) when several connectors have one of that name. POLICY_NOT_FOUND. */
  getPolicy(idOrName: string, connector?: string): Promise<PolicyView>;
  /**
   * Create, or update by name on its connector (a new version; requests keep the version they were made
   * under), or nothing when the document is the same. Audited `request_policy.created|updated`. The document
   * is `requestPolicyDocumentSchema` (INVALID_INPUT naming the field); `by` is the audit actor.
   */
  applyPolicy(document: RequestPolicyInput, by: string): Promise<AppliedPolicy>;
  /** Archives it (audited `request_policy.archived`): it no longer applies to new requests; its name is free again. */
  archivePolicy(id: string, by: string): Promise<PolicyView>;
  /** Without saving: who is eligible, who approves each step (owner and manager depend on the request), what it covers now, names not found. */
  previewPolicy(document: RequestPolicyInput): Promise<PolicyPreview>;
  /** What the caller may request: per policy they are eligible for, each requestable line resolved (accounts, the permission set's session duration) with its terms. */
  requestable(caller: RequestCaller): Promise<RequestableView[]>;
  /**
   * Asks for one entitlement (a permission set on several accounts is one request, one target per account).
   * Refusals: NOT_A_PERSON, NOT_REQUESTABLE, NO_PRINCIPAL, NO_POLICY, NOT_ELIGIBLE, SPANS_POLICIES,
   * BREAK_GLASS_NOT_ALLOWED, JUSTIFICATION_REQUIRED, TICKET_REQUIRED, TICKET_INVALID, ONLY_APPROVER_IS_REQUESTER,
   * NO_APPROVER. A longer duration than the policy's maximum is cut to it (`durationClamped`). Auto-approved and
   * break-glass requests come back approved and already provisioning.
   */
  submit(input: SubmitRequestInput, caller: RequestCaller): Promise<SubmittedRequest>;
  /** Newest first, `limit` at a time (`before` the last id read for the next page). `view: 'all'` is for administrators and auditors (NOT_ALLOWED). */
  listRequests(filter: RequestListFilter, caller: RequestCaller): Promise<RequestView[]>;
  /** The request with its steps and approvers, approvals, targets with their tasks, timeline and what the caller may do. REQUEST_NOT_FOUND. */
  getRequest(id: number, caller: RequestCaller): Promise<RequestDetail>;
  /** An approver of the current step approves: SELF_APPROVAL, NOT_AN_APPROVER, ALREADY_DECIDED, REQUEST_NOT_PENDING (decided, cancelled, timed out, or approved by another at the same time). */
  approve(id: number, input: DecideRequestInput, caller: RequestCaller): Promise<RequestDetail>;
  /** One denial denies. The same refusals as `approve`. */
  deny(id: number, input: DecideRequestInput, caller: RequestCaller): Promise<RequestDetail>;
  /**
   * An approver of step 1 of a break-glass request's policy (never its requester) records the verdict after the
   * fact, once: `appropriate`, or `inappropriate` with a comment, which revokes access still held (as `revoke`
   * does, reference-counted) and tells the Connector Administrators. Audited `request.break_glass_reviewed`.
   * NOT_BREAK_GLASS, SELF_APPROVAL, NOT_AN_APPROVER, ALREADY_REVIEWED.
   */
  reviewBreakGlass(id: number, input: ReviewBreakGlassInput, caller: RequestCaller): Promise<RequestDetail>;
  /** The requester withdraws a pending request (NOT_ALLOWED for anyone else; REQUEST_NOT_PENDING once decided; a second cancel changes nothing). */
  cancel(id: number, caller: RequestCaller): Promise<RequestDetail>;
  /**
   * Ends access early: the requester, an approver or an administrator (NOT_ALLOWED). Active: revoked now (what
   * else grants it is kept, `keptBecause`). Approved or provisioning: recorded (`ending`) and carried out once
   * the grant tasks end. Ended or pending: REQUEST_NOT_ACTIVE.
   */
  revoke(id: number, input: { reason?: string }, caller: RequestCaller): Promise<RequestDetail>;
  /** The requester asks for more time: a new request (`extensionOf`) approved like one, its end the current end plus `minutes`, within the policy's maximum from now. */
  extend(id: number, input: ExtendRequestInput, caller: RequestCaller): Promise<SubmittedRequest>;
  /**
   * The time-driven work at `now` (the tick, jobs.ts): grants to ask for, grants that finished (→ active or
   * failed), expiries due, pending timeouts, the 15-minute notice, revokes to ask for and their end. Idempotent.
   * `dueOnly` (at start-up): only what fell due with time (ends, timeouts, notices, revokes and their end), not
   * the requests being granted, which their watch jobs and the next minute's tick follow. `signal`: the app is
   * stopping; the tick ends before its next request (or batch), quietly.
   */
  tick(now?: Date, options?: { dueOnly?: boolean; signal?: AbortSignal }): Promise<TickSummary>;
  /**
   * One request's time-driven work (its expiry job, its watch). `running`: tasks of it still run (or are yet
   * to be asked for), so its watch looks again; read from its row and targets alone, not its whole detail.
   */
  settle(id: number, now?: Date): Promise<{ running: boolean }>;
};

export type TickSummary = { granted: number; activated: number; failed: number; expired: number; timedOut: number; warned: number; revokesAsked: number; ended: number };
