import { sql } from 'drizzle-orm';
import { COMMON_ERRORS, RrcuError } from '../core/errors.ts';
import { ownersOf } from '../ownership/index.ts';
import { queryRows, type Db } from '../store/index.ts';
import { entitlementKeyOf, ownerResourcesOf, type RequestedEntitlement } from './core/entitlement.ts';
import { covers, type ApproverFacts, type Person, type Requester } from './core/evaluate.ts';
import type { ApproverSource, RequestPolicyDocument, Requestable } from './core/policy.ts';
import { REQUEST_ERRORS } from './errors.ts';
import type { PersonRef, RequestedEntitlementInput, ResolvedRequestable } from './service-types.ts';

/**
 * What requests read of the inventory, always as the last committed sync left it (the rows with no end):
 * the connector a request or policy names, the entitlement and accounts it names, the requester and the
 * principal that receives the access, and the facts its approvers resolve from (people, RRCU roles, group
 * members, owners, the manager).
 */

type AccountRow = { id: string; name: string; attributes: Record<string, unknown> };

/** A live connector by id or name; without one, the only live connector. */
export async function liveConnector(db: Db, ref: string | undefined): Promise<{ id: string; name: string }> {
  const rows = await queryRows<{ id: string; name: string }>(db, ref === undefined
    ? sql`select id::text as id, name from connectors where archived_at is null order by name`
    : sql`select id::text as id, name from connectors where archived_at is null and (id::text = ${ref} or lower(name) = lower(${ref}))`);
  if (rows.length === 1) return rows[0]!;
  if (ref === undefined) {
    throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, rows.length === 0 ? 'There is no connector.' : `There are ${rows.length} connectors; the request does not say which.`, { fix: 'Name the connector (its name or id).', fields: ['connector'] });
  }
  throw new RrcuError(COMMON_ERRORS.NOT_FOUND, `No live connector is named or has the id ${JSON.stringify(ref)}.`, { fix: 'List connectors (rrcu connectors, GET /api/connectors) and use one of their names or ids.' });
}

const tagsOf = (attributes: Record<string, unknown>): Record<string, string> => {
  const tags = attributes.tags;
  return tags && typeof tags === 'object' ? Object.fromEntries(Object.entries(tags as Record<string, unknown>).map(([k, v]) => [k, String(v)])) : {};
};
const ouPathOf = (attributes: Record<string, unknown>) => (typeof attributes.ouPath === 'string' ? attributes.ouPath : null);

async function accounts(db: Db, connectorId: string): Promise<AccountRow[]> {
  return queryRows<AccountRow>(db, sql`
    select external_id as id, display_name as name, attributes from resources
    where connector_id = ${connectorId} and resource_type_id = 'account' and seen_to is null order by display_name, external_id`);
}

/** One resource of a type by its id (or ARN) or its name, case aside; refused when none or several match, naming `field` (its place in a request). */
async function named(db: Db, connectorId: string, type: string, ref: string, what: string, field?: string): Promise<{ id: string; name: string; attributes: Record<string, unknown> }> {
  const rows = await queryRows<{ id: string; name: string; attributes: Record<string, unknown> }>(db, sql`
    select external_id as id, display_name as name, attributes from resources
    where connector_id = ${connectorId} and resource_type_id = ${type} and seen_to is null and (external_id = ${ref} or lower(display_name) = lower(${ref}))
    order by (external_id = ${ref}) desc, external_id`);
  const exact = rows.filter((r) => r.id === ref);
  const found = exact.length ? exact : rows;
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new RrcuError(REQUEST_ERRORS.NOT_REQUESTABLE, `No ${what} ${JSON.stringify(ref)} in the last sync.`, { fix: `Give the ${what}'s exact name or id as synced (GET /api/search?q= finds it); sync first if it is new.`, fields: field ? [field] : [] });
  }
  throw new RrcuError(COMMON_ERRORS.AMBIGUOUS, `${found.length} ${what}s are named ${JSON.stringify(ref)}: ${found.map((f) => f.id).join(', ')}.`, { fix: `Give the ${what}'s id instead.`, fields: field ? [field] : [] });
}

const accountOf = (a: AccountRow) => ({ id: a.id, name: a.name, ouPath: ouPathOf(a.attributes), tags: tagsOf(a.attributes) });

