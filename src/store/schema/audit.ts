import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The append-only audit log. Each event's `hash` is SHA-256 over the canonical JSON of the event and
 * `prev_hash`, so editing, deleting or reordering a row breaks the chain at that row. A trigger
 * (migration 0001) refuses UPDATE and DELETE; the chain catches what goes around the trigger.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    // Assigned by the writer under a lock, gap-free: a missing number is itself evidence.
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** Who did it: `user:<id>`, `token:<id>`, `system`, `cli:<os user>`. */
    actor: text('actor').notNull(),
    /** What happened, dotted: `connector.created`, `sync.succeeded`, `grant.revoked`. */
    type: text('type').notNull(),
    /** What it happened to, e.g. `connector:<id>`. */
    subject: text('subject'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_events_type_idx').on(t.type, t.occurredAt), index('audit_events_subject_idx').on(t.subject)],
);
