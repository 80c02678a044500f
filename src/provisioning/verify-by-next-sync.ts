import { sql } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/index.ts';
import type { ProvisioningAction } from '../core/provisioning-target.ts';
import { queryRows, type Db } from '../store/index.ts';

export type ObservedTask = { taskId: string; action: ProvisioningAction; grantId: number | null };

/**
 * Links finished tasks to the sync that proves them, inside that sync's commit transaction: each
 * succeeded task of the connector not yet observed, finished before this run started, whose grant the
 * committed inventory now holds (grant) or no longer holds (revoke) as a direct grant. The task gets
 * `observed_run_id` and the audit log a `provisioning.observed` event naming the grant row that opened
 * or closed: the auditor's chain from request to AWS to inventory.
 *
 * A run that started before the task finished proves nothing (it may have read AWS before the change),
 * so such tasks wait for the next one.
 */
export async function markTasksObservedBySync(tx: Db, connectorId: string, runId: number, actor = 'system'): Promise<ObservedTask[]> {
  const rows = await queryRows<{ id: string; action: ProvisioningAction; grant_id: number | string | null }>(tx, sql`
    with run as (select started_at from sync_runs where id = ${runId})
    update provisioning_tasks t set observed_run_id = ${runId}
    from run
    where t.connector_id = ${connectorId} and t.status = 'succeeded' and t.observed_run_id is null
      and t.finished_at <= run.started_at
      and (t.action = 'grant') = exists (
        select 1 from grants g
        where g.connector_id = t.connector_id and g.entitlement_key = t.entitlement_key
          and g.principal_type_id = t.principal_type_id and g.principal_external_id = t.principal_external_id
          and g.via_external_id is null and g.seen_to is null)
    returning t.id, t.action, (
      select g.id from grants g
      where g.connector_id = t.connector_id and g.entitlement_key = t.entitlement_key
        and g.principal_type_id = t.principal_type_id and g.principal_external_id = t.principal_external_id
        and g.via_external_id is null
        and (case when t.action = 'grant' then g.seen_to is null else g.closed_run_id is not null end)
      order by g.id desc limit 1) as grant_id`);
  const observed = rows.map((r) => ({ taskId: r.id, action: r.action, grantId: r.grant_id === null ? null : Number(r.grant_id) }));
  for (const o of observed) {
    await recordAuditEvent(tx, {
      type: 'provisioning.observed',
      actor,
      subject: `provisioning_task:${o.taskId}`,
      data: { taskId: o.taskId, action: o.action, runId, grantId: o.grantId },
    });
  }
  return observed;
}
