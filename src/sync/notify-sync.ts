import { CronExpressionParser } from 'cron-parser';
import { eq, sql } from 'drizzle-orm';
import type { StoredError } from '../core/stored-error.ts';
import { notify } from '../notifications/index.ts';
import { connectors, queryRows, type Db } from '../store/index.ts';

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

/** Tells the Connector Administrators a sync failed, in the transaction that audits it: once per run and error (a resumed run failing the same way again is not news). */
export async function notifySyncFailed(tx: Db, connectorId: string, runId: number, error: StoredError): Promise<void> {
  const [connector] = await tx.select({ name: connectors.name }).from(connectors).where(eq(connectors.id, connectorId));
  const name = connector?.name ?? connectorId;
  await notify(tx, {
    kind: 'sync.failed',
    recipient: { role: 'connector_admin' },
    title: `Sync failed: ${name}`.slice(0, 200),
    body: `Run ${runId}: ${error.message}${error.fix ? ` ${error.fix}` : ''}`.slice(0, 2000),
    link: `/connectors/${connectorId}`,
    payload: { connectorId, runId, errorCode: error.code },
    dedupeKey: `sync.failed:${runId}:${error.code}`,
  });
}

/**
 * The two scheduled syncs missed since `since`, or undefined when fewer were. A scheduled sync is missed
 * when the next scheduled time comes with no successful sync after it; so at `now` the two before the
 * latest occurrence are both missed when neither was followed by a success — the last success is older
 * than the third latest occurrence. The latest itself is not counted: its sync may be running still.
 */
export function missedTwice(cron: string, since: Date, now: Date): [Date, Date] | undefined {
  // prev() is strictly before currentDate: one millisecond on, an occurrence exactly at `now` counts as the latest.
  const times = CronExpressionParser.parse(cron, { tz: 'UTC', strict: false, currentDate: new Date(now.getTime() + 1) });
  times.prev();
  const second = times.prev().toDate();
  const first = times.prev().toDate();
  return first > since ? [first, second] : undefined;
}

/**
 * Checked on each tick of the sync schedule: every live connector whose scheduled syncs were missed twice
 * (failed, never ran, or still running two periods on) tells the Connector Administrators once per
 * occurrence, keyed by the last success (or the connector's creation): the next success starts a new one.
 * Answers how many were told now.
 */
export async function notifyMissedSchedules(db: Db, cron: string, now: Date = new Date()): Promise<number> {
  const rows = await queryRows<{ id: string; name: string; since: Date | string; succeeded: boolean; last_status: string | null; last_started: Date | string | null; last_error: StoredError | null }>(db, sql`
    select c.id, c.name, greatest(c.created_at, s.finished_at) as since, s.finished_at is not null as succeeded,
           l.status as last_status, l.started_at as last_started, l.error as last_error
    from connectors c
    left join lateral (select max(finished_at) as finished_at from sync_runs where connector_id = c.id and status = 'succeeded') s on true
    left join lateral (select status, started_at, error from sync_runs where connector_id = c.id order by id desc limit 1) l on true
    where c.archived_at is null`);
  let told = 0;
  for (const c of rows) {
    const since = new Date(c.since);
    const missed = missedTwice(cron, since, now);
    if (!missed) continue;
    const last = c.last_status === null ? 'No sync has run since.'
      : c.last_status === 'running' ? `A sync has been running since ${iso(new Date(c.last_started!))}.`
      : c.last_status === 'failed' ? `The last sync failed: ${c.last_error?.message ?? 'no reason recorded'}${c.last_error?.fix ? ` ${c.last_error.fix}` : ''}`
      : '';
    const sent = await notify(db, {
      kind: 'sync.schedule_missed',
      recipient: { role: 'connector_admin' },
      title: `Scheduled syncs missed twice: ${c.name}`.slice(0, 200),
      body: `${c.succeeded ? `No sync of ${c.name} has succeeded since ${iso(since)}` : `${c.name} has not synced successfully since it was added (${iso(since)})`}: the syncs scheduled at ${iso(missed[0])} and ${iso(missed[1])} (${cron}, UTC) did not succeed. ${last}`.trim().slice(0, 2000),
      link: `/connectors/${c.id}`,
      payload: { connectorId: c.id, since: since.toISOString(), missed: missed.map((d) => d.toISOString()), lastStatus: c.last_status },
      dedupeKey: `sync.schedule_missed:${c.id}:${since.toISOString()}`,
    }, now);
    if (sent) told++;
  }
  return told;
}
