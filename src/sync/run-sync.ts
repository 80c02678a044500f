import { recordAuditEvent } from '../audit/index.ts';
import type { Connector, StagedItem, SyncWarning } from '../connectors/index.ts';
import { markTasksObservedBySync } from '../provisioning/index.ts';
import type { RrcuError } from '../core/errors.ts';
import { databaseFailure, commitSnapshot, discardUnfinishedStages, failSnapshot, stageItems, toStoredError, resourceTypes, type Db, type SnapshotChanges } from '../store/index.ts';
import type { StoredError } from '../core/stored-error.ts';
import { summarizeApiCalls, type RetryCounts } from './api-calls.ts';
import { notifySyncFailed } from './notify-sync.ts';
import { linkPeople } from './people.ts';
import { isResumableSyncFailure } from './resumable.ts';
import { beginSyncRun, clearRunProgress, createSyncRun, getSyncRun, lastRunFailedAlike, recordRunProgress, type RunProgress, type SyncRun } from './runs.ts';

export type SyncProgress = {
  runId: number;
  stage: string;
  detail?: string;
  /** Items stored so far in this attempt. */
  items: number;
  apiCalls: number;
  throttled: number;
  retries: RetryCounts;
};

export type SyncOutcome = { run: SyncRun; changes: SnapshotChanges; resumed: boolean };

export type RunSyncOptions = {
  /** Who started it, for the audit log (`user:…`, `cli:…`, `system`). */
  actor: string;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
  /** Items per write; the connector's stream is consumed this many at a time. */
  batchSize?: number;
};

const HEARTBEAT_MS = 15_000;
/** Live progress goes to the run row (with the heartbeat) at most this often, not once per batch. */
const PROGRESS_WRITE_MS = 1_000;

/**
 * Runs one sync of a connector into the store: resumes the connector's interrupted run if there is one,
 * stages what the connector yields in batches (saving its checkpoints as they are reached), then commits
 * the snapshot and links principals to people. If the connector throws, the run is recorded as failed
 * with the error and the inventory keeps the last good data.
 */
