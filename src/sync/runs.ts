import { and, desc, eq, sql } from 'drizzle-orm';
import { connectors, lockLiveConnector, isUniqueViolation, snapshotItems, syncRuns, type Db } from '../store/index.ts';
import type { StoredError } from '../core/stored-error.ts';
import { RrcuError } from '../core/errors.ts';
import { reopenFailedRun, RESUME_WITHIN_MS, startedWithinResumeWindow } from './resume-failed.ts';
import { SYNC_ERRORS } from './errors.ts';

export type SyncRun = typeof syncRuns.$inferSelect;

/** A running run whose heartbeat is older than this was interrupted (crash, kill) and may be resumed. */
export const STALE_AFTER_MS = 60_000;

/**
 * Heartbeats are written and judged by the database's clock only: `now()` there, never a time read back
 * into JS (PostgreSQL keeps microseconds, a JS Date milliseconds) nor this process's clock.
 */
const heartbeatIsStale = sql`${syncRuns.heartbeatAt} < now() - ${STALE_AFTER_MS}::int * interval '1 millisecond'`;

/** Whether a run has stopped beating: running, yet silent for longer than a live sync ever is. */
export function isStaleRun(run: Pick<SyncRun, 'status' | 'heartbeatAt'>, now: Date = new Date()): boolean {
  return run.status === 'running' && now.getTime() - run.heartbeatAt.getTime() > STALE_AFTER_MS;
}

/** A sync refused because of a silent run asks again no sooner than this, whatever the run looks like. */
const RECHECK_AT_LEAST_MS = 10_000;

/**
 * When a sync refused because of `run` should ask again: once the run may be resumed, but never at
 * once, so that a claim refused for any reason (clocks apart, another process winning) cannot turn
 * into a stream of jobs that each ask and are refused.
 */
export function resumeRecheckAt(run: Pick<SyncRun, 'heartbeatAt'>, now: Date = new Date()): Date {
  return new Date(Math.max(run.heartbeatAt.getTime() + STALE_AFTER_MS + 1000, now.getTime() + RECHECK_AT_LEAST_MS));
}

export async function createSyncRun(db: Db, connectorId: string, startedAt: Date = new Date()): Promise<SyncRun> {
  try {
    const [run] = await db.transaction(async (tx) => {
      // Either the archive commits first and is seen here, or it waits for this run and then finds it running.
      await lockLiveConnector(tx, connectorId);
      return tx.insert(syncRuns).values({ connectorId, startedAt, heartbeatAt: sql`now()`, checkpoint: { done: [] } }).returning();
    });
    return run!;
  } catch (e) {
    if (isUniqueViolation(e)) throw alreadyRunning(connectorId);
    throw e;
  }
}

/**
 * The run a new sync should use: the connector's interrupted run (running, heartbeat stopped, started
 * less than RESUME_WITHIN_MS ago; an older one is recorded as failed) or its
 * last run if that failed on a transient cause (resume-failed.ts), resumed from its checkpoint, or a new one. A run that is still beating belongs to another sync: refused.
 */
export async function beginSyncRun(db: Db, connectorId: string, now: Date = new Date()): Promise<{ run: SyncRun; resumed: boolean }> {
  const running = await runningSyncRun(db, connectorId);
  if (!running) {
    const reopened = await reopenFailedRun(db, connectorId);
    return reopened ? { run: reopened, resumed: true } : { run: await createSyncRun(db, connectorId, now), resumed: false };
  }
  // Claimed only while still stale: of two processes claiming at once, the second finds the heartbeat
  // the first just wrote (PostgreSQL re-checks the condition on the updated row) and is refused.
  const [claimed] = await db.transaction(async (tx) => {
    // An interrupted run of an archived connector stays interrupted: the archive ends it.
    await lockLiveConnector(tx, connectorId);
    return tx
      .update(syncRuns)
      .set({ heartbeatAt: sql`now()` })
      .where(and(eq(syncRuns.id, running.id), eq(syncRuns.status, 'running'), heartbeatIsStale, startedWithinResumeWindow))
      .returning();
  });
  if (claimed) return { run: claimed, resumed: true };
  // Silent, but started too long ago to resume: recorded as failed (claimed the same way), and a new run starts over.
  const abandoned = await db.transaction(async (tx) => {
    const [run] = await tx
      .update(syncRuns)
      .set({ status: 'failed', finishedAt: sql`now()`, error: tooOldToResume(running), checkpoint: null, progress: null })
      .where(and(eq(syncRuns.id, running.id), eq(syncRuns.status, 'running'), heartbeatIsStale))
      .returning();
    if (run) await tx.delete(snapshotItems).where(eq(snapshotItems.syncRunId, run.id));
    return run;
  });
  if (!abandoned) throw alreadyRunning(connectorId, running);
  return { run: await createSyncRun(db, connectorId, now), resumed: false };
}

