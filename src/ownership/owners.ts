/**
 * Resource owners: set in RRCU (stored, audited, removed by closing the row) or read from the tag the
 * connector's `ownerTag` setting names on the resource as last synced (an email → the person with it).
 * Both count; each answer says which source it comes from.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/index.ts';
import { RrcuError } from '../core/errors.ts';
import { isUniqueViolation, lockLiveConnector, people, queryRows, resourceOwners, resources, type Db } from '../store/index.ts';
import { OWNERSHIP_ERRORS } from './errors.ts';
import { OWNABLE_RESOURCE_TYPES, ownerListFilterSchema, type OwnerListFilter, type OwnerView, type ResourceRef, type SetOwnerInput } from './schemas.ts';

/** Names who set an owner (identity's `actorNames`), looked up when read. */
export type ActorNamer = (actors: Iterable<string>) => Promise<Map<string, string>>;

type OwnerRow = typeof resourceOwners.$inferSelect;
type PersonRef = { id: string; displayName: string; email: string | null };

function toOwnerView(row: OwnerRow, person: PersonRef, names: Map<string, string>): OwnerView {
  return {
    id: row.id,
    connectorId: row.connectorId,
    resourceType: row.resourceTypeId,
    resourceId: row.resourceExternalId,
    resourceName: row.resourceName,
    person,
    source: 'rrcu',
    tag: null,
    setBy: row.setBy,
    setByName: names.get(row.setBy) ?? null,
    setAt: row.setAt.toISOString(),
    removedBy: row.removedBy,
    removedAt: row.removedAt?.toISOString() ?? null,
  };
}

async function currentResource(db: Db, ref: ResourceRef): Promise<{ displayName: string }> {
  const [resource] = await db
    .select({ displayName: resources.displayName })
    .from(resources)
    .where(and(eq(resources.connectorId, ref.connectorId), eq(resources.resourceTypeId, ref.resourceType), eq(resources.externalId, ref.resourceId), isNull(resources.seenTo)));
  if (!resource) {
    throw new RrcuError(OWNERSHIP_ERRORS.RESOURCE_NOT_FOUND, `No ${ref.resourceType} ${ref.resourceId} in connector ${ref.connectorId}'s current inventory.`, {
      fix: 'Name a resource the last sync saw (rrcu access, or the Access page), by its id: an account id, a permission set ARN, an Identity Center group id or an IAM group ARN.',
    });
  }
  return resource;
}

async function findPerson(db: Db, by: { personId?: string | undefined; email?: string | undefined }): Promise<PersonRef> {
  const where = by.personId !== undefined ? eq(people.id, by.personId) : eq(people.email, (by.email ?? '').toLowerCase());
  const [person] = await db.select({ id: people.id, displayName: people.displayName, email: people.email }).from(people).where(where);
  if (!person) {
    throw new RrcuError(OWNERSHIP_ERRORS.OWNER_PERSON_NOT_FOUND, `No person ${by.personId ?? by.email} in the inventory.`, {
      fix: 'Owners are people the syncs found (rrcu access, GET /api/people): give one of their ids or emails.',
    });
  }
  return person;
}

/** Makes a person an owner of a current resource, with its audit event in the same transaction. */
export async function setOwner(db: Db, input: SetOwnerInput, ctx: { actor: string }): Promise<OwnerView> {
  return db.transaction(async (tx) => {
    await lockLiveConnector(tx, input.connectorId);
    const resource = await currentResource(tx, input);
    const person = await findPerson(tx, input);
    let row: OwnerRow;
    try {
      [row] = (await tx
        .insert(resourceOwners)
        .values({ connectorId: input.connectorId, resourceTypeId: input.resourceType, resourceExternalId: input.resourceId, resourceName: resource.displayName, personId: person.id, setBy: ctx.actor })
        .returning()) as [OwnerRow];
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      throw new RrcuError(OWNERSHIP_ERRORS.ALREADY_OWNER, `${person.displayName} already owns ${resource.displayName}.`, { fix: 'Nothing to do; list its owners with GET /api/owners or rrcu owners list.' });
    }
    await recordAuditEvent(tx, {
      type: 'owner.set',
      actor: ctx.actor,
      subject: `resource_owner:${row.id}`,
      data: { ownerId: row.id, connectorId: row.connectorId, resourceType: row.resourceTypeId, resourceId: row.resourceExternalId, resourceName: row.resourceName, personId: person.id, personEmail: person.email },
    });
    return toOwnerView(row, person, new Map());
  });
}

