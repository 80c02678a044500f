import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { connectors } from './connectors.ts';
import { people } from './people.ts';

/**
 * Just-in-time access requests (issue 15, src/requests). A request policy says what may be requested, by
 * whom, who approves and for how long; a request asks for one entitlement (a permission set on one or more
 * accounts, a group's membership) for a while, is approved, provisioned through provisioning tasks (one per
 * account, `access_request_targets`) and removed at its end unless something else grants the same access.
 * Nothing here cascades from a person; a purged connector leaves its requests (connector_id set null), which
 * keep the names they were made with. Decisions are append-only (migration 0016's trigger).
 */
export const REQUEST_STATUSES = ['pending', 'approved', 'denied', 'cancelled', 'timed_out', 'provisioning', 'active', 'expired', 'revoked', 'failed'] as const;
export type StoredRequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * Where one target (one account, or the group) stands: `waiting` for its grant task to be asked for,
 * `granting` while it runs, `granted` (read back from AWS), `grant_failed`; at the end `revoke_waiting`
 * (decided, its revoke task not yet asked for), `revoking`, `removed`, `revoke_failed`, or `kept` (something
 * else grants the same access: `kept_because`), or `not_granted` (the request ended before any grant).
 */
export const REQUEST_TARGET_STATUSES = ['waiting', 'granting', 'granted', 'grant_failed', 'revoke_waiting', 'revoking', 'removed', 'revoke_failed', 'kept', 'not_granted'] as const;
export type RequestTargetStatus = (typeof REQUEST_TARGET_STATUSES)[number];

export const requestPolicies = pgTable(
  'request_policies',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** `RequestPolicyDocument` (requests/core/policy.ts), as parsed. */
    document: jsonb('document').$type<Record<string, unknown>>().notNull(),
    /** 1 at creation, one more at each change: a request names the version it was evaluated under. */
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    archivedBy: text('archived_by'),
  },
  (t) => [uniqueIndex('request_policies_name_key').on(t.connectorId, sql`lower(${t.name})`).where(sql`${t.archivedAt} is null`)],
);

export const accessRequests = pgTable(
  'access_requests',
  {
    /** "#N" to people. */
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    connectorId: uuid('connector_id').references(() => connectors.id, { onDelete: 'set null' }),
    requesterPersonId: uuid('requester_person_id')
      .notNull()
      .references(() => people.id),
    requesterUserId: uuid('requester_user_id'),
    /** Who asked: `user:<id>`, `cli:<os user>`. */
    requesterActor: text('requester_actor').notNull(),
    /** The principal that receives the access (the requester's Identity Center user, or IAM user for an IAM group). */
    principalType: text('principal_type').notNull(),
    principalId: text('principal_id').notNull(),
    principalName: text('principal_name'),
    /** What was asked, without the accounts (`{ kind, permissionSetArn, permissionSetName }` or the group); each account is a target. */
    entitlement: jsonb('entitlement').$type<Record<string, unknown>>().notNull(),
    /** "ReadOnlyAccess on dev-1, dev-2", as shown. */
    entitlementText: text('entitlement_text').notNull(),
    policyId: uuid('policy_id').references(() => requestPolicies.id, { onDelete: 'set null' }),
    policyVersion: integer('policy_version').notNull(),
    policyName: text('policy_name').notNull(),
    /** The policy document as it was when the request was submitted: what it is decided under. */
    policy: jsonb('policy').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<StoredRequestStatus>().notNull().default('pending'),
    justification: text('justification'),
    ticket: text('ticket'),
    durationMinutes: integer('duration_minutes').notNull(),
    /** The duration asked for was longer than the policy allows and was cut to it. */
    durationClamped: boolean('duration_clamped').notNull().default(false),
    breakGlass: boolean('break_glass').notNull().default(false),
    /** The auto-approval rule that approved it ("rule 1: …"), when no person did. */
    autoApproved: text('auto_approved'),
    /** The request this one extends (approved like a new one, its access continuing). */
    extensionOf: bigint('extension_of', { mode: 'number' }),
    /** "You already hold this through group X", found at submission. */
    duplicateWarning: text('duplicate_warning'),
    /** Per approval step, the people who may approve, as resolved at submission (the requester never among them). */
    approvers: jsonb('approvers').$type<{ personId: string; displayName: string; email: string | null }[][]>().notNull().default([]),
    /** The approval step waiting for decisions (1-based) while pending. */
    currentStep: integer('current_step').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** A pending request nobody decided by then times out. */
    pendingUntil: timestamp('pending_until', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    activeAt: timestamp('active_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Why it ended: denied, cancelled, timed out, expired, revoked by …, failed. */
    endReason: text('end_reason'),
    /** An end asked for while its grant tasks still run (`expire` or `revoke`): carried out once they finish. */
    endingAs: text('ending_as').$type<'expire' | 'revoke'>(),
    endingBy: text('ending_by'),
    endingReason: text('ending_reason'),
  },
  (t) => [
    // My requests.
    index('access_requests_requester_idx').on(t.requesterPersonId, t.createdAt),
    // Due to expire (the tick and the expiring notice) and the pending timeouts.
    index('access_requests_active_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'active'`),
    index('access_requests_pending_idx').on(t.pendingUntil).where(sql`${t.status} = 'pending'`),
    // Work the tick follows: approved (grants to ask for) and provisioning (grants running).
    index('access_requests_open_idx').on(t.status, t.id).where(sql`${t.status} in ('approved', 'provisioning')`),
    index('access_requests_connector_idx').on(t.connectorId, t.createdAt),
  ],
);

/** Who may approve which step of a pending request: "waiting for my approval" is an index scan. */
export const accessRequestApprovers = pgTable(
  'access_request_approvers',
  {
    requestId: bigint('request_id', { mode: 'number' })
      .notNull()
      .references(() => accessRequests.id),
    step: integer('step').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.step, t.personId] }), index('access_request_approvers_person_idx').on(t.personId, t.requestId)],
);

