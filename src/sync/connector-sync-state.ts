import { and, desc, inArray, ne } from 'drizzle-orm';
import { syncRuns, type Db } from '../store/index.ts';
import { isStaleRun, type SyncRun } from './runs.ts';

/**
 * `syncing` while a run is running (and beating: an interrupted run syncs nothing until resumed);
 * otherwise how the last finished run ended (`connected` or `error`), or `not_connected` before any
 * run has finished.
 */
export type ConnectorSyncStatus = 'not_connected' | 'syncing' | 'connected' | 'error';

export type ConnectorSyncState = { status: ConnectorSyncStatus; lastRun: SyncRun | undefined };

/** The sync state of each connector asked for (of every connector without `connectorIds`). */
export async function connectorSyncStates(db: Db, connectorIds?: readonly string[]): Promise<Map<string, ConnectorSyncState>> {
  if (connectorIds?.length === 0) return new Map();
  const only = connectorIds ? inArray(syncRuns.connectorId, [...connectorIds]) : undefined;
  const latest = await db
    .selectDistinctOn([syncRuns.connectorId])
    .from(syncRuns)
    .where(only)
    .orderBy(syncRuns.connectorId, desc(syncRuns.id));
  const finished = await db
    .selectDistinctOn([syncRuns.connectorId], { connectorId: syncRuns.connectorId, status: syncRuns.status })
    .from(syncRuns)
    .where(only ? and(only, ne(syncRuns.status, 'running')) : ne(syncRuns.status, 'running'))
    .orderBy(syncRuns.connectorId, desc(syncRuns.id));
  const lastFinished = new Map(finished.map((r) => [r.connectorId, r.status]));
  const states = new Map<string, ConnectorSyncState>();
  for (const id of connectorIds ?? []) states.set(id, { status: 'not_connected', lastRun: undefined });
  for (const run of latest) {
    const ended = lastFinished.get(run.connectorId);
    const status: ConnectorSyncStatus = run.status === 'running' && !isStaleRun(run) ? 'syncing' : ended === 'succeeded' ? 'connected' : ended === 'failed' ? 'error' : 'not_connected';
    states.set(run.connectorId, { status, lastRun: run });
  }
  return states;
}
