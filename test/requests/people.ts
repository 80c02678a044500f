import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/store/index.ts';

/** A person of the inventory with an Identity Center user on the connector. */
export type SsoPerson = { personId: string; email: string; userId: string };

/** Every person with an Identity Center user and an email on the connector, by email. */
export async function ssoPeople(db: Db, connectorId: string): Promise<SsoPerson[]> {
  const rows = await queryRows<{ person_id: string; email: string; external_id: string }>(db, sql`
    select r.person_id, p.email, r.external_id from resources r join people p on p.id = r.person_id
    where r.connector_id = ${connectorId} and r.resource_type_id = 'sso_user' and r.seen_to is null and p.email is not null order by p.email`);
  return rows.map((r) => ({ personId: r.person_id, email: r.email, userId: r.external_id }));
}

/** The Identity Center users holding any grant of these entitlement keys (directly or through a group), as last synced. */
export async function holdersOf(db: Db, connectorId: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await queryRows<{ principal_external_id: string }>(db, sql`
    select distinct principal_external_id from grants where connector_id = ${connectorId} and seen_to is null and principal_type_id = 'sso_user'
      and entitlement_key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`);
  return new Set(rows.map((r) => r.principal_external_id));
}

/** Accounts and permission sets as last synced. */
export async function inventoryOf(db: Db, connectorId: string): Promise<{ accounts: { id: string; name: string }[]; permissionSets: { arn: string; name: string }[] }> {
  const accounts = await queryRows<{ id: string; name: string }>(db, sql`
    select external_id as id, display_name as name from resources where connector_id = ${connectorId} and resource_type_id = 'account' and seen_to is null order by display_name`);
  const permissionSets = await queryRows<{ arn: string; name: string }>(db, sql`
    select external_id as arn, display_name as name from resources where connector_id = ${connectorId} and resource_type_id = 'permission_set' and seen_to is null order by display_name`);
  return { accounts, permissionSets };
}

/** A permission set assignment held through a group (account, permission set, group, member), as last synced. */
export async function groupHeldAssignments(db: Db, connectorId: string): Promise<{ entitlement_key: string; user_id: string; group_id: string }[]> {
  return queryRows(db, sql`
    select entitlement_key, principal_external_id as user_id, via_external_id as group_id from grants
    where connector_id = ${connectorId} and seen_to is null and principal_type_id = 'sso_user' and via_external_id is not null and entitlement_key like 'account:%'
    order by 1, 2`);
}

/** Permission set assignments held directly by an Identity Center user, as last synced. */
export async function directAssignments(db: Db, connectorId: string): Promise<{ entitlement_key: string; user_id: string }[]> {
  return queryRows(db, sql`
    select entitlement_key, principal_external_id as user_id from grants
    where connector_id = ${connectorId} and seen_to is null and principal_type_id = 'sso_user' and via_external_id is null and entitlement_key like 'account:%'
    order by 1, 2`);
}
