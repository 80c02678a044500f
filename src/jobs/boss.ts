import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle, fromPglite, type DrizzleTransactionLike, type JobInsert } from 'pg-boss';
import { RrcuError } from '../core/errors.ts';
import type { Db, Store } from '../store/index.ts';
import { QUEUE_OPTIONS, SUPERVISE_SECONDS, type QueueSpec } from './queues.ts';
import { JOB_ERRORS } from './errors.ts';

export type JobEngine = {
  boss: PgBoss;
  store: Store;
  /**
   * Sends jobs of one queue inside the caller's transaction: they exist exactly when the caller's rows
   * commit. One statement for all of them (pg-boss's `insert`, the same row `send` writes, the queue's
   * retry and expiry settings included), so a bulk action's thousand jobs are not a thousand round trips.
   */
  sendInTransaction(tx: Db, queue: string, jobs: readonly JobInsert[]): Promise<void>;
  /**
   * Aborted when `stop` begins, before pg-boss waits for the handlers in flight: a handler that works
   * through many items (the requests' tick) ends at its next item, so the graceful stop waits for one item,
   * not the whole list, and nothing runs on into a store its owner closes next. pg-boss's `job.signal`
   * aborts only once that wait is over.
   */
  stopping: AbortSignal;
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
};

/**
 * Starts pg-boss on the store's own database: in-process on PGlite (one connection, shared with the
 * app), or with its own small pool on PostgreSQL, where several processes share the queues and SKIP
 * LOCKED hands each job to one of them. `supervise` runs pg-boss's maintenance (expiry, heartbeat
 * failures, retention): on for workers, off for a process that only enqueues. `queues` are the
 * capabilities' queues (each declares its own), created at start.
 */
export async function startJobEngine(store: Store, options: { supervise?: boolean; queues: readonly QueueSpec[] }): Promise<JobEngine> {
  const supervise = options.supervise ?? true;
  // Cron schedules (the sync schedule) are kept by the processes that also do the maintenance.
  // The supervisor's pass (expiry, lapsed heartbeats) every few seconds, not pg-boss's default minute (queues.ts).
  const common = { supervise, schedule: supervise, migrate: true, superviseIntervalSeconds: SUPERVISE_SECONDS, monitorIntervalSeconds: SUPERVISE_SECONDS } as const;
  const boss = store.pglite
    ? new PgBoss({ ...common, db: fromPglite(store.pglite), backend: 'pglite' })
    : new PgBoss({ ...common, connectionString: postgresUrl(store), max: 4 });
  // pg-boss reports background failures (a maintenance pass, a lost connection) as events; without a
  // listener an EventEmitter would throw them. They are retried on the next pass.
  boss.on('error', () => {});
  try {
    await boss.start();
    // Created (and cached) before any transaction enqueues: on PGlite, a queue lookup made from inside
    // a transaction would wait for that very transaction.
    for (const queue of options.queues) await ensureQueue(boss, queue);
  } catch (e) {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    throw new RrcuError(JOB_ERRORS.JOB_ENGINE_UNAVAILABLE, `The job engine (pg-boss) could not start on ${store.location}: ${(e as Error).message}`, {
      fix: 'Check that the database user may create the pgboss schema and its tables, then try again.',
      cause: e,
    });
  }
  const stopping = new AbortController();
  return {
    boss,
    store,
    stopping: stopping.signal,
    async sendInTransaction(tx, queue, jobs) {
      if (jobs.length === 0) return;
      // Drizzle's `execute` answers `{ rows }` on both drivers, which is all the adapter reads.
      await boss.insert(queue, [...jobs], { db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql) });
    },
    async stop(stopOptions = {}) {
      stopping.abort();
      await boss.stop({ graceful: stopOptions.graceful ?? true, timeout: stopOptions.timeoutMs ?? 30_000, close: true });
    },
  };
}

async function ensureQueue(boss: PgBoss, { name, ...overrides }: QueueSpec): Promise<void> {
  const options = { ...QUEUE_OPTIONS, policy: 'standard', ...overrides };
  if (!(await boss.getQueue(name))) {
    try {
      await boss.createQueue(name, options);
      return;
    } catch (e) {
      // Another process created it between our look and our insert.
      if (!(await boss.getQueue(name))) throw e;
    }
  }
  // The policy is fixed when a queue is created; the rest follows the code's current settings.
  const { retryLimit, retryDelay, retryBackoff, expireInSeconds, deleteAfterSeconds, heartbeatSeconds } = options;
  await boss.updateQueue(name, { retryLimit, retryDelay, retryBackoff, expireInSeconds, deleteAfterSeconds, heartbeatSeconds });
}

function postgresUrl(store: Store): string {
  const url = store.pool?.options.connectionString;
  if (!url) throw new RrcuError(JOB_ERRORS.JOB_ENGINE_UNAVAILABLE, 'The PostgreSQL store has no connection string for the job engine.', { fix: 'Open the store with DATABASE_URL.' });
  return url;
}