export async function runSync(db: Db, connectorId: string, connector: Connector, options: RunSyncOptions): Promise<SyncOutcome> {
  const { run, resumed } = await beginSyncRun(db, connectorId);
  const batchSize = options.batchSize ?? 500;
  const done = new Set(run.checkpoint?.done ?? []);
  const warnings: SyncWarning[] = [...run.warnings];
  let stage = 'starting';
  let detail: string | undefined;
  let items = 0;
  const live = (): RunProgress & { retries: RetryCounts } => {
    const { total: apiCalls, retries } = summarizeApiCalls(connector.apiCalls());
    return { stage, ...(detail ? { detail } : {}), items, apiCalls, throttled: retries.throttled, retries };
  };
  // Writes run one after another, so an older checkpoint never lands after a newer one; once the run
  // has finished, none is written any more (its progress is cleared).
  let writes: Promise<void> = Promise.resolve();
  let finished = false;
  const write = () =>
    finished ? Promise.resolve() : recordRunProgress(db, run.id, { apiCalls: mergeCounts(run.apiCalls, connector.apiCalls()), warnings, done: [...done], live: live() });
  const save = (): Promise<void> => (writes = writes.then(write, write));
  let lastWrite = 0;
  const report = () => {
    options.onProgress?.({ runId: run.id, ...live() });
    if (Date.now() - lastWrite < PROGRESS_WRITE_MS) return;
    lastWrite = Date.now();
    void save().catch(() => {});
  };
  const heartbeat = setInterval(() => void save().catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref();
  const finish = async () => {
    finished = true;
    clearInterval(heartbeat);
    await writes.catch(() => {});
    await clearRunProgress(db, run.id);
  };

  await db
    .insert(resourceTypes)
    .values(connector.resourceTypes.map((t) => ({ id: t.id, displayName: t.displayName, isPrincipal: t.isPrincipal })))
    .onConflictDoNothing();

  try {
    // A resumed run starts its unfinished stages over: what they staged before may be gone from AWS since.
    if (resumed) await discardUnfinishedStages(db, run.id, [...done]);
    let batch: StagedItem[] = [];
    const flush = async () => {
      await stageItems(db, run.id, batch);
      items += batch.length;
      batch = [];
      report();
    };
    const ctx = {
      isDone: (marker: string) => done.has(marker),
      warn: (w: SyncWarning) => {
        if (!warnings.some((x) => x.code === w.code && x.feature === w.feature)) warnings.push(w);
      },
      progress: (p: { stage: string; detail?: string }) => {
        stage = p.stage;
        detail = p.detail;
        report();
      },
      ...(options.signal ? { signal: options.signal } : {}),
    };
    for await (const event of connector.sync(ctx)) {
      options.signal?.throwIfAborted();
      if (event.kind === 'checkpoint') {
        // Everything before the marker must be stored before the marker is.
        await flush();
        done.add(event.marker);
        await save();
        continue;
      }
      batch.push(event);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await save();
    stage = 'committing';
    report();
    const changes = await db.transaction(async (tx) => {
      const c = await commitSnapshot(tx, run.id);
      await linkPeople(tx, connectorId);
      // Provisioning tasks whose change this snapshot shows are linked to it, in the same commit.
      await markTasksObservedBySync(tx, connectorId, run.id);
      await recordAuditEvent(tx, {
        type: 'sync.succeeded',
        actor: options.actor,
        subject: `connector:${connectorId}`,
        data: { runId: run.id, resumed, changes: c, warnings: warnings.map((w) => w.code) },
      });
      return c;
    });
    // The run has committed: failing to clear its progress must not turn it into a failed run.
    await finish().catch(() => {});
    return { run: (await getSyncRun(db, run.id))!, changes, resumed };
  } catch (e) {
    // A database failure goes on as RRCU's own error: its SQL and parameters are neither stored nor printed.
    const failure = databaseFailure(e, `the sync (stage ${stage})`) ?? e;
    const error = toStoredError(failure);
    await save().catch(() => {});
    // A failure of AWS or the network (resumable.ts) keeps its staged items: the next sync resumes this run instead of starting over.
    await failSnapshot(db, run.id, error, { keepStaged: isResumableSyncFailure(failure) });
    await finish().catch(() => {});
    await recordSyncFailed(db, connectorId, run.id, error, options.actor);
    throw failure;
  } finally {
    clearInterval(heartbeat);
  }
}

/** The audit event and the Connector Administrators' notice of a failed run, in one transaction. */
async function recordSyncFailed(db: Db, connectorId: string, runId: number, error: StoredError, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    await recordAuditEvent(tx, { type: 'sync.failed', actor, subject: `connector:${connectorId}`, data: { runId, error } });
    await notifySyncFailed(tx, connectorId, runId, error);
  });
}

/**
 * A sync refused before its connector was opened (its saved settings fail today's rules), recorded as a
 * failed run with that error, its audit event and notice: a scheduled sync that never started would
 * otherwise leave no trace where the connector's syncs are followed. Once per streak: the refusal comes
 * back on every tick until someone edits the connector, so while its last run failed with the same
 * refusal and its settings were not saved since, nothing more is recorded (the connector stays flagged by
 * its settings to fix and that run; whoever asks by hand is still refused). Answers the run recorded, if any.
 */
export async function recordRefusedSync(db: Db, connectorId: string, refusal: RrcuError, actor: string): Promise<SyncRun | undefined> {
  const error = toStoredError(refusal);
  if (await lastRunFailedAlike(db, connectorId, error)) return undefined;
  const run = await createSyncRun(db, connectorId);
  await failSnapshot(db, run.id, error);
  await recordSyncFailed(db, connectorId, run.id, error, actor);
  return (await getSyncRun(db, run.id))!;
}

/** A resumed run's earlier calls plus this attempt's. */
function mergeCounts(before: Record<string, number>, now: Record<string, number>): Record<string, number> {
  const out = { ...before };
  for (const [k, v] of Object.entries(now)) out[k] = (out[k] ?? 0) + v;
  return out;
}
