import type { JobWithMetadata } from 'pg-boss';
import { CONNECTOR_ERRORS, type ConnectorRecord, type ConnectorService } from '../connectors/index.ts';
import { isRrcuError, RrcuError } from '../core/errors.ts';
import { z } from 'zod';
import type { JobEngine, QueueSpec } from '../jobs/index.ts';
import { sql } from 'drizzle-orm';
import type { StoredError } from '../core/stored-error.ts';
import { queryRows, type Db } from '../store/index.ts';
import { recordRefusedSync, runSync, type SyncOutcome, type SyncProgress } from './run-sync.ts';
import { notifyMissedSchedules } from './notify-sync.ts';
import { resumeRecheckAt, runningSyncRun } from './runs.ts';
import { CONFIG_ERRORS } from '../config/errors.ts';
import { SYNC_ERRORS } from './errors.ts';

/** The sync's queues on the job engine. */
export const SYNC_QUEUES = {
  /** Syncs, one job per requested sync, keyed by connector. */
  sync: 'sync',
  /** The sync schedule's ticks: each asks for a sync of every connector. */
  syncSchedule: 'sync-schedule',
} as const;

/**
 * Where the sync's queues differ from the engine's defaults. Syncs are `stately` with the connector id as
 * singleton key: per connector at most one sync waits and one runs, so repeated requests collapse into the
 * waiting one, and pg-boss does not hand out a connector's waiting sync while another of its syncs is
 * active. A large organisation may take hours to sync; the job must not expire under it.
 */
export const SYNC_QUEUE_SPECS: readonly QueueSpec[] = [
  { name: SYNC_QUEUES.sync, policy: 'stately', expireInSeconds: 12 * 3600 },
  // A tick missed while another waits adds nothing: one waiting tick asks for the same syncs.
  { name: SYNC_QUEUES.syncSchedule, policy: 'short' },
];

export const syncJobSchema = z.object({ connectorId: z.uuid(), actor: z.string().min(1).max(300) });
export type SyncJob = z.infer<typeof syncJobSchema>;

export type SyncService = {
  /** Queues a sync of the connector; while one is already waiting, answers with that one. */
  request(connectorId: string, actor: string): Promise<{ jobId: string; alreadyQueued: boolean }>;
  /** Runs a sync in this process now (the CLI's way), outside the queue. */
  runNow(connectorId: string, actor: string, onProgress?: (p: SyncProgress) => void): Promise<SyncOutcome>;
  /** The sync schedule in effect (whichever process set it last), with its next few times; cron null when off. */
  schedule(): Promise<{ cron: string | null; timezone: string; next: Date[] }>;
  /** Asks for a sync of every live connector that may sync; answers how many. */
  requestAll(actor: string): Promise<number>;
  /**
   * What each tick of the schedule does: asks for every sync, then tells the Connector Administrators of
   * each connector whose scheduled syncs were missed twice (notify-sync.ts). Answers how many of each.
   */
  tick(now?: Date): Promise<{ requested: number; missedTwice: number }>;
  /** Takes queued syncs in this process, and keeps the sync schedule (cron) as configured. */
  startWorkers(): Promise<void>;
};

/** Syncs in this process now, outside the queue: the store and the connectors are all it needs, no job engine. */
export type SyncRunner = Pick<SyncService, 'runNow'>;

export function createSyncRunner({ db, connectors, afterCommit }: { db: Db; connectors: ConnectorService; afterCommit?: AfterCommit | undefined }): SyncRunner {
  return {
    async runNow(connectorId, actor, onProgress) {
      const record = await connectors.find(connectorId);
      const outcome = await syncConnector(db, connectors, record, { actor, ...(onProgress ? { onProgress } : {}) });
      // What other capabilities derive from a committed run (reviews' remediation proof) is recomputed from the store by the next run or review tick if this fails: never the sync's failure, never silent.
      const failed = await afterCommit?.(outcome).then(() => undefined, (e: unknown) => recordAfterCommitFailure(db, outcome.run.id, e));
      return failed ? { ...outcome, run: { ...outcome.run, warnings: [...outcome.run.warnings, failed] } } : outcome;
    },
  };
}

