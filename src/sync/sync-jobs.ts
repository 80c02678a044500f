import type { JobWithMetadata } from 'pg-boss';
import type { AwsSessionOptions } from '../connectors/aws/clients.ts';
import type { AwsConnectorConfig } from '../connectors/aws/index.ts';
import { findConnector, openConnector } from '../connectors/service.ts';
import { isRrcuError, RrcuError } from '../core/errors.ts';
import type { JobEngine } from '../jobs/boss.ts';
import { QUEUES, syncJobSchema, type SyncJob } from '../jobs/queues.ts';
import type { Db } from '../store/db.ts';
import { runSync, type SyncOutcome, type SyncProgress } from './run-sync.ts';
import { runningSyncRun, STALE_AFTER_MS } from './runs.ts';

export type SyncService = {
  /** Queues a sync of the connector; while one is already waiting, answers with that one. */
  request(connectorId: string, actor: string): Promise<{ jobId: string; alreadyQueued: boolean }>;
  /** Runs a sync in this process now (the CLI's way), outside the queue. */
  runNow(connectorId: string, actor: string, onProgress?: (p: SyncProgress) => void): Promise<SyncOutcome>;
  /** Takes queued syncs in this process. */
  startWorkers(): Promise<void>;
};

export type SyncServiceDeps = {
  db: Db;
  jobs: JobEngine;
  secretKey: string | undefined;
  credentialsFor: (config: AwsConnectorConfig) => AwsSessionOptions['baseCredentials'] | undefined;
};

/** Syncs of different connectors a process runs at once; one connector never has two (queue policy, run index). */
const SYNCS_IN_PARALLEL = 2;
/** A running run whose heartbeat is this old has most likely lost its process: a live run beats at least every 15 s. */
const PROBABLY_INTERRUPTED_MS = 30_000;

/**
 * Syncs as jobs: a request becomes a job on the `sync` queue, keyed by connector, which pg-boss hands
 * to one worker of whichever process takes it; a sync started some other way (the CLI) is kept apart
 * by the one-running-run index, and the job then counts as done.
 */
export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { db, jobs } = deps;

  const runNow: SyncService['runNow'] = async (connectorId, actor, onProgress) => {
    const record = await findConnector(db, connectorId);
    const connector = await openConnector(db, record, { secretKey: deps.secretKey, baseCredentials: deps.credentialsFor(record.config) });
    try {
      return await runSync(db, record.id, connector, { actor, ...(onProgress ? { onProgress } : {}) });
    } finally {
      await connector.close();
    }
  };

  const send = (job: SyncJob, startAfter?: Date) =>
    jobs.boss.send(QUEUES.sync, job, { singletonKey: job.connectorId, ...(startAfter ? { startAfter } : {}) });

  const handle = async ([job]: JobWithMetadata<SyncJob>[]) => {
    if (!job) return;
    const data = syncJobSchema.parse(job.data);
    try {
      const outcome = await runNow(data.connectorId, data.actor);
      return { runId: outcome.run.id, status: outcome.run.status };
    } catch (e) {
      if (isRrcuError(e, 'SYNC_ALREADY_RUNNING')) {
        // Another sync has it (the CLI, or a run being resumed). If that run's process seems gone, come
        // back when its run may be resumed, or nothing would finish it before the next request.
        const running = await runningSyncRun(db, data.connectorId);
        if (running && Date.now() - running.heartbeatAt.getTime() > PROBABLY_INTERRUPTED_MS) {
          await send(data, new Date(running.heartbeatAt.getTime() + STALE_AFTER_MS + 1000));
        }
        return { skipped: 'SYNC_ALREADY_RUNNING' };
      }
      // The run records its own failure (status, error, audit event). Retrying a wrong setting or a
      // denied action would only fail again, so the job is done; a sync is retried by requesting it.
      // Only a worker that died mid-sync (its job's heartbeat lapses) has its job retried, which
      // resumes the interrupted run from its checkpoint.
      return { failed: isRrcuError(e) ? e.code : 'INTERNAL' };
    }
  };

  return {
    async request(connectorId, actor) {
      const job: SyncJob = { connectorId, actor };
      // A waiting job may start between our send and our look; then a new one can wait.
      for (let attempt = 0; attempt < 3; attempt++) {
        const id = await send(job);
        if (id) return { jobId: id, alreadyQueued: false };
        const [queued] = await jobs.boss.findJobs(QUEUES.sync, { key: connectorId, queued: true, limit: 1 });
        if (queued) return { jobId: queued.id, alreadyQueued: true };
      }
      throw new RrcuError('SYNC_NOT_QUEUED', `A sync of connector ${connectorId} could not be queued: the queue kept refusing a new job without holding a waiting one.`, {
        fix: 'Try again in a moment.',
      });
    },
    runNow,
    async startWorkers() {
      await jobs.boss.work(QUEUES.sync, { includeMetadata: true, localConcurrency: SYNCS_IN_PARALLEL, pollingIntervalSeconds: 1 }, handle);
    },
  };
}