/** The requested entitlement, one per account, resolved against the last sync. */
export async function resolveRequested(db: Db, connectorId: string, input: RequestedEntitlementInput): Promise<RequestedEntitlement[]> {
  switch (input.kind) {
    case 'permission_set': {
      const ps = await named(db, connectorId, 'permission_set', input.permissionSet, 'permission set', 'entitlement.permissionSet');
      const all = await accounts(db, connectorId);
      const out: RequestedEntitlement[] = [];
      for (const ref of new Set(input.accounts.map((a) => a.trim()))) {
        const matches = all.filter((a) => a.id === ref).length ? all.filter((a) => a.id === ref) : all.filter((a) => a.name.toLowerCase() === ref.toLowerCase());
        if (matches.length !== 1) {
          throw new RrcuError(matches.length ? COMMON_ERRORS.AMBIGUOUS : REQUEST_ERRORS.NOT_REQUESTABLE, matches.length ? `${matches.length} accounts are named ${JSON.stringify(ref)}.` : `No account ${JSON.stringify(ref)} in the last sync.`, {
            fix: 'Give the 12-digit account id, or its exact name as synced.',
            fields: ['entitlement.accounts'],
          });
        }
        const e: RequestedEntitlement = { kind: 'permission_set', permissionSetArn: ps.id, permissionSetName: ps.name, account: accountOf(matches[0]!) };
        if (!out.some((o) => entitlementKeyOf(o) === entitlementKeyOf(e))) out.push(e);
      }
      return out;
    }
    case 'sso_group': {
      const g = await named(db, connectorId, 'sso_group', input.group, 'Identity Center group', 'entitlement.group');
      return [{ kind: 'sso_group', groupId: g.id, groupName: g.name }];
    }
    case 'iam_group': {
      const rows = await queryRows<{ id: string; name: string }>(db, sql`
        select external_id as id, display_name as name from resources
        where connector_id = ${connectorId} and resource_type_id = 'iam_group' and seen_to is null and (external_id = ${input.group} or lower(display_name) = lower(${input.group}))`);
      const all = await accounts(db, connectorId);
      const accountIdOf = (arn: string) => arn.split(':')[4] ?? '';
      const inAccount = input.account ? rows.filter((r) => all.some((a) => a.id === accountIdOf(r.id) && (a.id === input.account || a.name.toLowerCase() === input.account!.toLowerCase()))) : rows;
      if (inAccount.length !== 1) {
        throw new RrcuError(inAccount.length ? COMMON_ERRORS.AMBIGUOUS : REQUEST_ERRORS.NOT_REQUESTABLE, inAccount.length ? `${inAccount.length} IAM groups are named ${JSON.stringify(input.group)}.` : `No IAM group ${JSON.stringify(input.group)} in the last sync.`, {
          fix: 'Give the group\'s ARN, or its name and account.',
          fields: ['entitlement.group'],
        });
      }
      const g = inAccount[0]!;
      const account = all.find((a) => a.id === accountIdOf(g.id));
      return [{ kind: 'iam_group', groupArn: g.id, groupName: g.name, account: { id: accountIdOf(g.id), name: account?.name ?? accountIdOf(g.id) } }];
    }
  }
}

/** What a policy's requestable line means now: the permission set and its accounts (named, `*`, or under OU paths), or the group. Unknown names are listed, not thrown. */
export async function resolveRequestable(db: Db, connectorId: string, policy: RequestPolicyDocument, r: Requestable, unresolved: string[]): Promise<ResolvedRequestable | null> {
  try {
    switch (r.kind) {
      case 'permission_set': {
        const ps = await named(db, connectorId, 'permission_set', r.permissionSet, 'permission set');
        const all = await accounts(db, connectorId);
        // The accounts the line covers, by the core's rule (names, ids, OU paths), as a request for each would be judged.
        const line = { ...policy, requestable: [r] };
        const chosen = all.filter((a) => covers(line, { kind: 'permission_set', permissionSetArn: ps.id, permissionSetName: ps.name, account: accountOf(a) }));
        const sessionDuration = typeof ps.attributes.sessionDuration === 'string' ? ps.attributes.sessionDuration : null;
        return { kind: 'permission_set', permissionSetArn: ps.id, permissionSetName: ps.name, sessionDuration, accounts: chosen.map((a) => ({ id: a.id, name: a.name, ouPath: ouPathOf(a.attributes) })) };
      }
      case 'sso_group': {
        const g = await named(db, connectorId, 'sso_group', r.group, 'Identity Center group');
        return { kind: 'sso_group', groupId: g.id, groupName: g.name };
      }
      case 'iam_group': {
        const [e] = await resolveRequested(db, connectorId, { kind: 'iam_group', group: r.group, ...(r.account ? { account: r.account } : {}) });
        if (e?.kind !== 'iam_group') return null;
        return { kind: 'iam_group', groupArn: e.groupArn, groupName: e.groupName, account: e.account };
      }
    }
  } catch (e) {
    if (!(e instanceof RrcuError)) throw e;
    unresolved.push(`${r.kind === 'permission_set' ? r.permissionSet : r.group}: ${e.message}`);
    return null;
  }
}

