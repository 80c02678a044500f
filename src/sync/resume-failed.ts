import { and, desc, eq, sql } from 'drizzle-orm';
import { lockLiveConnector, isUniqueViolation, discardKeptStaging, syncRuns, type Db } from '../store/index.ts';

/**
 * A run (failed or interrupted) is resumed only within a day of its start: what it staged reflects AWS as
 * it was then, and a day-old half of a snapshot mixed with a fresh half would show access that changed in
 * between as unchanged. Measured from the start, which no failure or resume moves.
 */
export const RESUME_WITHIN_MS = 24 * 3600_000;

/** Whether a run started recently enough to be resumed, by the database's clock. */
export const startedWithinResumeWindow = sql`${syncRuns.startedAt} > now() - ${RESUME_WITHIN_MS}::bigint * interval '1 millisecond'`;

/**
 * The connector's last run, reopened when it failed on a transient cause (AWS throttling, unreachable,
 * a lost connection: failSnapshot kept its staged items and marked its checkpoint resumable) and started
 * less than a day ago: same run id, back to running, its stored stages skipped, a warning saying it was resumed.
 * Otherwise undefined, and whatever failed runs kept for resuming is discarded: the sync starts over.
 * A run that failed on a permanent cause (settings, permissions) kept nothing, so it is never resumed.
 */
export async function reopenFailedRun(db: Db, connectorId: string): Promise<typeof syncRuns.$inferSelect | undefined> {
  const [last] = await db.select().from(syncRuns).where(eq(syncRuns.connectorId, connectorId)).orderBy(desc(syncRuns.id)).limit(1);
  if (last?.status === 'failed' && last.checkpoint?.resumable) {
    const failure = last.error ? `${last.error.code}: ${last.error.message}` : 'an interruption';
    const done = last.checkpoint.done;
    const warning = { code: 'RESUMED_AFTER_FAILURE', message: `This run failed (${failure}) and was resumed by the next sync from the ${done.length} stages it had stored.` };
    try {
      const [reopened] = await db.transaction(async (tx) => {
        // An archived connector never syncs; one being archived right now is waited for, then refused.
        await lockLiveConnector(tx, connectorId);
        return tx
          .update(syncRuns)
          .set({ status: 'running', finishedAt: null, error: null, heartbeatAt: sql`now()`, checkpoint: { done }, warnings: [...last.warnings, warning] })
          .where(
            and(
              eq(syncRuns.id, last.id),
              // Of two syncs starting at once, one reopens it; the other then finds it running.
              eq(syncRuns.status, 'failed'),
              startedWithinResumeWindow,
            ),
          )
          .returning();
      });
      if (reopened) return reopened;
    } catch (e) {
      // Another sync of the connector started meanwhile: createSyncRun reports it as running.
      if (isUniqueViolation(e)) return undefined;
      throw e;
    }
  }
  await discardKeptStaging(db, connectorId);
  return undefined;
}
