import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { connectors } from './connectors.ts';

/**
 * An administrator's word that an entitlement is privileged, whatever the sync's assessment says. A mark
 * is never deleted by a routine action: unmarking fills `unmarked_*`, so the marks of the past stay as
 * evidence and "access as of" a date reads the marks of that date (`marked_at <= T < unmarked_at`). The
 * rows go only with their connector, when an archived connector's data is purged, as its inventory does.
 */
export const privilegedMarks = pgTable(
  'privileged_marks',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    /** The entitlement's stable key (`entitlementKey()`): a permission set on one account, a group's `member`. */
    entitlementKey: text('entitlement_key').notNull(),
    /** The entitlement's name when it was marked, so the record reads after the entitlement is gone. */
    entitlementName: text('entitlement_name').notNull(),
    reason: text('reason').notNull(),
    /** Who marked: `user:<id>`, `token:<id>`, `cli:<os user>`. */
    markedBy: text('marked_by').notNull(),
    /** Their name at the time (the access explorer shows it without asking identity). */
    markedByName: text('marked_by_name').notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
    unmarkedBy: text('unmarked_by'),
    unmarkedByName: text('unmarked_by_name'),
    unmarkedAt: timestamp('unmarked_at', { withTimezone: true }),
    unmarkReason: text('unmark_reason'),
  },
  (t) => [
    // One active mark per entitlement; a new one after an unmark starts a new row.
    uniqueIndex('privileged_marks_one_active').on(t.connectorId, t.entitlementKey).where(sql`${t.unmarkedAt} is null`),
    index('privileged_marks_key_idx').on(t.connectorId, t.entitlementKey, t.markedAt),
  ],
);