/** The permission set's own session duration (ISO 8601), as last synced. */
export async function sessionDurationOf(db: Db, connectorId: string, psArn: string): Promise<string | null> {
  const [row] = await queryRows<{ d: string | null }>(db, sql`
    select attributes->>'sessionDuration' as d from resources where connector_id = ${connectorId} and resource_type_id = 'permission_set' and external_id = ${psArn} and seen_to is null`);
  return row?.d ?? null;
}

export type PersonRow = { id: string; display_name: string; email: string | null; attributes: Record<string, unknown>; manager_id: string | null };

export async function personRow(db: Db, personId: string): Promise<PersonRow> {
  const [p] = await queryRows<PersonRow>(db, sql`select id, display_name, email, attributes, manager_id from people where id = ${personId}`);
  if (!p) throw notAPerson(personId);
  return p;
}

export const notAPerson = (who: string) =>
  new RrcuError(REQUEST_ERRORS.NOT_A_PERSON, `${who} is not a person of the inventory: nothing can be requested for them or decided by them.`, {
    fix: 'Sign in with the email your Identity Center user has (people are matched by email at sync), or sync first if you are new.',
  });

export const toPerson = (p: { id: string; display_name: string; email: string | null }): Person => ({ personId: p.id, displayName: p.display_name, email: p.email });
export const toPersonRef = (p: Person): PersonRef => ({ personId: p.personId, displayName: p.displayName, email: p.email });

/** The requester as evaluation sees them: attributes and Identity Center groups as last synced on the connector. */
export async function requesterOf(db: Db, connectorId: string, p: PersonRow): Promise<Requester> {
  return toRequester(p, (await ssoGroupsByPerson(db, connectorId, [p.id])).get(p.id) ?? []);
}

/**
 * Every person with an Identity Center user on the connector, each as evaluation sees them (`requesterOf`), in
 * two queries whatever their number: a policy's preview judges eligibility for all of them as the editor types,
 * and one query per person made 10,000 for a directory of 10,000.
 */
export async function connectorRequesters(db: Db, connectorId: string): Promise<{ person: PersonRow; requester: Requester }[]> {
  const people = await connectorPeople(db, connectorId);
  const groups = await ssoGroupsByPerson(db, connectorId, 'all');
  return people.map((p) => ({ person: p, requester: toRequester(p, groups.get(p.id) ?? []) }));
}

const toRequester = (p: PersonRow, ssoGroups: { id: string; name: string }[]): Requester => ({ personId: p.id, email: p.email, attributes: p.attributes, ssoGroups });

/**
 * The Identity Center groups each person is a direct member of through their user(s) on the connector, as
 * last synced: of `people`, or of everyone with a user there (`'all'`). The one reading of group membership
 * that eligibility sees, for one requester and for a whole preview alike.
 */
async function ssoGroupsByPerson(db: Db, connectorId: string, people: readonly string[] | 'all'): Promise<Map<string, { id: string; name: string }[]>> {
  if (people !== 'all' && people.length === 0) return new Map();
  const rows = await queryRows<{ person_id: string; id: string; name: string }>(db, sql`
    select distinct u.person_id, g.external_id as id, g.display_name as name
    from resources u
    join grants m on m.connector_id = u.connector_id and m.principal_type_id = 'sso_user' and m.principal_external_id = u.external_id and m.seen_to is null
      and m.via_external_id is null and m.entitlement_key like 'sso_group:%#member'
    join resources g on g.connector_id = u.connector_id and g.resource_type_id = 'sso_group' and 'sso_group:' || g.external_id || '#member' = m.entitlement_key and g.seen_to is null
    where u.connector_id = ${connectorId} and u.resource_type_id = 'sso_user' and u.seen_to is null
      and ${people === 'all' ? sql`u.person_id is not null` : sql`u.person_id in (${sql.join(people.map((id) => sql`${id}::uuid`), sql`, `)})`}
    order by u.person_id, name, id`);
  const out = new Map<string, { id: string; name: string }[]>();
  for (const r of rows) {
    const list = out.get(r.person_id) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.person_id, list);
  }
  return out;
}

/** The principal that receives the access: the person's Identity Center user, or for an IAM group their IAM user in its account. */
export async function principalFor(db: Db, connectorId: string, personId: string, e: RequestedEntitlement): Promise<{ type: string; id: string; name: string }> {
  const type = e.kind === 'iam_group' ? 'iam_user' : 'sso_user';
  const rows = await queryRows<{ id: string; name: string }>(db, sql`
    select external_id as id, display_name as name from resources
    where connector_id = ${connectorId} and resource_type_id = ${type} and person_id = ${personId} and seen_to is null
      ${e.kind === 'iam_group' ? sql`and external_id like ${`arn:aws:iam::${e.account.id}:%`}` : sql``}
    order by external_id`);
  if (rows.length === 0) {
    throw new RrcuError(REQUEST_ERRORS.NO_PRINCIPAL, `You have no ${type === 'sso_user' ? 'Identity Center user' : `IAM user in ${e.kind === 'iam_group' ? e.account.name : ''}`} on this connector as last synced, so it cannot be granted to you.`, {
      fix: 'Ask an administrator to create your user (and sync), or request something your user can hold.',
    });
  }
  return { type, ...rows[0]! };
}

