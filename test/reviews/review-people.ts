import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/store/index.ts';

/** The person holding the most Identity Center group memberships (`holder`), and one holding none of them (`other`). */
export async function holderAndOther(db: Db, connectorId: string): Promise<{ holder: string; other: string }> {
  const members = await queryRows<{ person_id: string; n: number }>(db, sql`
    select p.person_id, count(*)::int as n from grants g join resources p on p.connector_id = g.connector_id and p.resource_type_id = g.principal_type_id
      and p.external_id = g.principal_external_id and p.seen_to is null
    where g.connector_id = ${connectorId} and g.seen_to is null and g.via_external_id is null and g.entitlement_key like 'sso_group:%#member' and p.person_id is not null
    group by 1 order by 2 desc, 1`);
  const [none] = await queryRows<{ id: string }>(db, sql`select id from people where id not in (${sql.join(members.map((m) => sql`${m.person_id}::uuid`), sql`, `)}) order by id limit 1`);
  return { holder: members[0]!.person_id, other: none!.id };
}

/** The first direct Identity Center group membership (by entitlement, principal) whose member is not `personId`'s: a grant for the granter rule's tests. */
export async function membershipNotHeldBy(db: Db, connectorId: string, personId: string): Promise<{ entitlement_key: string; principal_type_id: string; principal_external_id: string }> {
  const [grant] = await queryRows<{ entitlement_key: string; principal_type_id: string; principal_external_id: string }>(db, sql`
    select g.entitlement_key, g.principal_type_id, g.principal_external_id from grants g join resources p on p.connector_id = g.connector_id
      and p.resource_type_id = g.principal_type_id and p.external_id = g.principal_external_id and p.seen_to is null
    where g.connector_id = ${connectorId} and g.seen_to is null and g.via_external_id is null and g.entitlement_key like 'sso_group:%#member'
      and p.person_id is distinct from ${personId} order by 1, 3 limit 1`);
  return grant!;
}
