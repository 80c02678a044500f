import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../store/index.ts';
import type { OtherSource } from './core/expiry.ts';

/** One access a request target holds: the principal's hold of the entitlement on the connector. */
export type AccessKey = { connectorId: string; entitlementKey: string; principalType: string; principalId: string };

/**
 * What else grants `access` besides request `requestId` (reference-counted expiry, and the duplicate warning
 * at submission), read from the last committed sync and the requests:
 * - `standing`: a direct grant the last sync saw that no request made — no request's grant task created it
 *   (`applied`) before the sync first saw its row. A grant a request made, even another one since ended, is
 *   no one's standing access.
 * - `group`: the principal holds the same entitlement through a group.
 * - `request`: another request holding (or about to hold) the same access: approved, provisioning or active,
 *   its target not ended.
 */
export async function otherSources(db: Db, access: AccessKey, requestId: number | null): Promise<OtherSource[]> {
  const grants = await queryRows<{ id: number | string; via: string | null; via_name: string | null; seen_from: Date | string; made_by_request: boolean }>(db, sql`
    select g.id, g.via_external_id as via, grp.display_name as via_name, g.seen_from,
      exists (select 1 from provisioning_tasks t where t.connector_id = g.connector_id and t.entitlement_key = g.entitlement_key
                and t.principal_type_id = g.principal_type_id and t.principal_external_id = g.principal_external_id
                and t.trigger = 'request' and t.action = 'grant' and t.status = 'succeeded' and t.outcome = 'applied' and t.created_at <= g.seen_from) as made_by_request
    from grants g
    left join resources grp on grp.connector_id = g.connector_id and grp.external_id = g.via_external_id and grp.seen_to is null
    where g.connector_id = ${access.connectorId} and g.entitlement_key = ${access.entitlementKey} and g.principal_type_id = ${access.principalType}
      and g.principal_external_id = ${access.principalId} and g.seen_to is null`);
  const out: OtherSource[] = [];
  for (const g of grants) {
    if (g.via !== null) out.push({ kind: 'group', groupId: g.via, groupName: g.via_name ?? g.via });
    else if (!g.made_by_request) out.push({ kind: 'standing', grantId: Number(g.id), since: new Date(g.seen_from) });
  }
  const requests = await queryRows<{ id: number | string; expires_at: Date | string | null }>(db, sql`
    select r.id, r.expires_at from access_request_targets t join access_requests r on r.id = t.request_id
    where t.connector_id = ${access.connectorId} and t.entitlement_key = ${access.entitlementKey} and t.principal_type = ${access.principalType} and t.principal_id = ${access.principalId}
      and r.status in ('approved', 'provisioning', 'active') and t.status in ('waiting', 'granting', 'granted')
      and r.id <> ${requestId ?? 0} order by r.id`);
  for (const r of requests) out.push({ kind: 'request', requestId: Number(r.id), expiresAt: r.expires_at ? new Date(r.expires_at) : null });
  return out;
}

/**
 * Serialises the decisions on one access (PostgreSQL advisory lock until the transaction ends): two requests
 * for the same access ending at once would each see the other still active and both keep it.
 */
export async function lockAccess(tx: Db, access: AccessKey): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`request-access|${access.connectorId}|${access.entitlementKey}|${access.principalType}|${access.principalId}`}, 0))`);
}

/**
 * The targets whose own grant task found the access already in AWS (it reads first: outcome `already`)
 * from outside any request, each with that task's id: the request made nothing there, so its end removes
 * nothing (expiryDecision). Found access that a request made — a grant task of a request `applied` it and
 * no revoke removed it before this task finished (an extension, overlapping requests) — is not outside
 * access: counting it would let a chain of requests keep the access forever.
 */
export async function grantsFoundInAws(db: Db, targets: readonly { id: number; grantTaskId: string | null }[]): Promise<Map<number, string>> {
  const byTask = new Map(targets.flatMap((t) => (t.grantTaskId ? [[t.grantTaskId, t.id] as const] : [])));
  if (byTask.size === 0) return new Map();
  const rows = await queryRows<{ id: string }>(db, sql`
    select t.id from provisioning_tasks t
    where t.id in (${sql.join([...byTask.keys()].map((id) => sql`${id}::uuid`), sql`, `)})
      and t.action = 'grant' and t.status = 'succeeded' and t.outcome = 'already'
      and not exists (
        select 1 from provisioning_tasks p
        where p.connector_id = t.connector_id and p.entitlement_key = t.entitlement_key and p.principal_type_id = t.principal_type_id
          and p.principal_external_id = t.principal_external_id and p.id <> t.id
          and p.trigger = 'request' and p.action = 'grant' and p.status = 'succeeded' and p.outcome = 'applied' and p.finished_at <= t.finished_at
          and not exists (
            select 1 from provisioning_tasks r
            where r.connector_id = p.connector_id and r.entitlement_key = p.entitlement_key and r.principal_type_id = p.principal_type_id
              and r.principal_external_id = p.principal_external_id and r.action = 'revoke' and r.status = 'succeeded'
              and r.finished_at > p.finished_at and r.finished_at <= t.finished_at))`);
  return new Map(rows.map((r) => [byTask.get(r.id)!, r.id]));
}
