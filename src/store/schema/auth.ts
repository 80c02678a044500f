import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** What a signed-in user may do; every signed-in user is also a `person` (their own access). */
export type AppRole = 'super_admin' | 'connector_admin' | 'auditor' | 'person';

/**
 * Someone who signs in to RRCU: the local administrator (`local:admin`) or a user of the OpenID Connect
 * IdP (`oidc:<issuer>#<sub>`). Not the same as a `person` of the inventory: that link is by email.
 */
export const appUsers = pgTable(
  'app_users',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** `local:<name>` or `oidc:<issuer>#<sub>`: stable across renames and email changes. */
    subject: text('subject').notNull(),
    email: text('email'),
    displayName: text('display_name').notNull(),
    role: text('role').$type<AppRole>().notNull().default('person'),
    /** The local administrator's scrypt hash (`scrypt$N$r$p$salt$hash`); null for IdP users. */
    passwordHash: text('password_hash'),
    /** The printed one-time password must be replaced at the first sign-in. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('app_users_subject_key').on(t.subject)],
);

/**
 * Server-side sessions: the cookie holds a random id, the table its SHA-256, so a leaked database
 * does not hand out live sessions. Revoking a row signs that browser out at its next request.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUsers.id, { onDelete: 'cascade' }),
    /** Sent back in the `x-csrf-token` header on every state-changing request. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Tokens for scripts and the CLI: shown once, stored as SHA-256, scoped to one role. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    /** SHA-256 of the whole token; the token's first characters stay visible (`prefix`) to recognise it. */
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    role: text('role').$type<AppRole>().notNull(),
    createdBy: uuid('created_by').references(() => appUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash)],
);

/** Small settings the application keeps for itself, e.g. which connector is the simulated demo. */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