/** One account (or the group) of a request: its grant task, its revoke task, and why it was kept at the end. */
export const accessRequestTargets = pgTable(
  'access_request_targets',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: bigint('request_id', { mode: 'number' })
      .notNull()
      .references(() => accessRequests.id),
    connectorId: uuid('connector_id'),
    /** The `RequestedEntitlement` (requests/core/entitlement.ts) of this target, account included. */
    entitlement: jsonb('entitlement').$type<Record<string, unknown>>().notNull(),
    /** The inventory's entitlement key (`account:<id>#<psArn>`, `sso_group:<id>#member`). */
    entitlementKey: text('entitlement_key').notNull(),
    principalType: text('principal_type').notNull(),
    principalId: text('principal_id').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id').notNull(),
    resourceName: text('resource_name'),
    status: text('status').$type<RequestTargetStatus>().notNull().default('waiting'),
    grantTaskId: uuid('grant_task_id'),
    revokeTaskId: uuid('revoke_task_id'),
    keptBecause: text('kept_because'),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('access_request_targets_key').on(t.requestId, t.entitlementKey),
    // The other requests holding the same access (reference-counted expiry).
    index('access_request_targets_access_idx').on(t.connectorId, t.entitlementKey, t.principalId),
  ],
);

/** Every approval and denial, append-only (migration 0016's trigger refuses UPDATE, DELETE and TRUNCATE). */
export const accessRequestApprovals = pgTable(
  'access_request_approvals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: bigint('request_id', { mode: 'number' })
      .notNull()
      .references(() => accessRequests.id),
    step: integer('step').notNull(),
    approverPersonId: uuid('approver_person_id')
      .notNull()
      .references(() => people.id),
    approverUserId: uuid('approver_user_id'),
    actor: text('actor').notNull(),
    decision: text('decision').$type<'approve' | 'deny'>().notNull(),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  // One decision per person and request: a second approval by the same person counts once, and two at once meet here.
  (t) => [uniqueIndex('access_request_approvals_once').on(t.requestId, t.approverPersonId)],
);

export const POST_HOC_VERDICTS = ['appropriate', 'inappropriate'] as const;
export type PostHocVerdict = (typeof POST_HOC_VERDICTS)[number];

/**
 * The after-the-fact review of a break-glass request (granted at once, without an approver): one verdict by an
 * approver of the policy's first step, never the requester. A break-glass request without a row here is
 * awaiting review. Append-only, as the approvals are (migration 0017's trigger refuses UPDATE, DELETE and
 * TRUNCATE); one per request (a second verdict meets the unique index).
 */
export const accessRequestPostHocReviews = pgTable(
  'access_request_post_hoc_reviews',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: bigint('request_id', { mode: 'number' })
      .notNull()
      .references(() => accessRequests.id),
    reviewerPersonId: uuid('reviewer_person_id')
      .notNull()
      .references(() => people.id),
    reviewerUserId: uuid('reviewer_user_id'),
    actor: text('actor').notNull(),
    verdict: text('verdict').$type<PostHocVerdict>().notNull(),
    /** Required for `inappropriate` (the service refuses it without one, and so does the check). */
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('access_request_post_hoc_reviews_once').on(t.requestId),
    check('access_request_post_hoc_reviews_verdict', sql`${t.verdict} in ('appropriate', 'inappropriate') and (${t.verdict} = 'appropriate' or coalesce(btrim(${t.comment}), '') <> '')`),
  ],
);
