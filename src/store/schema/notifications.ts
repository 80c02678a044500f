import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUsers, type AppRole } from './auth.ts';
import { people } from './people.ts';

/**
 * The outbox: one row per notification, written in the transaction of the event it announces
 * (`notify`), so it exists exactly when the event commits. The in-app inbox reads it; delivery by email,
 * Slack or webhook is a job that reads the same rows later, and never changes them.
 *
 * A row has one recipient: a person (reviewers are people, who may not have signed in yet), a user (who
 * asked for a task is a user, who may match no person), or every user of a role. `dedupe_key` is unique,
 * so a retried transaction or job cannot notify twice.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Dotted, what happened: `provisioning.task_failed`, `review.assigned`. Never renamed once shipped. */
    kind: text('kind').notNull(),
    recipientPersonId: uuid('recipient_person_id').references(() => people.id, { onDelete: 'cascade' }),
    recipientUserId: uuid('recipient_user_id').references(() => appUsers.id, { onDelete: 'cascade' }),
    recipientRole: text('recipient_role').$type<AppRole>(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** A path in the web app (`/tasks/<id>`). */
    link: text('link'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text('dedupe_key').notNull().unique('notifications_dedupe_key'),
  },
  (t) => [
    index('notifications_person_idx').on(t.recipientPersonId, t.createdAt),
    index('notifications_user_idx').on(t.recipientUserId, t.createdAt),
    index('notifications_role_idx').on(t.recipientRole, t.createdAt),
  ],
);

/**
 * Who has read what, per user: a broadcast to a role is read by each of its users on their own, so the
 * read mark is not a column of the notification.
 */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUsers.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);
