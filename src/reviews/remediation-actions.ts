import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/index.ts';
import { RrcuError } from '../core/errors.ts';
import type { ProvisioningService } from '../provisioning/index.ts';
import { queryRows, reviewRemediations, type Db } from '../store/index.ts';
import { revokeTaskReason } from './core/remediation.ts';
import { REVIEW_ERRORS } from './errors.ts';
import type { RemediationActionResult, ReviewActor } from './service-types.ts';

type Row = {
  item_id: string; grant_id: number | string; campaign_name: string; connector_id: string | null; state: string | null;
  task_id: string | null; task_status: string | null; manual: boolean | null; manual_marked_at: Date | string | null;
};

/**
 * An administrator's way out of a revoke nothing will carry out by itself: a failed task is asked for
 * again (`retry`: a new provisioning task, the row back to `task_queued` under it), a manual removal is
 * said to be done (`markDone`: who and when; the next sync that started after the mark and no longer sees
 * the grant makes it `remediated`, as for a task). Each moves the row only from the state it read, so two
 * administrators at once act once, and each is audited.
 */
export function createRemediationActions(deps: { db: Db; provisioning: Pick<ProvisioningService, 'requestRevoke'> }) {
  const { db } = deps;

  async function read(itemId: string): Promise<Row> {
    const [row] = await queryRows<Row>(db, sql`
      select i.id as item_id, i.grant_id, c.name as campaign_name, c.connector_id, r.state, r.task_id, t.status as task_status, r.manual, r.manual_marked_at
      from review_items i join review_campaigns c on c.id = i.campaign_id
      left join review_remediations r on r.item_id = i.id left join provisioning_tasks t on t.id = r.task_id
      where i.id = ${itemId}`);
    if (!row) throw new RrcuError(REVIEW_ERRORS.ITEM_NOT_FOUND, `No review item ${itemId}.`, { fix: 'Take item ids from the campaign\'s items.' });
    return row;
  }

  const result = (r: typeof reviewRemediations.$inferSelect): RemediationActionResult => ({
    itemId: r.itemId, state: r.state, taskId: r.taskId, manualMarkedAt: r.manualMarkedAt?.toISOString() ?? null, manualMarkedBy: r.manualMarkedBy,
  });

  return {
    async retry(itemId: string, by: ReviewActor): Promise<RemediationActionResult> {
      const row = await read(itemId);
      if (row.state !== 'task_queued' || row.task_status !== 'failed' || row.task_id === null || row.connector_id === null) {
        throw new RrcuError(REVIEW_ERRORS.REMEDIATION_NOT_FAILED, `Item ${itemId}'s revoke is ${row.state === null ? 'not being remediated' : row.state === 'task_queued' ? `task_queued (task ${row.task_id} ${row.task_status ?? 'unknown'})` : row.state}: only a revoke whose task failed is retried.`, {
          fix: 'Open the item: a running task needs no retry, and a manual removal is marked done instead.',
        });
      }
      const [decision] = await queryRows<{ comment: string | null; email: string | null }>(db, sql`
        select d.comment, p.email from review_decisions d left join people p on p.id = d.decider_person_id where d.item_id = ${itemId} order by d.id desc limit 1`);
      const { task } = await deps.provisioning.requestRevoke({
        connector: row.connector_id, grantId: Number(row.grant_id), actor: by.actor, trigger: 'review', triggerRef: itemId,
        reason: revokeTaskReason(row.campaign_name, decision?.email ?? null, decision?.comment ?? null),
      });
      return db.transaction(async (tx) => {
        const [moved] = await tx.update(reviewRemediations).set({ taskId: task.id })
          .where(and(eq(reviewRemediations.itemId, itemId), eq(reviewRemediations.state, 'task_queued'), eq(reviewRemediations.taskId, row.task_id!))).returning();
        if (!moved) throw new RrcuError(REVIEW_ERRORS.REMEDIATION_NOT_FAILED, `Item ${itemId}'s remediation changed meanwhile (another administrator retried it).`, { fix: 'Open the item again.' });
        await recordAuditEvent(tx, { type: 'review.remediation_retried', actor: by.actor, subject: `review_item:${itemId}`, data: { itemId, taskId: task.id, failedTaskId: row.task_id } });
        return result(moved);
      });
    },

    async markDone(itemId: string, by: ReviewActor): Promise<RemediationActionResult> {
      const row = await read(itemId);
      if (row.state !== 'manual' || row.manual_marked_at !== null) {
        throw new RrcuError(REVIEW_ERRORS.REMEDIATION_NOT_MANUAL, `Item ${itemId}'s revoke is ${row.state === null ? 'not being remediated' : row.state === 'manual' ? 'already marked done' : row.state}: only a manual removal not yet marked is marked done.`, {
          fix: 'A revoke whose task failed is retried instead; a marked one waits for the next sync.',
        });
      }
      return db.transaction(async (tx) => {
        const at = new Date();
        const [moved] = await tx.update(reviewRemediations).set({ manualMarkedAt: at, manualMarkedBy: by.actor })
          .where(and(eq(reviewRemediations.itemId, itemId), eq(reviewRemediations.state, 'manual'), isNull(reviewRemediations.manualMarkedAt))).returning();
        if (!moved) throw new RrcuError(REVIEW_ERRORS.REMEDIATION_NOT_MANUAL, `Item ${itemId}'s manual removal was marked done meanwhile.`, { fix: 'Open the item again.' });
        await recordAuditEvent(tx, { type: 'review.remediation_marked_done', actor: by.actor, subject: `review_item:${itemId}`, data: { itemId, markedAt: at.toISOString() } }, at);
        return result(moved);
      });
    },
  };
}
