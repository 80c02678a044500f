import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { connectors } from './connectors.ts';
import { people } from './people.ts';

/**
 * Who owns a resource (an account, a permission set, a group), as set in RRCU: the person a review asks
 * about it. Several owners per resource. An owner is never deleted by a routine action: removing one
 * fills `removed_*`, so who owned what when stays as evidence. The rows go only with their connector,
 * when an archived connector's data is purged, as its inventory does. Owners read from a resource's tag
 * are not stored here: they are read from the synced resource when asked.
 */
export const resourceOwners = pgTable(
  'resource_owners',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => connectors.id, { onDelete: 'cascade' }),
    resourceTypeId: text('resource_type_id').notNull(),
    /** The id AWS gives it: account id, permission set ARN, Identity Center group id, IAM group ARN. */
    resourceExternalId: text('resource_external_id').notNull(),
    /** Its name when the owner was set, so the record reads after the resource is gone. */
    resourceName: text('resource_name').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** Who set it: `user:<id>`, `token:<id>`, `cli:<os user>`. */
    setBy: text('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
    removedBy: text('removed_by'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    // A person owns a resource once at a time; setting them again after a removal starts a new row.
    uniqueIndex('resource_owners_one_active')
      .on(t.connectorId, t.resourceTypeId, t.resourceExternalId, t.personId)
      .where(sql`${t.removedAt} is null`),
    index('resource_owners_resource_idx').on(t.connectorId, t.resourceTypeId, t.resourceExternalId, t.setAt),
  ],
);