/** People with an Identity Center user on the connector, with what eligibility reads (for a policy's preview). */
async function connectorPeople(db: Db, connectorId: string): Promise<PersonRow[]> {
  return queryRows<PersonRow>(db, sql`
    select distinct p.id, p.display_name, p.email, p.attributes, p.manager_id from people p
    join resources u on u.person_id = p.id and u.connector_id = ${connectorId} and u.resource_type_id = 'sso_user' and u.seen_to is null
    order by p.display_name, p.id`);
}

/**
 * The facts the approval steps' sources resolve from: named people by email, members of RRCU roles (app
 * users by email; a Super Administrator counts as a Connector Administrator), members of Identity Center
 * groups (as last synced), the owners of the requested resources, and the requester's manager.
 */
export async function approverFacts(db: Db, connectorId: string, policy: RequestPolicyDocument, targets: readonly RequestedEntitlement[], requester: PersonRow | null): Promise<ApproverFacts> {
  const sources: ApproverSource[] = policy.approvalSteps.flatMap((s) => s.approvers);
  const emails = [...new Set(sources.flatMap((s) => (s.kind === 'people' ? s.emails.map((e) => e.toLowerCase()) : [])))];
  const people = new Map<string, Person>();
  if (emails.length) {
    for (const p of await queryRows<PersonRow>(db, sql`select id, display_name, email, attributes, manager_id from people where email in (${sql.join(emails.map((e) => sql`${e}`), sql`, `)})`)) people.set(p.email!, toPerson(p));
  }
  const roleMembers = new Map<string, Person[]>();
  for (const role of new Set(sources.flatMap((s) => (s.kind === 'rrcu_role' ? [s.role] : [])))) {
    const roles = role === 'connector_admin' ? ['connector_admin', 'super_admin'] : [role];
    const rows = await queryRows<PersonRow>(db, sql`
      select distinct p.id, p.display_name, p.email, p.attributes, p.manager_id from app_users u join people p on p.email = lower(u.email)
      where not u.disabled and u.role in (${sql.join(roles.map((r) => sql`${r}`), sql`, `)}) order by p.display_name`);
    roleMembers.set(role, rows.map(toPerson));
  }
  const ssoGroupMembers = new Map<string, Person[]>();
  for (const group of new Set(sources.flatMap((s) => (s.kind === 'sso_group' ? [s.group] : [])))) {
    const rows = await queryRows<PersonRow>(db, sql`
      select distinct p.id, p.display_name, p.email, p.attributes, p.manager_id
      from resources g
      join grants m on m.connector_id = g.connector_id and m.entitlement_key = 'sso_group:' || g.external_id || '#member' and m.seen_to is null and m.principal_type_id = 'sso_user'
      join resources u on u.connector_id = g.connector_id and u.resource_type_id = 'sso_user' and u.external_id = m.principal_external_id and u.seen_to is null
      join people p on p.id = u.person_id
      where g.connector_id = ${connectorId} and g.resource_type_id = 'sso_group' and g.seen_to is null and (g.external_id = ${group} or lower(g.display_name) = lower(${group}))
      order by p.display_name`);
    const members = rows.map(toPerson);
    ssoGroupMembers.set(group.toLowerCase(), members);
  }
  // Owners set in RRCU, and apart those read from the connector's owner tag (a step counts them only with includeTagOwners).
  const owners: Person[] = [];
  const tagOwners: Person[] = [];
  if (sources.some((s) => s.kind === 'owner') && targets.length) {
    const refs = targets.flatMap((t) => ownerResourcesOf(t).map((r) => ({ connectorId, resourceType: r.resourceType, resourceId: r.resourceId })));
    for (const list of (await ownersOf(db, refs)).values()) {
      for (const o of list) {
        const into = o.source === 'tag' ? tagOwners : owners;
        if (!into.some((x) => x.personId === o.person.id)) into.push({ personId: o.person.id, displayName: o.person.displayName, email: o.person.email });
      }
    }
  }
  let manager: Person | null = null;
  if (requester?.manager_id) manager = toPerson(await personRow(db, requester.manager_id));
  return { people, roleMembers, ssoGroupMembers, owners, tagOwners, manager };
}
