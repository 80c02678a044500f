import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUsers } from './auth.ts';
import { notifications } from './notifications.ts';
import { people } from './people.ts';

/** Where a delivery stands; `digest` waits for the daily digest, `uncertain` is a send a dead worker may have made. */
export const DELIVERY_STATUSES = ['pending', 'digest', 'sending', 'sent', 'failed', 'uncertain', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** How a person gets one kind of notification on one kind of channel. */
export const PREFERENCE_MODES = ['immediate', 'digest', 'off'] as const;
export type PreferenceMode = (typeof PREFERENCE_MODES)[number];

/**
 * A place notifications go: an SMTP server, a Slack webhook or app, a webhook URL (the kinds are
 * notifications/channels/types.ts's CHANNEL_KINDS). `config` is shown back; `secrets_ciphertext` holds the
 * driver's secrets sealed with RRCU_SECRET_KEY (core/secret-box.ts) and is never returned. `event_kinds`
 * says which outbox kinds go there (`*`: all). Archived, never deleted: deliveries name it.
 */
export const notificationChannels = pgTable(
  'notification_channels',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    secretsCiphertext: text('secrets_ciphertext'),
    eventKinds: text('event_kinds').array().notNull().default(sql`'{*}'::text[]`),
    /**
     * `settings`: added by an administrator. `environment`: the email channel of RRCU_SMTP_URL and
     * RRCU_MAIL_FROM, kept in step with them at start and read-only; its password stays in the environment.
     */
    source: text('source').$type<'settings' | 'environment'>().notNull().default('settings'),
    /** A webhook channel that also receives every audit event, in order (audit_stream_cursors). */
    auditStream: boolean('audit_stream').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('notification_channels_live_name').on(t.name).where(sql`${t.archivedAt} is null`)],
);

/**
 * One message to one address on one channel: what the delivery job claims, sends and records. Unique per
 * (outbox row, channel, address), so a fan-out repeated cannot deliver twice. A log whose status changes,
 * never deleted by a routine action: it is the evidence of who was told what, when.
 *
 * A digest is a delivery of its own (`kind` notification.digest, no outbox row, `digest_of` the rows it
 * lists); the rows it lists point back at it with `digest_id` and follow its outcome.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'set null' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => notificationChannels.id),
    /** The outbox row's kind, or notification.test / notification.digest. */
    kind: text('kind').notNull(),
    /** A DeliveryAddress (channels/types.ts). */
    address: jsonb('address').$type<Record<string, unknown>>().notNull(),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    userId: uuid('user_id').references(() => appUsers.id, { onDelete: 'set null' }),
    status: text('status').$type<DeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    lastError: text('last_error'),
    lastCode: integer('last_code'),
    providerRef: text('provider_ref'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    digestOf: uuid('digest_of').array(),
    digestId: uuid('digest_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_once').on(t.notificationId, t.channelId, t.address),
    index('notification_deliveries_log_idx').on(t.createdAt, t.id),
    index('notification_deliveries_status_idx').on(t.status, t.nextAttemptAt),
    index('notification_deliveries_digest_idx').on(t.digestId),
    check('notification_deliveries_status', sql`${t.status} in ('pending', 'digest', 'sending', 'sent', 'failed', 'uncertain', 'skipped')`),
  ],
);

/** Which outbox rows were fanned out into deliveries (with none, when nobody was to be told). */
export const notificationFanouts = pgTable('notification_fanouts', {
  notificationId: uuid('notification_id')
    .primaryKey()
    .references(() => notifications.id, { onDelete: 'cascade' }),
  fannedAt: timestamp('fanned_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A signed-in user's choice for one channel kind (`email`, `slack`) and one event kind (or `*`). No row:
 * the defaults of notifications/core/preferences.ts. Keyed by the user: a person who never signed in
 * has the defaults; once they sign in with the same email, their choices apply to what reaches that person.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => appUsers.id, { onDelete: 'cascade' }),
    channelKind: text('channel_kind').notNull(),
    eventKind: text('event_kind').notNull(),
    mode: text('mode').$type<PreferenceMode>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.channelKind, t.eventKind] }),
    check('notification_preferences_mode', sql`${t.mode} in ('immediate', 'digest', 'off')`),
  ],
);

/**
 * How far an audit-streaming webhook channel has received the audit chain: advanced only on a 2xx. The
 * failure columns describe the current streak of failed attempts and are cleared by the next 2xx.
 */
export const auditStreamCursors = pgTable('audit_stream_cursors', {
  channelId: uuid('channel_id')
    .primaryKey()
    .references(() => notificationChannels.id),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
  lastError: text('last_error'),
  /** When the last attempt failed (with lastError); null after a 2xx. */
  lastFailedAt: timestamp('last_failed_at', { withTimezone: true }),
  /** The first failure since the last 2xx: how long the receiver has been behind, and the key of its one notice. */
  failingSince: timestamp('failing_since', { withTimezone: true }),
});
