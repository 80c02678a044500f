import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows, type Db } from '../store/index.ts';
import type { accessTotalsSchema } from './access-record-schema.ts';
import { isPermissionSetEntitlement } from './entitlement-kinds.ts';
import { marksLiveAt, type PrivilegedMarkRef } from './privileged-marks.ts';
import { heldByRequest } from './held-by-request.ts';
import { grantSourceAt, type GrantSource } from './verified-overlay.ts';
import { wholeAnswerTotals } from './whole-answer-totals.ts';

/** One grant as it stood at an instant, with the names of everything it links. */
export type AccessRow = {
  /** Null on a row a provisioning task added before any sync saw it (`pending.kind = 'grant'`). */
  grantId: number | null;
  connectorId: string;
  principalType: string;
  principalId: string;
  principalName: string | null;
  personId: string | null;
  resourceType: string;
  resourceId: string;
  resourceName: string | null;
  /** The entitlement's stable id on the resource: `member`, or the permission set's ARN. */
  entitlementSlug: string;
  /** What people read: `member`, or the permission set's name. */
  entitlement: string | null;
  entitlementAttributes: Record<string, unknown>;
  /** The group's external id when held through that group; null when held directly. */
  via: string | null;
  viaName: string | null;
  /** An administrator's mark on the entitlement, live at the instant asked about. */
  privilegedMark: PrivilegedMarkRef | null;
  /** The entitlement's stable key (`entitlementKey()`), what a privileged mark names. */
  entitlementKey: string;
  seenFrom: Date;
  seenTo: Date | null;
  /**
   * A change a provisioning task verified in AWS that no committed sync has seen yet: a grant it added
   * (held from `verifiedAt`), or a revoke that removed this row (shown, not counted as held).
   */
  pending: PendingChange | null;
  /** The just-in-time request holding this direct grant at the instant asked (`heldByRequest`); null when none does. */
  request: HeldRequest | null;
};

/** A request holding a grant: its id ("#N"), its status now, and when it ends (null while not yet approved). */
export type HeldRequest = { id: number; status: string; expiresAt: Date | null };

export type PendingChange = { kind: 'grant' | 'revoke'; taskId: string; verifiedAt: Date };

export type AccessFilter = {
  /** The instant to answer for (default: now). */
  at?: Date;
  connectorId?: string;
  principal?: { resourceType?: string; externalId: string };
  personId?: string;
  resource?: { resourceType?: string; externalId: string };
  /** Entitlement display name or slug, e.g. a permission set's name or ARN. */
  entitlement?: string;
  /** A permission set's name or ARN: only permission-set entitlements, never an IAM policy of the same name. */
  permissionSet?: string;
  /** Only entitlements the sync found privileged (`attributes.privileged`) or an administrator marked at `at`; unknown ones are left out. */
  privileged?: boolean;
  /** Only grants to principals outside the organisation (a role's trust policy naming another account, or `*`). */
  external?: boolean;
  /** Only grants held directly, none held through a group (what a review takes as items; the group-held ones it only counts). */
  direct?: boolean;
  limit?: number;
  /** Only rows after this one in the answer's order (`cursorOf` of the last row read): keyset paging through a big answer. */
  after?: AccessCursor;
};

/** Where a row sits in `grantsAt`'s order; the order is total (an entitlement key, principal and group name one grant at an instant). */
export type AccessCursor = {
  resourceType: string;
  resourceId: string;
  entitlement: string;
  entitlementKey: string;
  principalType: string;
  principalId: string;
  via: string | null;
};

export const cursorOf = (row: AccessRow): AccessCursor => ({
  resourceType: row.resourceType,
  resourceId: row.resourceId,
  entitlement: row.entitlement ?? '',
  entitlementKey: row.entitlementKey,
  principalType: row.principalType,
  principalId: row.principalId,
  via: row.via,
});

/**
 * `grantsAt`'s order, as a row value over `g` and `e`. A grant held directly comes before those held through
 * a group (`''` sorts first in every collation), and the entitlement key breaks ties between entitlements of
 * one name on one resource, so `after` never skips nor repeats a row.
 */
const ORDER_COLUMNS = sql`e.resource_type_id, e.resource_external_id, e.display_name, g.entitlement_key, g.principal_type_id, g.principal_external_id, coalesce(g.via_external_id, '')`;

