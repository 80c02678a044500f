import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../store/index.ts';

/**
 * Where `grantsAt` reads grants from (`g`), and the pending columns it adds: the versioned `grants`
 * table alone, or that table overlaid with what provisioning tasks verified in AWS that no sync had seen by `at`.
 */
export type GrantSource = { from: SQL; pendingColumns: SQL; overlaid: boolean };

const PLAIN: GrantSource = {
  from: sql`grants g`,
  pendingColumns: sql`null::text as pending_kind, null::uuid as pending_task_id, null::timestamptz as pending_verified_at`,
  overlaid: false,
};

// In milliseconds, as the API says it: "as of" the verification time an answer gives includes the task.
const verifiedAt = sql`date_trunc('milliseconds', t.finished_at)`;

/**
 * A task verified in AWS at V (it read its change back when it finished) is not yet seen by a sync, as
 * of `at`, while no committed sync of its connector started in [V, at]: the same cut
 * `markTasksObservedBySync` uses to link a task to the run that proves it, and the instant that run's
 * rows start from. Once such a run is committed, its rows are the truth from its start on, even where it
 * did not find the change (AWS changed again), so the task overlays nothing after it; as of an instant
 * before it the task is still the evidence, so a sync committed later (the one that observed the task,
 * `observed_run_id`, included) does not hide it there.
 */
const unseenTasks = (at: string, connectorId: string | undefined): SQL => sql`
  from provisioning_tasks t
  where t.status = 'succeeded' and t.verified and ${verifiedAt} <= ${at}::timestamptz
    ${connectorId ? sql`and t.connector_id = ${connectorId}` : sql``}
    and not exists (
      select 1 from sync_runs s
      where s.connector_id = t.connector_id and s.status = 'succeeded' and s.started_at >= t.finished_at and s.started_at <= ${at}::timestamptz)`;

/**
 * Whether any task is unseen at `at`, in two index-friendly halves: tasks no sync has observed (the partial
 * index `provisioning_tasks_unobserved_idx`), and tasks observed by a run that started after `at` — only
 * such a task can be unseen then, since its observing run started at or after its verification. As of now
 * the second half finds no run, so no read scans the history of observed tasks.
 */
const anyUnseenTask = (at: string, connectorId: string | undefined): SQL => sql`
  select exists (select 1 ${unseenTasks(at, connectorId)} and t.observed_run_id is null)
      or exists (
        select 1 from sync_runs r
        where r.status = 'succeeded' and r.started_at > ${at}::timestamptz ${connectorId ? sql`and r.connector_id = ${connectorId}` : sql``}
          and exists (select 1 ${unseenTasks(at, connectorId)} and t.connector_id = r.connector_id and t.observed_run_id = r.id)) as any`;

/**
 * The grants to read at `at`: plain `grants` when no task awaits its sync (one indexed look-up, the
 * common case), else the overlay. Each access takes the last such task verified by `at` on it. A task
 * on a group's entitlement reaches the group's members held at `at` (`via` = the group), and a task
 * putting a principal in a group reaches the group's grants, as the sync expands them
 * (`expandGroupGrants`) and as a diff ties a member's grant to its task (`findCauses`).
 *
 * A grant task adds a row from its verification time unless the inventory already holds that grant; a
 * revoke task marks the rows it removes (`pending_kind = 'revoke'`), which callers show but do not count.
 */
export async function grantSourceAt(db: Db, at: string, connectorId: string | undefined, liveAt: (alias: string, at: string) => SQL): Promise<GrantSource> {
  const [found] = await queryRows<{ any: boolean }>(db, anyUnseenTask(at, connectorId));
  if (!found?.any) return PLAIN;
  const live = (alias: string) => liveAt(alias, at);
  const from = sql`(
    with task as (
      select distinct on (t.connector_id, t.entitlement_key, t.principal_type_id, t.principal_external_id)
             t.id, t.action, t.connector_id, t.entitlement_key, t.principal_type_id, t.principal_external_id, ${verifiedAt} as finished_at,
             t.target->'entitlement'->>'slug' as slug, t.target->'entitlement'->>'resourceType' as group_type,
             t.target->'entitlement'->>'resourceExternalId' as group_id
      ${unseenTasks(at, connectorId)}
      order by t.connector_id, t.entitlement_key, t.principal_type_id, t.principal_external_id, t.finished_at desc),
    reach as (
      select t.id, t.action, t.finished_at, t.connector_id, t.entitlement_key, t.principal_type_id, t.principal_external_id, null::text as via
      from task t
      union all
      select t.id, t.action, t.finished_at, t.connector_id, t.entitlement_key, m.principal_type_id, m.principal_external_id, t.principal_external_id
      from task t join grants m on m.connector_id = t.connector_id and m.via_external_id is null and ${live('m')}
        and m.entitlement_key = t.principal_type_id || ':' || t.principal_external_id || '#member'
      union all
      select t.id, t.action, t.finished_at, t.connector_id, x.entitlement_key, t.principal_type_id, t.principal_external_id, t.group_id
      from task t join grants x on x.connector_id = t.connector_id and x.via_external_id is null and ${live('x')}
        and x.principal_type_id = t.group_type and x.principal_external_id = t.group_id
      where t.slug = 'member'),
    overlay as (
      select distinct on (connector_id, entitlement_key, principal_type_id, principal_external_id, via) *
      from reach
      order by connector_id, entitlement_key, principal_type_id, principal_external_id, via, finished_at desc)
    select g.id, g.connector_id, g.entitlement_key, g.principal_type_id, g.principal_external_id, g.via_external_id, g.seen_from, g.seen_to,
           o.action as pending_kind, o.id as pending_task_id, o.finished_at as pending_verified_at
    from grants g
    left join overlay o on o.action = 'revoke' and ${live('g')} and o.connector_id = g.connector_id and o.entitlement_key = g.entitlement_key
      and o.principal_type_id = g.principal_type_id and o.principal_external_id = g.principal_external_id and o.via is not distinct from g.via_external_id
    union all
    select null, o.connector_id, o.entitlement_key, o.principal_type_id, o.principal_external_id, o.via, o.finished_at, null,
           o.action, o.id, o.finished_at
    from overlay o
    where o.action = 'grant' and not exists (
      select 1 from grants h
      where h.connector_id = o.connector_id and h.entitlement_key = o.entitlement_key and h.principal_type_id = o.principal_type_id
        and h.principal_external_id = o.principal_external_id and h.via_external_id is not distinct from o.via and ${live('h')})
  ) g`;
  return { from, pendingColumns: sql`g.pending_kind, g.pending_task_id, g.pending_verified_at`, overlaid: true };
}