function tooOldToResume(run: SyncRun): StoredError {
  return {
    code: 'SYNC_TOO_OLD_TO_RESUME',
    message: `This run stopped (its process died); it started ${run.startedAt.toISOString()}, more than ${RESUME_WITHIN_MS / 3600_000} hours before the next sync, so what it had stored would be stale: it was not resumed, and the next sync started over.`,
  };
}

/** What a running sync is doing, for live views in any process; null once the run has finished. */
export type RunProgress = NonNullable<SyncRun['progress']>;

export async function recordRunProgress(
  db: Db,
  runId: number,
  progress: { apiCalls: Record<string, number>; warnings: SyncRun['warnings']; done: string[]; live?: RunProgress | null },
): Promise<void> {
  await db
    .update(syncRuns)
    .set({
      apiCalls: progress.apiCalls,
      warnings: progress.warnings,
      checkpoint: { done: progress.done },
      ...(progress.live === undefined ? {} : { progress: progress.live }),
      heartbeatAt: sql`now()`,
    })
    .where(eq(syncRuns.id, runId));
}

/** Clears a finished run's live progress: it describes work in flight, and there is none. */
export async function clearRunProgress(db: Db, runId: number): Promise<void> {
  await db.update(syncRuns).set({ progress: null }).where(eq(syncRuns.id, runId));
}

/** The running run of a connector, if any (at most one, by the one-running index). */
export async function runningSyncRun(db: Db, connectorId: string): Promise<SyncRun | undefined> {
  const [run] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.connectorId, connectorId), eq(syncRuns.status, 'running')));
  return run;
}

export async function getSyncRun(db: Db, id: number): Promise<SyncRun | undefined> {
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, id));
  return run;
}

export async function listSyncRuns(db: Db, connectorId?: string, limit = 50): Promise<SyncRun[]> {
  const query = db.select().from(syncRuns);
  return (connectorId ? query.where(eq(syncRuns.connectorId, connectorId)) : query).orderBy(desc(syncRuns.id)).limit(limit);
}

/**
 * Whether the connector's last run already failed with this very error (same code and message) and its
 * settings were not saved since: a refusal that every tick of the schedule would meet again until
 * someone edits the connector, already on record.
 */
export async function lastRunFailedAlike(db: Db, connectorId: string, error: StoredError): Promise<boolean> {
  const [last] = await db
    .select({ status: syncRuns.status, error: syncRuns.error, startedAt: syncRuns.startedAt, savedAt: connectors.updatedAt })
    .from(syncRuns)
    .innerJoin(connectors, eq(connectors.id, syncRuns.connectorId))
    .where(eq(syncRuns.connectorId, connectorId))
    .orderBy(desc(syncRuns.id))
    .limit(1);
  return last?.status === 'failed' && last.error?.code === error.code && last.error.message === error.message && last.startedAt >= last.savedAt;
}

/** The latest successful run of a connector, optionally before `beforeRunId`. */
export async function lastSucceededRun(db: Db, connectorId: string, beforeRunId?: number): Promise<SyncRun | undefined> {
  const conditions = [eq(syncRuns.connectorId, connectorId), eq(syncRuns.status, 'succeeded')];
  if (beforeRunId !== undefined) conditions.push(sql`${syncRuns.id} < ${beforeRunId}`);
  const [run] = await db.select().from(syncRuns).where(and(...conditions)).orderBy(desc(syncRuns.id)).limit(1);
  return run;
}

function alreadyRunning(connectorId: string, run?: SyncRun): RrcuError {
  return new RrcuError(
    SYNC_ERRORS.SYNC_ALREADY_RUNNING,
    `A sync of connector ${connectorId} is already running${run ? ` (run ${run.id}, started ${run.startedAt.toISOString()})` : ''}.`,
    { fix: `Wait for it to finish; if its process died, it can be resumed ${STALE_AFTER_MS / 1000} s after its last progress.` },
  );
}
