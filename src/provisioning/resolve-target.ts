import { sql, type SQL } from 'drizzle-orm';
import { findNamed, isProvisionableEntitlement, listCandidates, resolveName } from '../access/index.ts';
import { describeEntitlement } from '../core/describe-entitlement.ts';
import { COMMON_ERRORS, RrcuError } from '../core/errors.ts';
import { queryRows, type Db, type StoredProvisioningTarget } from '../store/index.ts';
import { PROVISIONING_ERRORS } from './errors.ts';

export { describeEntitlement };

/**
 * Turns what a person types into the entitlement and principal a task acts on, from the current
 * inventory of one connector. Ids always work; names work when exactly one item carries them.
 */

type EntitlementRow = StoredProvisioningTarget['entitlement'] & { resourceDisplayName: string | null };

/**
 * Called with a synced resource that the entitlement text names but that is not an entitlement, taken
 * as one; throws the connector's reason why it cannot be granted (see `Connector.check`).
 */
export type NotAnEntitlement = (resource: EntitlementRow) => Promise<void>;
type PrincipalRow = StoredProvisioningTarget['principal'];

/**
 * An entitlement, given as
 * - its key (`account:111122223333#arn:aws:sso:::permissionSet/…`, `sso_group:<id>#member`),
 * - `<name> on <resource>`: a permission set's name or ARN on an account's name or id (`AdministratorAccess on payments-prod`),
 * - `member of <group>`, or a group's name or id alone: membership of that group,
 * - a permission set's name alone, when it is assigned on one account only;
 * or as `name` plus `resource` given separately.
 */
export async function resolveEntitlement(
  db: Db,
  connectorId: string,
  text: string,
  resource?: string,
  principalHint?: string,
  notAnEntitlement?: NotAnEntitlement,
): Promise<EntitlementRow> {
  const given = resource ? `${JSON.stringify(text)} on ${JSON.stringify(resource)}` : JSON.stringify(text);
  const attempts: SQL[] = [];
  const byKey = sql`e.key = ${text}`;
  if (resource) attempts.push(onResource(text, resource));
  else {
    attempts.push(byKey);
    const memberOf = /^member of (.+)$/i.exec(text);
    if (memberOf) attempts.push(onResource('member', memberOf[1]!.trim()));
    const on = text.lastIndexOf(' on ');
    if (on > 0) attempts.push(onResource(text.slice(0, on).trim(), text.slice(on + 4).trim()));
    attempts.push(sql`(lower(e.display_name) = lower(${text}) or e.slug = ${text}
      or (e.slug = 'member' and (e.resource_external_id = ${text} or lower(r.display_name) = lower(${text}))))`);
  }
  // A key names one entitlement exactly; a name must not pick an IAM policy or a role's trust of the same name.
  const byName = (match: SQL) => (match === byKey ? match : sql`${match} and ${isProvisionableEntitlement('e')}`);
  for (const match of attempts) {
    let found = await currentEntitlements(db, connectorId, byName(match));
    // "member of Billing" with an IAM group and an Identity Center group of that name: the principal tells them apart.
    if (found.length > 1 && principalHint) {
      const holders = new Set((await findNamed(db, 'principal', principalHint, { connectorId })).map((p) => p.resourceType));
      const fitting = found.filter((e) => holderTypes(e.resourceType).some((t) => holders.has(t)));
      if (fitting.length > 0) found = fitting;
    }
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      throw new RrcuError(COMMON_ERRORS.AMBIGUOUS, `${found.length} entitlements match ${given}: ${listCandidates(found.map((e) => describeEntitlement(e, { withKey: true })))}.`, {
        fix: 'Name the resource too (`--entitlement "AdministratorAccess on payments-prod"` or `--resource`), or give the entitlement key shown in brackets.',
      });
    }
  }
  // The text may name something the last sync saw that is not an entitlement (an IAM role, a user, an
  // account alone): the connector says why that cannot be granted rather than "sync first".
  const [named] = notAnEntitlement && !resource ? await resourcesNamed(db, connectorId, text) : [];
  if (named) await notAnEntitlement!(named);
  throw new RrcuError(COMMON_ERRORS.NOT_FOUND, `No entitlement matches ${given} in the last sync of this connector.`, {
    fix: 'Give a permission set and account (`AdministratorAccess on payments-prod`), a group name for membership, or an entitlement key (`account:<id>#<permission set ARN>`, `sso_group:<id>#member`); sync first if it is new.',
  });
}