/**
 * The work after a committed run failed: the run stays succeeded (its inventory is committed) and gets
 * the failure as a warning, shown with the run; the server's standard error has it with its stack.
 */
async function recordAfterCommitFailure(db: Db, runId: number, e: unknown): Promise<StoredError> {
  const warning: StoredError = {
    code: 'AFTER_COMMIT_FAILED',
    message: `Run ${runId} committed, but the work after it (access reviews' remediation proof) failed: ${e instanceof Error ? e.message : String(e)}`.slice(0, 2000),
    fix: 'Nothing is lost: the next sync and the hourly review tick do it again from the store. If this warning repeats, read the server log for the cause.',
  };
  process.stderr.write(`sync: after run ${runId} committed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  await queryRows(db, sql`update sync_runs set warnings = warnings || ${JSON.stringify([warning])}::jsonb where id = ${runId}`).catch((inner: unknown) => {
    process.stderr.write(`sync: could not record that warning on run ${runId}: ${String(inner)}\n`);
  });
  return warning;
}

export type SyncServiceDeps = {
  db: Db;
  jobs: JobEngine;
  /** Finds and opens connectors (with their secrets, endpoint policy and credentials). */
  connectors: ConnectorService;
  /** Cron (UTC) of the scheduled syncs, or `off`. */
  schedule: string;
  afterCommit?: AfterCommit | undefined;
};

/** Called after a run committed, by whoever composes the app (sync imports no governance capability). */
export type AfterCommit = (outcome: SyncOutcome) => Promise<unknown>;

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
  const { db, jobs, connectors } = deps;

  const { runNow } = createSyncRunner({ db, connectors, afterCommit: deps.afterCommit });

  const send = (job: SyncJob, startAfter?: Date) =>
    jobs.boss.send(SYNC_QUEUES.sync, job, { singletonKey: job.connectorId, ...(startAfter ? { startAfter } : {}) });

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
          await send(data, resumeRecheckAt(running));
        }
        return { skipped: 'SYNC_ALREADY_RUNNING' };
      }
      // Archived after the job was queued: it ends without running.
      if (isRrcuError(e, 'CONNECTOR_ARCHIVED')) return { skipped: 'CONNECTOR_ARCHIVED' };
      // The run records its own failure (status, error, audit event). Retrying a wrong setting or a
      // denied action would only fail again, so the job is done; a sync is retried by requesting it.
      // Only a worker that died mid-sync (its job's heartbeat lapses) has its job retried, which
      // resumes the interrupted run from its checkpoint.
      return { failed: isRrcuError(e) ? e.code : 'INTERNAL' };
    }
  };

  const request: SyncService['request'] = async (connectorId, actor) => {
    // Refused at once (archived, or an endpoint this RRCU does not allow) rather than failing in a worker.
    connectors.checkUsable(await connectors.find(connectorId));
    const job: SyncJob = { connectorId, actor };
    // A waiting job may start between our send and our look; then a new one can wait.
    for (let attempt = 0; attempt < 3; attempt++) {
      const id = await send(job);
      if (id) return { jobId: id, alreadyQueued: false };
      const [queued] = await jobs.boss.findJobs(SYNC_QUEUES.sync, { key: connectorId, queued: true, limit: 1 });
      if (queued) return { jobId: queued.id, alreadyQueued: true };
    }
    throw new RrcuError(SYNC_ERRORS.SYNC_NOT_QUEUED, `A sync of connector ${connectorId} could not be queued: the queue kept refusing a new job without holding a waiting one.`, {
      fix: 'Try again in a moment.',
    });
  };

  const requestAll: SyncService['requestAll'] = async (actor) => {
    let requested = 0;
    for (const connector of await connectors.list()) {
      try {
        await request(connector.id, actor);
        requested++;
      } catch (e) {
        // One connector that may not sync (archived meanwhile, an endpoint this RRCU refuses, saved settings
        // today's rules refuse) does not hold up the others; asking for it by hand says why. Settings that
        // need editing are also a failed run, once per streak (recordRefusedSync), so the schedule's refusal
        // shows where its syncs are followed without a new run and notice on every tick.
        if (isRrcuError(e, CONNECTOR_ERRORS.SAVED_CONFIG_INVALID.code)) {
          await recordRefusal(db, connector.id, e, actor);
          continue;
        }
        if (!isRrcuError(e, 'CONNECTOR_ARCHIVED') && !isRrcuError(e, 'CUSTOM_ENDPOINT_NOT_ALLOWED')) throw e;
      }
    }
    return requested;
  };

  const service: SyncService = {
    request,
    requestAll,
    runNow,
    async tick(now = new Date()) {
      const requested = await requestAll('system');
      // The schedule in effect (the last process to start set it), which the missed syncs are counted against.
      const { cron } = await service.schedule();
      return { requested, missedTwice: cron === null ? 0 : await notifyMissedSchedules(db, cron, now) };
    },
    async schedule() {
      const [current] = await jobs.boss.getSchedules(SYNC_QUEUES.syncSchedule);
      if (!current) return { cron: null, timezone: 'UTC', next: [] };
      return { cron: current.cron, timezone: current.timezone, next: jobs.boss.previewSchedule(current.cron, { tz: current.timezone, count: 3 }) };
    },
    async startWorkers() {
      await jobs.boss.work(SYNC_QUEUES.sync, { includeMetadata: true, localConcurrency: SYNCS_IN_PARALLEL, pollingIntervalSeconds: 1 }, handle);
      await jobs.boss.work(SYNC_QUEUES.syncSchedule, { pollingIntervalSeconds: 5 }, async () => {
        await service.tick();
      });
      await keepSchedule(jobs, deps.schedule);
    },
  };
  return service;
}

/** Syncs one connector in this process: opens it (secrets decrypted in memory only), runs the sync, closes it. */
export async function syncConnector(db: Db, connectors: ConnectorService, record: ConnectorRecord, options: { actor: string; onProgress?: (p: SyncProgress) => void }): Promise<SyncOutcome> {
  let connector;
  try {
    connector = await connectors.open(record);
  } catch (e) {
    // Settings to edit refuse the sync before it starts; the run says so, as a run that failed in AWS does.
    if (isRrcuError(e, CONNECTOR_ERRORS.SAVED_CONFIG_INVALID.code)) await recordRefusal(db, record.id, e, options.actor);
    throw e;
  }
  try {
    return await runSync(db, record.id, connector, { actor: options.actor, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  } finally {
    await connector.close();
  }
}

/** A sync refused for settings to edit, as a failed run; failing to record it (another sync just began) is logged, never the answer. */
async function recordRefusal(db: Db, connectorId: string, refusal: RrcuError, actor: string): Promise<void> {
  await recordRefusedSync(db, connectorId, refusal, actor).catch((e: unknown) => {
    process.stderr.write(`sync: could not record the refused sync of connector ${connectorId}: ${e instanceof Error ? e.message : String(e)}\n`);
  });
}

/** The one sync schedule in the database follows this process's setting (the last process to start wins). */
async function keepSchedule(jobs: JobEngine, cron: string): Promise<void> {
  if (cron === 'off') {
    await jobs.boss.unschedule(SYNC_QUEUES.syncSchedule);
    return;
  }
  try {
    // A tick missed while RRCU was down is made up once at start: the inventory should not wait a whole period.
    await jobs.boss.schedule(SYNC_QUEUES.syncSchedule, cron, null, { tz: 'UTC', missed: 'once' });
  } catch (e) {
    throw new RrcuError(CONFIG_ERRORS.CONFIG_INVALID, `RRCU_SYNC_SCHEDULE=${JSON.stringify(cron)} is not a schedule pg-boss accepts: ${(e as Error).message}`, {
      fix: 'Set RRCU_SYNC_SCHEDULE to a cron expression in UTC, e.g. "0 */6 * * *" (every six hours), or to "off".',
      cause: e,
    });
  }
}

