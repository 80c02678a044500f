import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { listOwners, ownerKey, ownersOf, removeOwner, setOwner } from '../../src/ownership/index.ts';
import { connectors, people, queryRows, resourceOwners, type Db } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { ACCOUNT, ADMINS, baseResources } from '../harness/inventory-fixtures.ts';
import { createConnectorRow, syncInventory } from '../harness/provisioning.ts';

const TAGGED_ACCOUNT = { resourceType: 'account', externalId: '444455556666' };

const auditOf = async (db: Db, ownerId: string) =>
  queryRows<{ type: string; actor: string; data: Record<string, unknown> }>(db, sql`select type, actor, data from audit_events where subject = ${`resource_owner:${ownerId}`} order by seq`);

describeStore('resource owners', (store) => {
  const db = () => store().db;
  let connectorId: string;
  let dana: { id: string; email: string };
  let eli: { id: string; email: string };

  beforeAll(async () => {
    connectorId = await createConnectorRow(db(), `owners-${randomUUID().slice(0, 8)}`);
    const suffix = randomUUID().slice(0, 8);
    const [d] = await db().insert(people).values({ displayName: 'Dana', email: `dana-${suffix}@corp.example` }).returning();
    const [e] = await db().insert(people).values({ displayName: 'Eli', email: `eli-${suffix}@corp.example` }).returning();
    dana = { id: d!.id, email: d!.email! };
    eli = { id: e!.id, email: e!.email! };
    // The owner tag's value as people type it: another case, spaces around.
    await syncInventory(db(), connectorId, [
      ...baseResources(),
      { kind: 'resource', ...TAGGED_ACCOUNT, displayName: 'tagged-prod', attributes: { tags: { owner: `  ${eli.email.toUpperCase()} ` } } },
    ]);
  });

  test('an owner is set by person id or by email, several per resource, each with its audit event', async () => {
    const actor = { actor: 'user:00000000-0000-4000-8000-00000000000a' };
    const byId = await setOwner(db(), { connectorId, resourceType: 'sso_group', resourceId: ADMINS.externalId, personId: dana.id }, actor);
    const byEmail = await setOwner(db(), { connectorId, resourceType: 'sso_group', resourceId: ADMINS.externalId, email: eli.email.toUpperCase() }, actor);
    expect(byId).toMatchObject({ source: 'rrcu', resourceName: 'Admins', person: { id: dana.id }, setBy: actor.actor, removedAt: null });
    expect(byEmail.person.id).toBe(eli.id);
    expect((await listOwners(db(), { connectorId, resourceType: 'sso_group', resourceId: ADMINS.externalId })).map((o) => o.person.displayName)).toEqual(['Dana', 'Eli']);
    expect(await auditOf(db(), byId.id!)).toEqual([
      { type: 'owner.set', actor: actor.actor, data: expect.objectContaining({ ownerId: byId.id, resourceType: 'sso_group', resourceId: ADMINS.externalId, personId: dana.id }) },
    ]);
    await expect(setOwner(db(), { connectorId, resourceType: 'sso_group', resourceId: ADMINS.externalId, personId: dana.id }, actor)).rejects.toMatchObject({ code: 'ALREADY_OWNER' });
  });

  test('an unknown resource, person or connector is not found', async () => {
    const actor = { actor: 'cli:test' };
    await expect(setOwner(db(), { connectorId, resourceType: 'account', resourceId: '999999999999', personId: dana.id }, actor)).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
    await expect(setOwner(db(), { connectorId, resourceType: 'account', resourceId: ACCOUNT.externalId, email: 'nobody@corp.example' }, actor)).rejects.toMatchObject({ code: 'OWNER_PERSON_NOT_FOUND' });
    await expect(removeOwner(db(), randomUUID(), actor)).rejects.toMatchObject({ code: 'OWNER_NOT_FOUND' });
  });

  test('removing an owner closes the row, never deletes it: history lists it with who removed it', async () => {
    const owner = await setOwner(db(), { connectorId, resourceType: 'account', resourceId: ACCOUNT.externalId, personId: dana.id }, { actor: 'cli:setter' });
    const removed = await removeOwner(db(), owner.id!, { actor: 'cli:remover' });
    expect(removed).toMatchObject({ id: owner.id, removedBy: 'cli:remover' });
    expect(removed.removedAt).not.toBeNull();
    expect(await db().select().from(resourceOwners).where(eq(resourceOwners.id, owner.id!))).toHaveLength(1);
    expect(await listOwners(db(), { connectorId, resourceType: 'account', resourceId: ACCOUNT.externalId })).toEqual([]);
    expect((await listOwners(db(), { connectorId, resourceType: 'account', resourceId: ACCOUNT.externalId, includeRemoved: true })).map((o) => o.id)).toEqual([owner.id]);
    expect((await auditOf(db(), owner.id!)).map((e) => `${e.type} by ${e.actor}`)).toEqual(['owner.set by cli:setter', 'owner.removed by cli:remover']);
    await expect(removeOwner(db(), owner.id!, { actor: 'cli:remover' })).rejects.toMatchObject({ code: 'OWNER_ALREADY_REMOVED' });
    // Set again after a removal: a new row, the old one kept.
    const again = await setOwner(db(), { connectorId, resourceType: 'account', resourceId: ACCOUNT.externalId, personId: dana.id }, { actor: 'cli:setter' });
    expect(again.id).not.toBe(owner.id);
  });

  test('with the connector\'s owner tag set, the tag names an owner too, its source said; without it, the tag means nothing', async () => {
    const tagged = { connectorId, resourceType: 'account' as const, resourceId: TAGGED_ACCOUNT.externalId };
    expect(await listOwners(db(), tagged)).toEqual([]);
    await db().update(connectors).set({ config: sql`${connectors.config} || '{"ownerTag":"owner"}'::jsonb` }).where(eq(connectors.id, connectorId));
    expect(await listOwners(db(), tagged)).toEqual([expect.objectContaining({ id: null, source: 'tag', tag: 'owner', resourceName: 'tagged-prod', person: expect.objectContaining({ id: eli.id }) })]);
    expect((await listOwners(db(), { connectorId, resourceType: 'account' })).filter((o) => o.source === 'tag').map((o) => o.resourceId)).toEqual([TAGGED_ACCOUNT.externalId]);
    const rrcu = await setOwner(db(), { ...tagged, personId: dana.id }, { actor: 'cli:test' });
    expect((await listOwners(db(), tagged)).map((o) => `${o.person.displayName} (${o.source})`)).toEqual(['Dana (rrcu)', 'Eli (tag)']);
    await removeOwner(db(), rrcu.id!, { actor: 'cli:test' });
  });

  test('ownersOf answers many resources in one call, both sources, keyed by resource; a resource without owners has no entry', async () => {
    const refs = [
      { connectorId, resourceType: 'sso_group' as const, resourceId: ADMINS.externalId },
      { connectorId, resourceType: 'account' as const, resourceId: TAGGED_ACCOUNT.externalId },
      { connectorId, resourceType: 'permission_set' as const, resourceId: 'arn:aws:sso:::permissionSet/ssoins-1/ps-none' },
    ];
    const owners = await ownersOf(db(), refs);
    expect(owners.get(ownerKey(refs[0]!))?.map((o) => o.person.displayName).sort()).toEqual(['Dana', 'Eli']);
    expect(owners.get(ownerKey(refs[1]!))?.map((o) => o.source)).toEqual(['tag']);
    expect(owners.has(ownerKey(refs[2]!))).toBe(false);
  });
});