/**
 * A principal, by any form `resolveName` accepts (the same as `rrcu access`). Types that can hold
 * `entitlement` are preferred, so an IAM user and an Identity Center user of one name do not make a
 * membership ambiguous.
 */
export async function resolvePrincipal(db: Db, connectorId: string, text: string, entitlement: { resourceType: string }): Promise<PrincipalRow> {
  const holders = holderTypes(entitlement.resourceType);
  const { resourceType, externalId, displayName, attributes } = await resolveName(db, 'principal', text, { connectorId, prefer: (p) => holders.includes(p.resourceType) });
  return { resourceType, externalId, displayName, attributes };
}

/** What a revoke by grant id acts on: the grant as the last sync saw it, its entitlement and its principal. */
export type GrantTarget = {
  grant: { id: number; entitlementKey: string; attributes: Record<string, unknown> };
  entitlement: EntitlementRow;
  principal: PrincipalRow;
};

/**
 * Current grants by row id (`grants.id`), each with its entitlement and principal: three queries for any
 * number of grants (a review's close revokes a thousand). Each id answers its target, or why it cannot be
 * revoked by id: no such grant, no longer current, its entitlement gone, or held through a group.
 */
export async function grantTargets(db: Db, connectorId: string, grantIds: readonly number[]): Promise<Map<number, GrantTarget | RrcuError>> {
  const ids = [...new Set(grantIds)];
  if (ids.length === 0) return new Map();
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    select id, entitlement_key, principal_type_id, principal_external_id, via_external_id, attributes, seen_to
    from grants where connector_id = ${connectorId} and id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  const grants = new Map(rows.map((r) => [Number(r.id), r]));
  const keys = [...new Set(rows.map((r) => String(r.entitlement_key)))];
  const entitlements = new Map(
    keys.length ? (await currentEntitlements(db, connectorId, sql`e.key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`, null)).map((e) => [e.key, e]) : [],
  );
  const refs = rows.flatMap((r) => [
    { resourceType: String(r.principal_type_id), externalId: String(r.principal_external_id) },
    ...(r.via_external_id ? [{ resourceType: 'sso_group', externalId: String(r.via_external_id) }] : []),
  ]);
  const principals = await principalsByRef(db, connectorId, refs);
  const named = (ref: { resourceType: string; externalId: string }) => principals.get(refId(ref)) ?? unnamedPrincipal(ref);
  return new Map(ids.map((id): [number, GrantTarget | RrcuError] => {
    const row = grants.get(id);
    if (!row) {
      return [id, new RrcuError(COMMON_ERRORS.NOT_FOUND, `No grant ${id} on this connector.`, { fix: 'Check the grant id, or name the entitlement and principal instead (`--entitlement … --principal …`).' })];
    }
    if (row.seen_to !== null) {
      return [id, new RrcuError(PROVISIONING_ERRORS.GRANT_NOT_CURRENT, `Grant ${id} is no longer current: the last sync did not see it.`, {
        fix: 'Nothing to revoke; to make sure, name the entitlement and principal (`--entitlement … --principal …`), which checks AWS itself.',
        fields: ['grantId'],
      })];
    }
    const key = String(row.entitlement_key);
    const entitlement = entitlements.get(key);
    if (!entitlement) return [id, new RrcuError(COMMON_ERRORS.NOT_FOUND, `The entitlement ${key} is not in the last sync of this connector.`, { fix: 'Sync the connector, then try again.' })];
    const principal = named({ resourceType: String(row.principal_type_id), externalId: String(row.principal_external_id) });
    if (row.via_external_id) {
      const via = String(row.via_external_id);
      const group = named({ resourceType: 'sso_group', externalId: via });
      const what = describeEntitlement(entitlement);
      return [id, new RrcuError(PROVISIONING_ERRORS.GRANT_INHERITED, `Grant ${id} (${what} for ${principal.displayName}) is held through group ${group.displayName}, not directly.`, {
        fix: `Remove ${principal.displayName} from the group (\`rrcu revoke --entitlement "member of ${group.displayName}" --principal ${principal.externalId}\`), or revoke the group's own assignment (\`--entitlement "${what}" --principal ${via}\`).`,
        fields: ['grantId'],
      })];
    }
    return [id, { grant: { id, entitlementKey: key, attributes: (row.attributes as Record<string, unknown>) ?? {} }, entitlement, principal }];
  }));
}