/** The row of a versioned table `alias` that was current at `at`. */
const liveAt = (alias: string, at: string): SQL => {
  const a = sql.raw(alias);
  return sql`${a}.seen_from <= ${at}::timestamptz and (${a}.seen_to is null or ${a}.seen_to > ${at}::timestamptz)`;
};

/**
 * Who held which entitlement at `at`, directly or via which group. Every joined row (principal,
 * entitlement, resource, group) is taken at the same instant, so names are those of that day.
 */
export async function grantsAt(db: Db, filter: AccessFilter = {}): Promise<AccessRow[]> {
  return queryGrants(db, filter);
}

/** The whole answer's size as the explorer shows it: distinct keys as the web groups rows (a principal is its type and id). */
export type AccessTotals = z.infer<typeof accessTotalsSchema>;

/**
 * One page of `grantsAt`'s answer and the totals of the whole answer, counted by the database, not here.
 * `rowCount` is what to page through: the grants held and the rows shown revoked by a task not yet
 * seen by a sync (which the totals leave out).
 */
export async function grantsAtPage(db: Db, filter: AccessFilter, page: { limit: number; offset: number }): Promise<{ totals: AccessTotals; rows: AccessRow[]; rowCount: number }> {
  const at = (filter.at ?? new Date()).toISOString();
  const source = await grantSourceAt(db, at, filter.connectorId, liveAt);
  const [counted, rows, revoked] = await Promise.all([totalsOf(db, filter, at, source), queryGrants(db, filter, page, source), countRevokedPending(db, filter, at, source)]);
  return { totals: counted, rows, rowCount: counted.grants + revoked };
}

/**
 * The totals of `grantsAt`'s whole answer in one pass over the same filter (no row leaves the database):
 * one hashed grouping set per distinct count, and the empty set for the grants themselves. About half
 * the time of `count(distinct …)` (which sorts once per count): ~170 ms over 108k grants on PGlite.
 */
export async function grantTotals(db: Db, filter: AccessFilter): Promise<AccessTotals> {
  const at = (filter.at ?? new Date()).toISOString();
  return totalsOf(db, filter, at, await grantSourceAt(db, at, filter.connectorId, liveAt));
}

function totalsOf(db: Db, filter: AccessFilter, at: string, source: GrantSource): Promise<AccessTotals> {
  return wholeAnswerTotals(db, filter, at, {
    overlaid: source.overlaid,
    asked: () => countGrants(db, filter, at, source),
    permissionSets: (connectorId) => countPermissionSets(db, connectorId, at, source),
  });
}

async function countGrants(db: Db, filter: AccessFilter, at: string, source: GrantSource): Promise<AccessTotals> {
  const [row] = await queryRows<Record<string, unknown>>(db, totalsByGroupingSets(sql`${filteredGrants(filter, at, source)} ${source.overlaid ? sql`and g.pending_kind is distinct from 'revoke'` : sql``}`));
  return toTotals(row);
}

/**
 * The totals of every permission set's answer on the connector at `at` (`filter.permissionSet` = its
 * name), by name, in one pass: what `wholeAnswerTotals` keeps for all of them when asked about one.
 */
async function countPermissionSets(db: Db, connectorId: string, at: string, source: GrantSource): Promise<Map<string, AccessTotals>> {
  const rows = await queryRows<Record<string, unknown>>(db, totalsByGroupingSets(sql`${filteredGrants({ connectorId }, at, source)} and ${isPermissionSetEntitlement('e')}`, sql`e.display_name`));
  return new Map(rows.map((row) => [String(row.subject), toTotals(row)]));
}

/**
 * The totals of the grants `from` selects (`from … where …` over `g` and `e`), per value of `by` when
 * given: one hashed grouping set per distinct count, and the set of `by` alone for the grants themselves.
 */
function totalsByGroupingSets(from: SQL, by?: SQL): SQL {
  const per = by ? sql`${by}, ` : sql``;
  return sql`
    select ${by ? sql`subject, ` : sql``}count(*) filter (where kind = 0) as principals, count(*) filter (where kind = 1) as resources,
           count(*) filter (where kind = 2) as entitlements, sum(n) filter (where kind = 3) as grants, sum(direct) filter (where kind = 3) as direct
    from (
      select ${by ? sql`${by} as subject, ` : sql``}case when grouping(g.principal_type_id, g.principal_external_id) = 0 then 0
                  when grouping(e.resource_type_id, e.resource_external_id) = 0 then 1
                  when grouping(e.resource_type_id, e.display_name) = 0 then 2 else 3 end as kind,
             count(*) as n, count(*) filter (where g.via_external_id is null) as direct
      ${from}
      group by grouping sets ((${per}g.principal_type_id, g.principal_external_id), (${per}e.resource_type_id, e.resource_external_id), (${per}e.resource_type_id, e.display_name), (${by ?? sql``}))
    ) sets
    ${by ? sql`group by subject` : sql``}`;
}

