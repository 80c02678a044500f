import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ProvisioningAction, ProvisioningTarget } from '../../core/provisioning-target.ts';
import type { StoredError } from '../../core/stored-error.ts';
import { connectors, syncRuns } from './connectors.ts';

// Declared once here, the lowest layer that needs them; provisioning's zod schemas (API, CLI) are built from these.
export const PROVISIONING_TASK_STATUSES = ['pending', 'running', 'succeeded', 'failed'] as const;
export type ProvisioningTaskStatus = (typeof PROVISIONING_TASK_STATUSES)[number];
/** Why the change was asked for: by hand, a review decision, an access request, or a grant's expiry. */
export const PROVISIONING_TRIGGERS = ['manual', 'review', 'request', 'expiry'] as const;
export type ProvisioningTrigger = (typeof PROVISIONING_TRIGGERS)[number];

/**
 * What the task changes, as the requester saw it: the ids the provisioner acts on and the names shown,
 * so the record stays readable after the access (or the principal) is gone from the inventory.
 */
export type StoredProvisioningTarget = ProvisioningTarget & {
  /** The resource the entitlement is on, by name (the account's or group's). */
  resourceDisplayName: string | null;
  /** For a revoke: the grant row it was asked for by. */
  grantId?: number;
};

/**
 * One grant or revoke RRCU carries out in AWS. A row is written with its job in one transaction, moves
 * pending → running → succeeded | failed as the job runs, and is linked to the first sync run that
 * started after it finished and saw its effect (`observed_run_id`): the proof that AWS holds what the
 * task says it did.
 */
export const provisioningTasks = pgTable(
  'provisioning_tasks',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    action: text('action').$type<ProvisioningAction>().notNull(),
    entitlementKey: text('entitlement_key').notNull(),
    principalTypeId: text('principal_type_id').notNull(),
    principalExternalId: text('principal_external_id').notNull(),
    target: jsonb('target').$type<StoredProvisioningTarget>().notNull(),
    /** Who asked: `user:<id>`, `cli:<os user>`, `system`. */
    actor: text('actor').notNull(),
    trigger: text('trigger').$type<ProvisioningTrigger>().notNull(),
    /** The review decision or access request behind it, when there is one. */
    triggerRef: text('trigger_ref'),
    reason: text('reason'),
    status: text('status').$type<ProvisioningTaskStatus>().notNull().default('pending'),
    /** `applied`: AWS was changed; `already`: AWS already matched. */
    outcome: text('outcome').$type<'applied' | 'already'>(),
    attempts: integer('attempts').notNull().default(0),
    /** AWS's id of the request that made the change; a restarted task follows it instead of acting again. */
    awsRequestId: text('aws_request_id'),
    /** The last error: the reason of a failed task, or what a retried attempt ran into. */
    error: jsonb('error').$type<StoredError>(),
    /** The change was read back from AWS when the task finished. */
    verified: boolean('verified'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The sync run that first saw the grant open (grant) or gone (revoke) after the task finished. */
    observedRunId: bigint('observed_run_id', { mode: 'number' }).references(() => syncRuns.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('provisioning_tasks_status_idx').on(t.status, t.createdAt),
    index('provisioning_tasks_connector_idx').on(t.connectorId, t.createdAt),
    index('provisioning_tasks_unobserved_idx').on(t.connectorId).where(sql`${t.status} = 'succeeded' and ${t.observedRunId} is null`),
    // One unfinished task per principal and entitlement: a grant and a revoke of the same access must
    // not race each other in AWS.
    uniqueIndex('provisioning_tasks_one_open')
      .on(t.connectorId, t.entitlementKey, t.principalTypeId, t.principalExternalId)
      .where(sql`${t.status} in ('pending', 'running')`),
  ],
);