/** The attributes of the principal's direct, current grant of the entitlement, if the last sync saw one. */
export async function currentDirectGrant(db: Db, connectorId: string, entitlementKey: string, principal: { resourceType: string; externalId: string }) {
  const [row] = await queryRows<Record<string, unknown>>(db, sql`
    select id, attributes from grants
    where connector_id = ${connectorId} and entitlement_key = ${entitlementKey} and principal_type_id = ${principal.resourceType}
      and principal_external_id = ${principal.externalId} and via_external_id is null and seen_to is null`);
  return row ? { id: Number(row.id), attributes: (row.attributes as Record<string, unknown>) ?? {} } : undefined;
}

const refId = (ref: { resourceType: string; externalId: string }) => `${ref.resourceType}\u0000${ref.externalId}`;

// A grant can outlive its principal's resource row by one sync; the id still names it.
const unnamedPrincipal = (ref: { resourceType: string; externalId: string }): PrincipalRow => ({ ...ref, displayName: ref.externalId, attributes: {} });

/** The current resources of `refs`, by `refId`, in one query; a ref the last sync did not see is absent. */
async function principalsByRef(db: Db, connectorId: string, refs: readonly { resourceType: string; externalId: string }[]): Promise<Map<string, PrincipalRow>> {
  if (refs.length === 0) return new Map();
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    select resource_type_id, external_id, display_name, attributes from resources
    where connector_id = ${connectorId} and seen_to is null
      and (resource_type_id, external_id) in (${sql.join(refs.map((r) => sql`(${r.resourceType}, ${r.externalId})`), sql`, `)})`);
  return new Map(rows.map((r) => {
    const ref = { resourceType: String(r.resource_type_id), externalId: String(r.external_id) };
    return [refId(ref), { ...ref, displayName: String(r.display_name), attributes: (r.attributes as Record<string, unknown>) ?? {} }];
  }));
}

/** Which principal types can hold an entitlement on this kind of resource in AWS. */
function holderTypes(resourceType: string): string[] {
  if (resourceType === 'iam_group') return ['iam_user'];
  if (resourceType === 'sso_group') return ['sso_user'];
  if (resourceType === 'account') return ['sso_user', 'sso_group'];
  return [];
}

function onResource(name: string, resource: string): SQL {
  return sql`(lower(e.display_name) = lower(${name}) or e.slug = ${name})
    and (e.resource_external_id = ${resource} or lower(r.display_name) = lower(${resource}))`;
}

/** Current resources of any type whose id or display name is `text`, each as an entitlement of its own. */
async function resourcesNamed(db: Db, connectorId: string, text: string): Promise<EntitlementRow[]> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    select resource_type_id, external_id, display_name from resources
    where connector_id = ${connectorId} and seen_to is null and (external_id = ${text} or lower(display_name) = lower(${text}))
    order by resource_type_id, external_id
    limit 10`);
  return rows.map((r) => ({
    key: `${String(r.resource_type_id)}:${String(r.external_id)}`,
    resourceType: String(r.resource_type_id),
    resourceExternalId: String(r.external_id),
    slug: text,
    displayName: String(r.display_name),
    attributes: {},
    resourceDisplayName: String(r.display_name),
  }));
}

/** Current entitlements matching `match`, with their resource's name; at most `limit` (a name's candidates), or all of them (null: keys asked for). */
async function currentEntitlements(db: Db, connectorId: string, match: SQL, limit: number | null = 50): Promise<EntitlementRow[]> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    select e.key, e.resource_type_id, e.resource_external_id, e.slug, e.display_name, e.attributes, r.display_name as resource_name
    from entitlements e
    left join resources r on r.connector_id = e.connector_id and r.resource_type_id = e.resource_type_id
         and r.external_id = e.resource_external_id and r.seen_to is null
    where e.connector_id = ${connectorId} and e.seen_to is null and ${match}
    order by e.resource_type_id, r.display_name, e.display_name
    ${limit === null ? sql`` : sql`limit ${limit}`}`);
  return rows.map((r) => ({
    key: String(r.key),
    resourceType: String(r.resource_type_id),
    resourceExternalId: String(r.resource_external_id),
    slug: String(r.slug),
    displayName: String(r.display_name),
    attributes: (r.attributes as Record<string, unknown>) ?? {},
    resourceDisplayName: (r.resource_name as string | null) ?? null,
  }));
}
