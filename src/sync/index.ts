// The sync's surface: what the composition root, the doors, other capabilities, tests and benchmarks use.
export { createSyncRunner, createSyncService, syncConnector, SYNC_QUEUES, SYNC_QUEUE_SPECS, type SyncRunner, type SyncService } from './sync-jobs.ts';
export { runSync, type SyncOutcome, type SyncProgress } from './run-sync.ts';
export { isStaleRun, createSyncRun, clearRunProgress, runningSyncRun, getSyncRun, listSyncRuns, lastSucceededRun, type SyncRun } from './runs.ts';
export { RESUME_WITHIN_MS } from './resume-failed.ts';
export { linkPeople } from './people.ts';
export { connectorSyncStates, type ConnectorSyncState } from './connector-sync-state.ts';
export { syncRunViewSchema, toSyncRunView, type SyncRunView } from './run-view.ts';
export { createSyncRunReads, type SyncRunReads, type SyncRunReadsDeps } from './run-reads.ts';
export { summarizeApiCalls, describeRetries } from './api-calls.ts';
export { SYNC_ERRORS } from './errors.ts';
export { syncArchiveStep } from './archive-step.ts';
export { notifyMissedSchedules } from './notify-sync.ts';
