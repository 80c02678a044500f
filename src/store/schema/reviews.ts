import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { connectors } from './connectors.ts';
import { people } from './people.ts';

/**
 * Access reviews (certification campaigns) and their evidence. Nothing here is deleted by a routine
 * action, nor with its connector: a purged connector leaves its campaigns (connector_id set null), whose
 * items keep the names as of the sync run they came from. Sync runs and provisioning tasks are named by
 * id without a foreign key for the same reason: the proof reads after they are gone. The database holds
 * the application to it (migration 0014's triggers): items, decisions and reassignments refuse UPDATE,
 * DELETE and TRUNCATE; an assignment may only be ended (`current` → false), a remediation only progress.
 */
export const reviewCampaigns = pgTable(
  'review_campaigns',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    connectorId: uuid('connector_id').references(() => connectors.id, { onDelete: 'set null' }),
    /** `CampaignScope` (reviews/core/scope.ts), validated by the service. */
    scope: jsonb('scope').$type<Record<string, unknown>>().notNull(),
    /** `ReviewerPlan`: stages of policies, fallback, administrators, the granter rule. */
    reviewerPlan: jsonb('reviewer_plan').$type<Record<string, unknown>>().notNull(),
    /** `CampaignOptions`: comment on keep, remediate immediately, the oldest sync a launch accepts. */
    options: jsonb('options').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<'draft' | 'active' | 'closed'>().notNull().default('draft'),
    /** The open stage while active (earlier ones are closed). */
    currentStage: integer('current_stage'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    recurrenceCron: text('recurrence_cron'),
    /** `user:<id>`, `cli:<os user>`, `system`. */
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    launchedAt: timestamp('launched_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    /** The completeness proof: the committed sync run the population came from, its count, digest and reconciliation. */
    snapshotRunId: bigint('snapshot_run_id', { mode: 'number' }),
    snapshotAt: timestamp('snapshot_at', { withTimezone: true }),
    itemCount: integer('item_count'),
    digest: text('digest'),
    reconciliation: jsonb('reconciliation').$type<Record<string, unknown>>(),
  },
  (t) => [index('review_campaigns_status_idx').on(t.status, t.createdAt), index('review_campaigns_connector_idx').on(t.connectorId, t.closedAt)],
);

/** One grant of the population, as the sync run saw it: never updated after launch. */
export const reviewItems = pgTable(
  'review_items',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => reviewCampaigns.id),
    /** The inventory's grant key: stable across syncs, how the next campaign finds the same grant. */
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    grantId: bigint('grant_id', { mode: 'number' }).notNull(),
    principalType: text('principal_type').notNull(),
    principalId: text('principal_id').notNull(),
    principalName: text('principal_name'),
    personId: uuid('person_id').references(() => people.id),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id').notNull(),
    resourceName: text('resource_name'),
    entitlementSlug: text('entitlement_slug').notNull(),
    entitlementName: text('entitlement_name'),
    seenFrom: timestamp('seen_from', { withTimezone: true }).notNull(),
    privileged: boolean('privileged'),
    /** What it confers: a membership's accounts and permission sets, a group assignment's member count. */
    confers: jsonb('confers').$type<Record<string, unknown>>().notNull().default({}),
    riskFlags: jsonb('risk_flags').$type<string[]>().notNull().default([]),
    /** The rest of what the reviewer is shown, as of launch (holders, the task that gave it…). */
    context: jsonb('context').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [uniqueIndex('review_items_campaign_key').on(t.campaignId, t.key), index('review_items_key_idx').on(t.key)],
);

/** Who reviews an item in a stage. A hand-on (delegation, reassignment, escalation) ends the current row and adds one. */
export const reviewAssignments = pgTable(
  'review_assignments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => reviewItems.id),
    stage: integer('stage').notNull(),
    /** Null when nobody in line is eligible (`noEligibleReviewer`): an administrator must assign someone. */
    reviewerPersonId: uuid('reviewer_person_id').references(() => people.id),
    policy: text('policy'),
    current: boolean('current').notNull().default(true),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('review_assignments_one_current').on(t.itemId, t.stage).where(sql`${t.current}`),
    index('review_assignments_reviewer_idx').on(t.reviewerPersonId, t.itemId).where(sql`${t.current}`),
  ],
);

/** Every step an item took away from a candidate or a reviewer: at launch (self-review, no manager…) and after (delegated, reassigned, escalated). */
export const reviewReassignments = pgTable(
  'review_reassignments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => reviewItems.id),
    stage: integer('stage').notNull(),
    fromPersonId: uuid('from_person_id'),
    toPersonId: uuid('to_person_id'),
    reason: text('reason').notNull(),
    policy: text('policy'),
    note: text('note'),
    /** Who handed it on; null for resolution at launch. */
    by: text('by'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('review_reassignments_item_idx').on(t.itemId, t.id)],
);

/** Append-only: a change of mind is a new row; the decision in force for a stage is its latest row. */
export const reviewDecisions = pgTable(
  'review_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => reviewItems.id),
    stage: integer('stage').notNull(),
    /** The assignment the decision was made under: only decisions of an item's current assignment are in force (a hand-on starts a new one). */
    assignmentId: bigint('assignment_id', { mode: 'number' })
      .notNull()
      .references(() => reviewAssignments.id),
    decision: text('decision').$type<'keep' | 'revoke'>().notNull(),
    comment: text('comment'),
    deciderPersonId: uuid('decider_person_id')
      .notNull()
      .references(() => people.id),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('review_decisions_item_idx').on(t.itemId, t.stage, t.id),
    index('review_decisions_assignment_idx').on(t.assignmentId, t.id),
    index('review_decisions_decider_idx').on(t.deciderPersonId, t.at),
  ],
);

/** What became of a Revoke: its provisioning task or manual remediation, and the sync run that observed the grant gone (or back). */
export const reviewRemediations = pgTable(
  'review_remediations',
  {
    itemId: uuid('item_id')
      .primaryKey()
      .references(() => reviewItems.id),
    state: text('state').$type<'pending' | 'task_queued' | 'manual' | 'remediated' | 'reappeared'>().notNull(),
    taskId: uuid('task_id'),
    manual: boolean('manual').notNull().default(false),
    manualMarkedAt: timestamp('manual_marked_at', { withTimezone: true }),
    manualMarkedBy: text('manual_marked_by'),
    observedRunId: bigint('observed_run_id', { mode: 'number' }),
    observedAt: timestamp('observed_at', { withTimezone: true }),
    reappearedRunId: bigint('reappeared_run_id', { mode: 'number' }),
    reappearedAt: timestamp('reappeared_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('review_remediations_open_idx').on(t.state).where(sql`${t.state} <> 'remediated'`)],
);