/** Ends an owner's ownership: the row is closed, never deleted, and the audit log says who did it. */
export async function removeOwner(db: Db, id: string, ctx: { actor: string }): Promise<OwnerView> {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(resourceOwners).where(eq(resourceOwners.id, id)).for('update');
    if (!found) throw new RrcuError(OWNERSHIP_ERRORS.OWNER_NOT_FOUND, `No owner record ${id}.`, { fix: 'List owners (GET /api/owners, rrcu owners list) for their ids.' });
    if (found.removedAt) {
      throw new RrcuError(OWNERSHIP_ERRORS.OWNER_ALREADY_REMOVED, `Owner record ${id} was removed on ${found.removedAt.toISOString()}.`, { fix: 'Nothing to do.' });
    }
    await lockLiveConnector(tx, found.connectorId);
    const [row] = (await tx.update(resourceOwners).set({ removedAt: sql`now()`, removedBy: ctx.actor }).where(eq(resourceOwners.id, id)).returning()) as [OwnerRow];
    const [person] = await tx.select({ id: people.id, displayName: people.displayName, email: people.email }).from(people).where(eq(people.id, row.personId));
    await recordAuditEvent(tx, {
      type: 'owner.removed',
      actor: ctx.actor,
      subject: `resource_owner:${row.id}`,
      data: { ownerId: row.id, connectorId: row.connectorId, resourceType: row.resourceTypeId, resourceId: row.resourceExternalId, resourceName: row.resourceName, personId: row.personId },
    });
    return toOwnerView(row, person!, new Map());
  });
}

type TagOwnerRow = { resource_type: string; resource_id: string; resource_name: string; connector_id: string; tag: string; person_id: string; display_name: string; email: string | null };

function tagOwnerView(r: TagOwnerRow): OwnerView {
  return {
    id: null,
    connectorId: r.connector_id,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    resourceName: r.resource_name,
    person: { id: r.person_id, displayName: r.display_name, email: r.email },
    source: 'tag',
    tag: r.tag,
    setBy: null,
    setByName: null,
    setAt: null,
    removedBy: null,
    removedAt: null,
  };
}

/**
 * Owners read from tags: the current resources among `refs` whose connector names an owner tag
 * (`config.ownerTag`) and which carry it with the email of a person. One query for any number of refs.
 */
async function tagOwners(db: Db, refs: readonly ResourceRef[]): Promise<OwnerView[]> {
  if (refs.length === 0) return [];
  const wanted = JSON.stringify(refs.map((r) => ({ connector_id: r.connectorId, resource_type: r.resourceType, external_id: r.resourceId })));
  const rows = await queryRows<TagOwnerRow>(db, sql`
    select r.resource_type_id as resource_type, r.external_id as resource_id, r.display_name as resource_name, r.connector_id::text as connector_id,
           c.config->>'ownerTag' as tag, p.id::text as person_id, p.display_name, p.email
    from jsonb_to_recordset(${wanted}::jsonb) as q(connector_id uuid, resource_type text, external_id text)
    join connectors c on c.id = q.connector_id and c.config->>'ownerTag' is not null
    join resources r on r.connector_id = q.connector_id and r.resource_type_id = q.resource_type and r.external_id = q.external_id and r.seen_to is null
    join people p on p.email = lower(trim(r.attributes->'tags'->>(c.config->>'ownerTag')))`);
  return rows.map(tagOwnerView);
}

