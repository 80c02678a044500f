import { recordAuditEvent } from '../audit/index.ts';
import type { Connector, SyncWarning } from '../connectors/connector.ts';
import type { InventoryItem } from '../core/inventory-items.ts';
import { markTasksObservedBySync } from '../provisioning/index.ts';
import type { Db } from '../store/db.ts';
import { commitSnapshot, failSnapshot, stageItems, toStoredError, type SnapshotChanges } from '../store/inventory.ts';
import { resourceTypes } from '../store/schema/index.ts';
import { summarizeApiCalls } from './api-calls.ts';
import { linkPeople } from './people.ts';
import { beginSyncRun, getSyncRun, recordRunProgress, type SyncRun } from './runs.ts';

export type SyncProgress = {
  runId: number;
  stage: string;
  detail?: string;
  /** Items stored so far in this attempt. */
  items: number;
  apiCalls: number;
  throttled: number;
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
  const report = () => {
    if (!options.onProgress) return;
    const { total: apiCalls, throttled } = summarizeApiCalls(connector.apiCalls());
    options.onProgress({ runId: run.id, stage, ...(detail ? { detail } : {}), items, apiCalls, throttled });
  };
  const save = () => recordRunProgress(db, run.id, { apiCalls: mergeCounts(run.apiCalls, connector.apiCalls()), warnings, done: [...done] });
  const heartbeat = setInterval(() => void save().catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref();

  await db
    .insert(resourceTypes)
    .values(connector.resourceTypes.map((t) => ({ id: t.id, displayName: t.displayName, isPrincipal: t.isPrincipal })))
    .onConflictDoNothing();

  try {
    let batch: InventoryItem[] = [];
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
    return { run: (await getSyncRun(db, run.id))!, changes, resumed };
  } catch (e) {
    const error = toStoredError(e);
    await save().catch(() => {});
    await failSnapshot(db, run.id, error);
    await recordAuditEvent(db, {
      type: 'sync.failed',
      actor: options.actor,
      subject: `connector:${connectorId}`,
      data: { runId: run.id, error },
    });
    throw e;
  } finally {
    clearInterval(heartbeat);
  }
}

/** A resumed run's earlier calls plus this attempt's. */
function mergeCounts(before: Record<string, number>, now: Record<string, number>): Record<string, number> {
  const out = { ...before };
  for (const [k, v] of Object.entries(now)) out[k] = (out[k] ?? 0) + v;
  return out;
}
