import { sql } from 'drizzle-orm';
import { recordAuditEvents } from '../audit/index.ts';
import { queryRows, type Db } from '../store/index.ts';
import { remediationStatus, type RemediationStatus } from './core/remediation.ts';

type ObservedRow = {
  item_id: string;
  task_id: string | null;
  status: string | null;
  finished_at: Date | string | null;
  manual_marked_at: Date | string | null;
  manual: boolean;
  state: string;
  run_id: number | string | null;
  run_started_at: Date | string | null;
  run_finished_at: Date | string | null;
  present: boolean | null;
};

/**
 * After a sync of `connectorId` commits (run `runId`): each revoke whose task was verified (or whose
 * manual removal was marked) is remediated when the committed runs that started after that instant no
 * longer see the grant, or reappeared when a later one sees it again (`remediationStatus`). It reads
 * only committed data, so calling it again, or after a missed call, gives the same states. Two calls at
 * once (the tick and a sync's afterCommit) move a row once: each writes only where the state is still the
 * one it read, and audits only what it moved. `missedOnly` (the tick's catch-up) leaves out rows already
 * remediated: a reappearance of one is found by the next sync's own observation, which reads every run.
 *
 * One read and one write whatever the number of revokes: each remediation with every run since its
 * instant and whether that run saw the grant, then the rows that changed state moved together with their
 * audit events (after a close of 1,000 revokes, a query per row made each sync's end wait seconds).
 */
export async function observeRemediations(db: Db, connectorId: string, runId: number, options: { missedOnly?: boolean } = {}): Promise<{ remediated: number; reappeared: number }> {
  const rows = await queryRows<ObservedRow>(db, sql`
    with open as (
      select r.item_id, i.key, r.task_id, t.status, t.finished_at, r.manual_marked_at, r.manual, r.state,
             case when t.status = 'succeeded' then t.finished_at else r.manual_marked_at end as since
      from review_remediations r join review_items i on i.id = r.item_id join review_campaigns c on c.id = i.campaign_id
      left join provisioning_tasks t on t.id = r.task_id
      where c.connector_id = ${connectorId} and (t.status = 'succeeded' or r.manual_marked_at is not null)${options.missedOnly ? sql` and r.state <> 'remediated'` : sql``})
    select o.item_id, o.task_id, o.status, o.finished_at, o.manual_marked_at, o.manual, o.state,
           s.id as run_id, s.started_at as run_started_at, s.finished_at as run_finished_at, exists (
             select 1 from grants g where g.connector_id = s.connector_id and g.key = o.key
               and g.seen_from <= s.started_at and (g.seen_to is null or g.seen_to > s.started_at)) as present
    from open o
    left join sync_runs s on s.connector_id = ${connectorId} and s.status = 'succeeded' and s.started_at > o.since and s.id <= ${runId}
    order by o.item_id, s.started_at`);
  const byItem = new Map<string, ObservedRow[]>();
  for (const r of rows) (byItem.get(r.item_id) ?? byItem.set(r.item_id, []).get(r.item_id)!).push(r);
  const changes: { itemId: string; from: string; status: Extract<RemediationStatus, { state: 'remediated' | 'reappeared' }> }[] = [];
  for (const [itemId, runs] of byItem) {
    const r = runs[0]!;
    const status = remediationStatus({
      task: r.task_id ? { id: r.task_id, status: r.status as 'succeeded', finishedAt: r.finished_at ? new Date(r.finished_at) : null } : null,
      manual: r.manual ? { markedAt: r.manual_marked_at ? new Date(r.manual_marked_at) : null } : null,
      syncs: runs.filter((s) => s.run_id !== null).map((s) => ({ runId: Number(s.run_id), startedAt: new Date(s.run_started_at!), committedAt: new Date(s.run_finished_at!), grantPresent: Boolean(s.present) })),
    });
    if (status.state === r.state || (status.state !== 'remediated' && status.state !== 'reappeared')) continue;
    changes.push({ itemId, from: r.state, status });
  }
  if (changes.length === 0) return { remediated: 0, reappeared: 0 };
  const moved = await db.transaction(async (tx) => {
    const values = sql.join(changes.map(({ itemId, from, status }) => {
      const observed = status.observedBy;
      const reappeared = status.state === 'reappeared' ? status.reappearedIn : null;
      return sql`(${itemId}::uuid, ${from}, ${status.state}, ${observed?.runId ?? null}::bigint, ${observed?.at.toISOString() ?? null}::timestamptz, ${reappeared?.runId ?? null}::bigint, ${reappeared?.at.toISOString() ?? null}::timestamptz)`;
    }), sql`, `);
    // Each row moves only from the state it was read in: a concurrent observation that moved it first wins, and this one audits nothing for it.
    const done = new Set((await queryRows<{ item_id: string }>(tx, sql`
      update review_remediations r set state = v.state, observed_run_id = v.observed_run_id, observed_at = v.observed_at,
        reappeared_run_id = v.reappeared_run_id, reappeared_at = v.reappeared_at
      from (values ${values}) v(item_id, from_state, state, observed_run_id, observed_at, reappeared_run_id, reappeared_at)
      where r.item_id = v.item_id and r.state = v.from_state
      returning r.item_id`)).map((r) => r.item_id));
    const applied = changes.filter((c) => done.has(c.itemId));
    await recordAuditEvents(tx, applied.map(({ itemId, status }) => ({
      type: `review.${status.state}`, actor: 'system', subject: `review_item:${itemId}`,
      data: { itemId, runId: status.state === 'remediated' ? status.observedBy.runId : status.reappearedIn.runId },
    })));
    return applied;
  });
  return { remediated: moved.filter((c) => c.status.state === 'remediated').length, reappeared: moved.filter((c) => c.status.state === 'reappeared').length };
}
