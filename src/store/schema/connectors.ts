import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { StoredError } from '../../core/stored-error.ts';

/** One configured source of access data, e.g. the AWS management account's role. */
export const connectors = pgTable(
  'connectors',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** Non-secret settings of the connector kind (role ARN, External ID, options), validated by the connector. */
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    /** Secrets (e.g. the SCIM token) encrypted with RRCU_SECRET_KEY; never returned by the API. */
    secretsCiphertext: text('secrets_ciphertext'),
    /** Who answers for this connector (emails): named in its setup and asked when it breaks. */
    owners: jsonb('owners').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Removing a connector archives it: no more syncs or provisioning, but its history, tasks and audit
     * trail stay as evidence. Only an explicit purge by a Super Administrator deletes them.
     */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    /** Who archived it, as the audit log names actors (`user:<id>`, `token:<id>`, `cli`). */
    archivedBy: text('archived_by'),
  },
  // A name names one live connector; archived ones keep theirs, so a new connector may take it again.
  (t) => [uniqueIndex('connectors_live_name_key').on(t.name).where(sql`${t.archivedAt} is null`)],
);

export type SyncRunStatus = 'running' | 'succeeded' | 'failed';

/** One pass of a connector: what it counted, which AWS calls it made, how it ended. */
export const syncRuns = pgTable(
  'sync_runs',
  {
    // A sequence, not a UUID: the diff between two runs relies on runs being ordered.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    status: text('status').$type<SyncRunStatus>().notNull().default('running'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Items seen per kind and resource type, e.g. `{ "resource:iam_user": 120, "grant": 5400 }`. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    /** API calls per operation, e.g. `{ "sso:ListAccountAssignments": 812 }`. */
    apiCalls: jsonb('api_calls').$type<Record<string, number>>().notNull().default({}),
    /** What the snapshot changed, filled in when it commits. */
    changes: jsonb('changes').$type<Record<string, number>>().notNull().default({}),
    warnings: jsonb('warnings').$type<StoredError[]>().notNull().default([]),
    error: jsonb('error').$type<StoredError>(),
    /**
     * Markers of the work already stored, so an interrupted run resumes after them. `resumable` is set on
     * a run that failed on a transient cause with its staged items kept: the next sync resumes it.
     */
    checkpoint: jsonb('checkpoint').$type<{ done: string[]; resumable?: boolean }>(),
    /** What a running sync is doing (stage, items, calls), written with the heartbeat for live views in any process. */
    progress: jsonb('progress').$type<{ stage: string; detail?: string; items: number; apiCalls: number; throttled: number; retries?: { throttled: number; serverError: number; network: number } }>(),
    /** Touched while the run makes progress; a running run whose heartbeat stopped was interrupted. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sync_runs_connector_idx').on(t.connectorId, t.id),
    // One sync at a time per connector, whichever process starts it.
    uniqueIndex('sync_runs_one_running').on(t.connectorId).where(sql`${t.status} = 'running'`),
  ],
);
