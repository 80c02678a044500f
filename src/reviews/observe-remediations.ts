import { and, eq, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/index.ts';
import { queryRows, reviewRemediations, type Db } from '../store/index.ts';
import { remediationStatus } from './core/remediation.ts';

type RemediationRow = typeof reviewRemediations.$inferSelect;

/**
 * After a sync of `connectorId` commits (run `runId`): each revoke whose task was verified (or whose
 * manual removal was marked) is remediated when the committed runs that started after that instant no
 * longer see the grant, or reappeared when a later one sees it again (`remediationStatus`). It reads
 * only committed data, so calling it again, or after a missed call, gives the same states. Two calls at
 * once (the tick and a sync's afterCommit) move a row once: each writes only where the state is still the
 * one it read, and audits only what it moved. `missedOnly` (the tick's catch-up) leaves out rows already
 * remediated: a reappearance of one is found by the next sync's own observation, which reads every run.
 */
export async function observeRemediations(db: Db, connectorId: string, runId: number, options: { missedOnly?: boolean } = {}): Promise<{ remediated: number; reappeared: number }> {
  const open = await queryRows<{ item_id: string; key: string; task_id: string | null; status: string | null; finished_at: Date | string | null; manual_marked_at: Date | string | null; manual: boolean; state: string }>(db, sql`
    select r.item_id, i.key, r.task_id, t.status, t.finished_at, r.manual_marked_at, r.manual, r.state
    from review_remediations r join review_items i on i.id = r.item_id join review_campaigns c on c.id = i.campaign_id
    left join provisioning_tasks t on t.id = r.task_id
    where c.connector_id = ${connectorId} and (t.status = 'succeeded' or r.manual_marked_at is not null)${options.missedOnly ? sql` and r.state <> 'remediated'` : sql``}`);
  let remediated = 0;
  let reappeared = 0;
  for (const r of open) {
    const since = r.status === 'succeeded' ? new Date(r.finished_at!) : new Date(r.manual_marked_at!);
    const syncs = await queryRows<{ id: number | string; started_at: Date | string; finished_at: Date | string; present: boolean }>(db, sql`
      select s.id, s.started_at, s.finished_at, exists (
        select 1 from grants g where g.connector_id = s.connector_id and g.key = ${r.key}
          and g.seen_from <= s.started_at and (g.seen_to is null or g.seen_to > s.started_at)) as present
      from sync_runs s where s.connector_id = ${connectorId} and s.status = 'succeeded' and s.started_at > ${since.toISOString()}::timestamptz and s.id <= ${runId}`);
    const status = remediationStatus({
      task: r.task_id ? { id: r.task_id, status: r.status as 'succeeded', finishedAt: r.finished_at ? new Date(r.finished_at) : null } : null,
      manual: r.manual ? { markedAt: r.manual_marked_at ? new Date(r.manual_marked_at) : null } : null,
      syncs: syncs.map((s) => ({ runId: Number(s.id), startedAt: new Date(s.started_at), committedAt: new Date(s.finished_at), grantPresent: Boolean(s.present) })),
    });
    if (status.state === r.state || (status.state !== 'remediated' && status.state !== 'reappeared')) continue;
    const moved = await db.transaction(async (tx) => {
      const observed = status.observedBy;
      const [row] = await tx.update(reviewRemediations).set({
        state: status.state,
        observedRunId: observed?.runId ?? null,
        observedAt: observed?.at ?? null,
        reappearedRunId: status.state === 'reappeared' ? status.reappearedIn.runId : null,
        reappearedAt: status.state === 'reappeared' ? status.reappearedIn.at : null,
      }).where(and(eq(reviewRemediations.itemId, r.item_id), eq(reviewRemediations.state, r.state as RemediationRow['state']))).returning({ itemId: reviewRemediations.itemId });
      if (!row) return false;
      await recordAuditEvent(tx, { type: `review.${status.state}`, actor: 'system', subject: `review_item:${r.item_id}`, data: { itemId: r.item_id, runId: status.state === 'remediated' ? status.observedBy.runId : status.reappearedIn.runId } });
      return true;
    });
    if (!moved) continue;
    if (status.state === 'remediated') remediated++;
    else reappeared++;
  }
  return { remediated, reappeared };
}
