import { sql, type SQL } from 'drizzle-orm';

// As the overlay says a task's verification (verified-overlay.ts): "as of" that instant includes it.
const verifiedAt = (task: string) => sql`date_trunc('milliseconds', ${sql.raw(task)}.finished_at)`;

/**
 * The just-in-time request holding the direct grant `alias` (a row of `grantsAt`'s page: connector, entitlement
 * key, principal, `via_external_id`, `pending_kind`, `seen_from`) at `at`, as `select request_id, request_status,
 * request_expires_at`, for a lateral join: one indexed look-up per row of the page (access_request_targets by
 * connector, key and principal), in the page's own query. Read from the requests' tables through the store,
 * since access does not import the requests capability.
 *
 * A request holds it when one of its targets is this access, that target's grant task had read the grant back
 * from AWS by `at`, and the request had not ended by `at` (after its end the grant is being removed, or kept
 * because something else grants it). Where several hold it (an extension, another request for the same
 * access), the one that ends last. Only a grant a request made is temporary: standing access a request only
 * duplicated (its grant row opened before any request's task was asked for, by a request not ended then) stays
 * when the request ends, so no request holds it. A row held through a group, or marked revoked by a task, is
 * held through no request.
 */
export function heldByRequest(alias: string, at: string): SQL {
  const k = sql.raw(alias);
  const sameAccess = (t: string) => {
    const q = sql.raw(t);
    return sql`${q}.connector_id = ${k}.connector_id and ${q}.entitlement_key = ${k}.entitlement_key
      and ${q}.principal_id = ${k}.principal_external_id and ${q}.principal_type = ${k}.principal_type_id`;
  };
  return sql`
    select r.id as request_id, r.status as request_status, r.expires_at as request_expires_at
    from access_request_targets q
    join access_requests r on r.id = q.request_id
    join provisioning_tasks t on t.id = q.grant_task_id
    where ${k}.via_external_id is null and ${k}.pending_kind is distinct from 'revoke' and ${sameAccess('q')}
      and t.status = 'succeeded' and t.verified and ${verifiedAt('t')} <= ${at}::timestamptz
      and (r.ended_at is null or r.ended_at > ${at}::timestamptz)
      and exists (
        select 1 from access_request_targets q0
        join access_requests r0 on r0.id = q0.request_id
        join provisioning_tasks t0 on t0.id = q0.grant_task_id
        where ${sameAccess('q0')} and t0.created_at <= ${k}.seen_from and (r0.ended_at is null or r0.ended_at > ${k}.seen_from))
    order by r.expires_at desc nulls last, r.id desc
    limit 1`;
}