/** The tag owners of every current ownable resource of one connector (for listing without a resource). */
async function tagOwnersOfConnector(db: Db, connectorId: string, resourceType: string | undefined): Promise<OwnerView[]> {
  const rows = await queryRows<TagOwnerRow>(db, sql`
    select r.resource_type_id as resource_type, r.external_id as resource_id, r.display_name as resource_name, r.connector_id::text as connector_id,
           c.config->>'ownerTag' as tag, p.id::text as person_id, p.display_name, p.email
    from connectors c
    join resources r on r.connector_id = c.id and r.seen_to is null
      and r.resource_type_id in (${sql.join(OWNABLE_RESOURCE_TYPES.map((t) => sql`${t}`), sql`, `)})
      and (${resourceType ?? null}::text is null or r.resource_type_id = ${resourceType ?? null})
    join people p on p.email = lower(trim(r.attributes->'tags'->>(c.config->>'ownerTag')))
    where c.id = ${connectorId} and c.config->>'ownerTag' is not null`);
  return rows.map(tagOwnerView);
}

async function rrcuOwners(db: Db, where: ReturnType<typeof and>, actorNames: ActorNamer | undefined): Promise<OwnerView[]> {
  const rows = await db
    .select({ owner: resourceOwners, person: { id: people.id, displayName: people.displayName, email: people.email } })
    .from(resourceOwners)
    .innerJoin(people, eq(people.id, resourceOwners.personId))
    .where(where)
    .orderBy(resourceOwners.resourceTypeId, resourceOwners.resourceExternalId, resourceOwners.setAt);
  const names = actorNames ? await actorNames(new Set(rows.flatMap((r) => [r.owner.setBy, ...(r.owner.removedBy ? [r.owner.removedBy] : [])]))) : new Map<string, string>();
  return rows.map((r) => toOwnerView(r.owner, r.person, names));
}

/** The owners of one connector's resources (all, one type, or one resource): set in RRCU, then from tags. */
export async function listOwners(db: Db, filter: OwnerListFilter, deps: { actorNames?: ActorNamer } = {}): Promise<OwnerView[]> {
  const f = ownerListFilterSchema.parse(filter);
  const set = await rrcuOwners(
    db,
    and(
      eq(resourceOwners.connectorId, f.connectorId),
      f.resourceType ? eq(resourceOwners.resourceTypeId, f.resourceType) : undefined,
      f.resourceId ? eq(resourceOwners.resourceExternalId, f.resourceId) : undefined,
      f.includeRemoved ? undefined : isNull(resourceOwners.removedAt),
    ),
    deps.actorNames,
  );
  const tagged = f.resourceType && f.resourceId
    ? await tagOwners(db, [{ connectorId: f.connectorId, resourceType: f.resourceType, resourceId: f.resourceId }])
    : (await tagOwnersOfConnector(db, f.connectorId, f.resourceType)).filter((o) => !f.resourceId || o.resourceId === f.resourceId);
  return [...set, ...tagged];
}

/** The key `ownersOf` answers by: connector, resource type and id. */
export const ownerKey = (ref: ResourceRef): string => `${ref.connectorId}|${ref.resourceType}|${ref.resourceId}`;

/**
 * The current owners of many resources at once (the review engine resolving "the owner" reviewer),
 * keyed by `ownerKey`; a resource without owners has no entry. Two queries whatever the count.
 */
export async function ownersOf(db: Db, refs: readonly ResourceRef[]): Promise<Map<string, OwnerView[]>> {
  const byKey = new Map<string, OwnerView[]>();
  if (refs.length === 0) return byKey;
  const wanted = JSON.stringify(refs.map((r) => ({ connector_id: r.connectorId, resource_type: r.resourceType, external_id: r.resourceId })));
  const set = await rrcuOwners(
    db,
    and(
      isNull(resourceOwners.removedAt),
      sql`(${resourceOwners.connectorId}, ${resourceOwners.resourceTypeId}, ${resourceOwners.resourceExternalId}) in
          (select connector_id, resource_type, external_id from jsonb_to_recordset(${wanted}::jsonb) as q(connector_id uuid, resource_type text, external_id text))`,
    ),
    undefined,
  );
  for (const owner of [...set, ...(await tagOwners(db, refs))]) {
    const key = ownerKey({ connectorId: owner.connectorId, resourceType: owner.resourceType as ResourceRef['resourceType'], resourceId: owner.resourceId });
    byKey.set(key, [...(byKey.get(key) ?? []), owner]);
  }
  return byKey;
}
