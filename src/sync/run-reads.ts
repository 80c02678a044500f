import { bindDb, type Db } from '../store/index.ts';
import { connectorSyncStates } from './connector-sync-state.ts';
import { getSyncRun, lastSucceededRun, listSyncRuns } from './runs.ts';

export type SyncRunReadsDeps = { db: Db };

/**
 * The sync's runs as the doors read them, on the app's store. Apart from the sync service because
 * reading needs no job engine: `rrcu runs` and `rrcu diff` run without one.
 */
export function createSyncRunReads({ db }: SyncRunReadsDeps) {
  return {
    getSyncRun: bindDb(db, getSyncRun),
    listSyncRuns: bindDb(db, listSyncRuns),
    lastSucceededRun: bindDb(db, lastSucceededRun),
    /** Each connector's sync status and last run. */
    connectorSyncStates: bindDb(db, connectorSyncStates),
  };
}

export type SyncRunReads = ReturnType<typeof createSyncRunReads>;
