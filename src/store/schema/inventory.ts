import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { connectors, syncRuns } from './connectors.ts';
import { people } from './people.ts';

/**
 * The versioned inventory: resources, entitlements and grants as syncs observed them.
 *
 * A row is one version of one item. `key` is the item's stable identity within its connector; a sync
 * that sees the item unchanged leaves the row alone, one that sees it changed closes the row and opens
 * a new version, one that no longer sees it closes it. Rows are never updated otherwise nor deleted,
 * so "who had access at T" is `seen_from <= T < coalesce(seen_to, ∞)`.
 */

/** A kind of thing a connector lists (`account`, `iam_user`, `sso_group`, `permission_set`, …). */
export const resourceTypes = pgTable('resource_types', {
  id: text('id').primaryKey(),
  displayName: text('display_name').notNull(),
  /** Principals can hold grants (users, groups, roles). */
  isPrincipal: boolean('is_principal').notNull().default(false),
});

const versioned = {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  connectorId: uuid('connector_id')
    .notNull()
    .references(() => connectors.id, { onDelete: 'cascade' }),
  key: text('key').notNull(),
  /** A digest of the observed content; a different hash for the same key is a new version. */
  contentHash: text('content_hash').notNull(),
  seenFrom: timestamp('seen_from', { withTimezone: true }).notNull(),
  seenTo: timestamp('seen_to', { withTimezone: true }),
  openedRunId: bigint('opened_run_id', { mode: 'number' })
    .notNull()
    .references(() => syncRuns.id),
  closedRunId: bigint('closed_run_id', { mode: 'number' }).references(() => syncRuns.id),
};

export const resources = pgTable(
  'resources',
  {
    ...versioned,
    resourceTypeId: text('resource_type_id')
      .notNull()
      .references(() => resourceTypes.id),
    /** The id AWS gives it (account id, ARN, Identity Center user or group id, permission set ARN). */
    externalId: text('external_id').notNull(),
    parentTypeId: text('parent_type_id'),
    parentExternalId: text('parent_external_id'),
    displayName: text('display_name').notNull(),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    /** The human behind a principal, matched by email or user name. */
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('resources_current_key').on(t.connectorId, t.key).where(sql`${t.seenTo} is null`),
    index('resources_type_idx').on(t.connectorId, t.resourceTypeId, t.externalId),
    // Lookups by id alone: the group a grant comes through is recorded without its resource type.
    index('resources_external_idx').on(t.connectorId, t.externalId),
    index('resources_person_idx').on(t.personId),
    // A name people type (access/resolve-names.ts): by id, display name, user name or email, case aside.
    index('resources_id_idx').on(t.externalId),
    index('resources_name_idx').on(sql`lower(${t.displayName})`),
    index('resources_user_name_idx').on(sql`lower(${t.attributes}->>'userName')`),
    index('resources_email_idx').on(sql`lower(${t.attributes}->>'email')`),
    index('resources_opened_idx').on(t.openedRunId),
    index('resources_closed_idx').on(t.closedRunId),
  ],
);

export const entitlements = pgTable(
  'entitlements',
  {
    ...versioned,
    /** The resource the entitlement is on (the group for `member`, the account for a permission set). */
    resourceTypeId: text('resource_type_id').notNull(),
    resourceExternalId: text('resource_external_id').notNull(),
    /** `member`, or the permission set's name for an account assignment. */
    slug: text('slug').notNull(),
    displayName: text('display_name').notNull(),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex('entitlements_current_key').on(t.connectorId, t.key).where(sql`${t.seenTo} is null`),
    // In the access explorer's order (resource, then entitlement name): a page of it reads only its own rows.
    index('entitlements_resource_idx').on(t.connectorId, t.resourceTypeId, t.resourceExternalId, t.displayName),
    // Grants join their entitlement by key at any instant, which the partial unique index (current rows) cannot serve.
    index('entitlements_key_idx').on(t.connectorId, t.key),
    index('entitlements_opened_idx').on(t.openedRunId),
    index('entitlements_closed_idx').on(t.closedRunId),
  ],
);

export const grants = pgTable(
  'grants',
  {
    ...versioned,
    /** The entitlement's `key`. */
    entitlementKey: text('entitlement_key').notNull(),
    principalTypeId: text('principal_type_id').notNull(),
    principalExternalId: text('principal_external_id').notNull(),
    /** The group's external id when this grant is a group's grant expanded to one member; null when direct. */
    viaExternalId: text('via_external_id'),
    /** How RRCU learnt of the grant: `sync` (observed in AWS). */
    source: text('source').notNull().default('sync'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex('grants_current_key').on(t.connectorId, t.key).where(sql`${t.seenTo} is null`),
    index('grants_entitlement_idx').on(t.connectorId, t.entitlementKey),
    index('grants_principal_idx').on(t.connectorId, t.principalTypeId, t.principalExternalId),
    index('grants_opened_idx').on(t.openedRunId),
    // Only closed rows: a sync writes up to a million open ones, and a diff asks for closed ones only.
    index('grants_closed_idx').on(t.closedRunId).where(sql`${t.closedRunId} is not null`),
  ],
);

/**
 * What a running sync has observed so far, before it commits. A sync that fails leaves these rows
 * to be discarded and the inventory untouched; one that is interrupted can resume adding to them.
 */
export const snapshotItems = pgTable(
  'snapshot_items',
  {
    syncRunId: bigint('sync_run_id', { mode: 'number' })
      .notNull()
      .references(() => syncRuns.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'resource' | 'entitlement' | 'grant'>().notNull(),
    key: text('key').notNull(),
    contentHash: text('content_hash').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex('snapshot_items_key').on(t.syncRunId, t.kind, t.key)],
);