function toTotals(row: Record<string, unknown> | undefined): AccessTotals {
  const count = (k: string) => Number(row?.[k] ?? 0);
  return { grants: count('grants'), principals: count('principals'), resources: count('resources'), entitlements: count('entitlements'), direct: count('direct'), viaGroup: count('grants') - count('direct') };
}

async function countRevokedPending(db: Db, filter: AccessFilter, at: string, source: GrantSource): Promise<number> {
  if (!source.overlaid) return 0;
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${filteredGrants(filter, at, source)} and g.pending_kind = 'revoke'`);
  return Number(row?.n ?? 0);
}

/**
 * `from … where …` of the grants live at `at` that match `filter`, each joined to its entitlement (`g`, `e`);
 * `g` is `source` (the inventory, overlaid with what tasks verified since the last sync).
 */
function filteredGrants(filter: AccessFilter, at: string, source: GrantSource): SQL {
  const where: SQL[] = [liveAt('g', at)];
  if (filter.connectorId) where.push(sql`g.connector_id = ${filter.connectorId}`);
  if (filter.principal) {
    where.push(sql`g.principal_external_id = ${filter.principal.externalId}`);
    if (filter.principal.resourceType) where.push(sql`g.principal_type_id = ${filter.principal.resourceType}`);
  }
  if (filter.personId) where.push(sql`p.person_id = ${filter.personId}`);
  if (filter.resource) {
    where.push(sql`e.resource_external_id = ${filter.resource.externalId}`);
    if (filter.resource.resourceType) where.push(sql`e.resource_type_id = ${filter.resource.resourceType}`);
  }
  if (filter.entitlement) where.push(sql`(e.display_name = ${filter.entitlement} or e.slug = ${filter.entitlement})`);
  if (filter.permissionSet) where.push(sql`(e.display_name = ${filter.permissionSet} or e.slug = ${filter.permissionSet}) and ${isPermissionSetEntitlement('e')}`);
  if (filter.privileged) where.push(sql`(e.attributes->>'privileged' = 'true' or exists (select 1 ${marksLiveAt('g', at)}))`);
  // The sync gives every principal outside the organisation this one type (connectors/aws/sync/iam-trust.ts).
  if (filter.external) where.push(sql`g.principal_type_id = 'external_principal'`);
  if (filter.direct) where.push(sql`g.via_external_id is null`);
  if (filter.after) {
    const a = filter.after;
    // `(ORDER_COLUMNS) > cursor`, in two parts the planner serves from entitlements_resource_idx. The
    // entitlement's half alone, implied by the whole, is where the index scan starts. The whole is spelled out
    // level by level because PostgreSQL estimates a row comparison by its first column alone (resource type >
    // 'account': almost nothing), so it hash-joined and sorted every row after the cursor, each page (~3.5 s
    // a page of 10,000 on PGlite over 101k grants); estimated per level it walks the index in order and
    // stops at the page's limit (~0.3 s a page).
    where.push(sql`(e.resource_type_id, e.resource_external_id, e.display_name) >= (${a.resourceType}, ${a.resourceId}, ${a.entitlement})`);
    where.push(sql`(e.resource_type_id > ${a.resourceType} or (e.resource_type_id = ${a.resourceType} and (e.resource_external_id > ${a.resourceId}
      or (e.resource_external_id = ${a.resourceId} and (e.display_name > ${a.entitlement} or (e.display_name = ${a.entitlement}
      and (g.entitlement_key, g.principal_type_id, g.principal_external_id, coalesce(g.via_external_id, '')) > (${a.entitlementKey}, ${a.principalType}, ${a.principalId}, ${a.via ?? ''})))))))`);
  }
  return sql`
      from ${source.from}
      join entitlements e on e.connector_id = g.connector_id and e.key = g.entitlement_key and ${liveAt('e', at)}
      ${filter.personId
        ? sql`join resources p on p.connector_id = g.connector_id and p.resource_type_id = g.principal_type_id
                and p.external_id = g.principal_external_id and ${liveAt('p', at)}`
        : sql``}
      where ${sql.join(where, sql` and `)}`;
}

async function queryGrants(db: Db, filter: AccessFilter, page?: { limit: number; offset: number }, given?: GrantSource): Promise<AccessRow[]> {
  const at = (filter.at ?? new Date()).toISOString();
  const source = given ?? (await grantSourceAt(db, at, filter.connectorId, liveAt));
  // Filter, order and page on grants and entitlements alone, then name only the rows kept: the names
  // (principal, resource, group) cost a lookup each, and an unfiltered page keeps 500 of 100k rows.
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    with kept as (
      select g.id as grant_id, g.connector_id, g.principal_type_id, g.principal_external_id, e.resource_type_id,
             e.resource_external_id, e.slug, e.display_name as entitlement_name, e.attributes as entitlement_attributes, g.entitlement_key,
             g.via_external_id, g.seen_from, g.seen_to, ${source.pendingColumns}
      ${filteredGrants(filter, at, source)}
      order by ${ORDER_COLUMNS}
      ${page ? sql`limit ${page.limit} offset ${page.offset}` : filter.limit ? sql`limit ${filter.limit}` : sql``})
    select k.*, p.display_name as principal_name, p.person_id, r.display_name as resource_name, v.display_name as via_name,
           m.id as mark_id, m.marked_by_name, m.marked_at, m.reason as mark_reason,
           q.request_id, q.request_status, q.request_expires_at
    from kept k
    left join lateral (select m.id, m.marked_by_name, m.marked_at, m.reason ${marksLiveAt('k', at)} order by m.marked_at desc limit 1) m on true
    left join lateral (${heldByRequest('k', at)}) q on true
    left join resources p on p.connector_id = k.connector_id and p.resource_type_id = k.principal_type_id
         and p.external_id = k.principal_external_id and ${liveAt('p', at)}
    left join resources r on r.connector_id = k.connector_id and r.resource_type_id = k.resource_type_id
         and r.external_id = k.resource_external_id and ${liveAt('r', at)}
    left join lateral (
      -- Only Identity Center groups expand to members; their ids are unique across resource types.
      select v.display_name from resources v
      where k.via_external_id is not null and v.connector_id = k.connector_id and v.external_id = k.via_external_id
        and ${liveAt('v', at)}
      limit 1) v on true
    order by k.resource_type_id, k.resource_external_id, k.entitlement_name, k.entitlement_key, k.principal_type_id, k.principal_external_id, coalesce(k.via_external_id, '')`);
  return rows.map((row) => ({
    grantId: row.grant_id === null || row.grant_id === undefined ? null : Number(row.grant_id),
    connectorId: String(row.connector_id),
    principalType: String(row.principal_type_id),
    principalId: String(row.principal_external_id),
    principalName: (row.principal_name as string | null) ?? null,
    personId: (row.person_id as string | null) ?? null,
    resourceType: String(row.resource_type_id),
    resourceId: String(row.resource_external_id),
    resourceName: (row.resource_name as string | null) ?? null,
    entitlementSlug: String(row.slug),
    entitlement: (row.entitlement_name as string | null) ?? null,
    entitlementAttributes: (row.entitlement_attributes as Record<string, unknown>) ?? {},
    via: (row.via_external_id as string | null) ?? null,
    viaName: (row.via_name as string | null) ?? null,
    entitlementKey: String(row.entitlement_key),
    privilegedMark: row.mark_id ? { id: String(row.mark_id), by: String(row.marked_by_name), at: toDate(row.marked_at)!, reason: String(row.mark_reason) } : null,
    seenFrom: toDate(row.seen_from)!,
    seenTo: toDate(row.seen_to),
    pending: row.pending_kind ? { kind: row.pending_kind as PendingChange['kind'], taskId: String(row.pending_task_id), verifiedAt: toDate(row.pending_verified_at)! } : null,
    request: row.request_id === null || row.request_id === undefined ? null : { id: Number(row.request_id), status: String(row.request_status), expiresAt: toDate(row.request_expires_at) },
  }));
}

/** node-postgres parses timestamptz into Date; PGlite does too, but be strict about it. */
function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(String(v));
}
