import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** PostgreSQL's bytea as a Node Buffer on both drivers (drizzle has no bytea column of its own). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * The key evidence packs are signed with: Ed25519, made once (`evidence/signing`). The private key is
 * sealed with RRCU_SECRET_KEY (core/secret-box) and never leaves the process that signs; the public key is
 * served and put in every pack. Migration 0015 refuses UPDATE and DELETE: a replaced key would leave every
 * pack made before it unverifiable against the key RRCU serves.
 */
export const evidenceSigningKeys = pgTable('evidence_signing_keys', {
  /** One key today (`evidence`); the name leaves room for a rotation that keeps the old ones. */
  name: text('name').primaryKey(),
  algorithm: text('algorithm').notNull(),
  publicKeyPem: text('public_key_pem').notNull(),
  /** SHA-256 of the public key's DER (SubjectPublicKeyInfo), hex: what `openssl pkey -pubin -outform DER | sha256sum` prints. */
  fingerprint: text('fingerprint').notNull(),
  privateKeySealed: text('private_key_sealed').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type EvidencePackStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * Evidence packs: one row per pack asked for, made by a job. Evidence is never deleted by a routine action:
 * migration 0015's triggers refuse DELETE and TRUNCATE, keep what was asked (kind, parameters, who, when)
 * fixed, and let status and progress only go forward (queued → running → done | failed).
 */
export const evidencePacks = pgTable(
  'evidence_packs',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** A report kind (`evidence/report-model.ts`). */
    kind: text('kind').notNull(),
    parameters: jsonb('parameters').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<EvidencePackStatus>().notNull().default('queued'),
    /** 0–100. */
    progress: integer('progress').notNull().default(0),
    /** What failed, in words, when `status` is failed. */
    error: text('error'),
    /** `user:<id>`, `token:<id>`, `cli:<os user>`, `system`. */
    madeBy: text('made_by').notNull(),
    madeAt: timestamp('made_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** SHA-256 of the zip, hex, and its size in bytes, once done. */
    sha256: text('sha256'),
    size: integer('size'),
  },
  (t) => [index('evidence_packs_made_at_idx').on(t.madeAt)],
);

/**
 * A finished pack's zip, apart from its row so listing packs never reads the bytes. In the database rather
 * than the data directory: with PostgreSQL, several processes share the store but not a directory, and a
 * backup of the database then holds the evidence too. Insert-only (migration 0015).
 */
export const evidencePackFiles = pgTable('evidence_pack_files', {
  packId: uuid('pack_id')
    .primaryKey()
    .references(() => evidencePacks.id),
  zip: bytea('zip').notNull(),
});
