/**
 * Removing a connector archives it; deleting its data is a separate, deliberate purge.
 *
 * How archived history reads: at archive time every inventory row still open (resource, entitlement,
 * grant) is closed with `seen_to = archived_at`, and no row is deleted. RRCU observed that access until
 * the moment it stopped looking, and knows nothing after, so that is what every read model answers
 * without a special case: "access as of" a date the connector covered includes its grants, "now" (rows
 * with `seen_to is null`) no longer shows them as current access, and people, search, CSV and my-access
 * follow. Such rows keep `closed_run_id` null — no sync saw them go — so a diff between two runs counts
 * only what runs changed. The alternative, leaving the rows open and adding `archived_at` to every
 * query's notion of "current", would have to be remembered by each query written from now on.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/index.ts';
import { RrcuError } from '../core/errors.ts';
import type { Db } from '../store/db.ts';
import { queryRows } from '../store/rows.ts';
import { cancelledByArchive } from '../provisioning/tasks.ts';
import { discardKeptStaging, failSnapshot } from '../store/inventory.ts';
import { connectors, provisioningTasks, syncRuns } from '../store/schema/index.ts';
import { clearRunProgress, isStaleRun } from '../sync/runs.ts';
import { connectorArchived } from '../store/index.ts';
import { findConnector, type ConnectorRecord } from './service.ts';
import { CONNECTOR_ERRORS } from './errors.ts';

/** What a purge erases, counted: sync runs, versions of resources, entitlements and grants, provisioning tasks. */
export type ConnectorHistoryCounts = { runs: number; resources: number; entitlements: number; grants: number; tasks: number };

/**
 * Archives a connector: it no longer syncs or provisions, its open inventory rows end now, and its
 * pending provisioning tasks are cancelled (failed with CONNECTOR_ARCHIVED; AWS was not changed by them).
 * Refused while a sync or a provisioning task is running: their outcome would land on a connector that
 * no longer takes any. A sync abandoned by a dead process is marked failed, and what its runs staged
 * (for committing or resuming) is discarded: no run of the connector will use it.
 */
export async function archiveConnector(db: Db, nameOrId: string, ctx: { actor: string }): Promise<ConnectorRecord> {
  const record = await findConnector(db, nameOrId);
  if (record.archivedAt) throw connectorArchived(record);
  const archived = await db.transaction(async (tx) => {
    // Archived first, and the row kept locked until commit: a sync creating, resuming or committing a run
    // and a worker claiming a task take a share lock on it (lockLiveConnector), so each either waits for
    // this transaction and is refused, or committed before it and is seen running below.
    const [row] = await tx
      .update(connectors)
      .set({ archivedAt: sql`now()`, archivedBy: ctx.actor, updatedAt: sql`now()` })
      .where(and(eq(connectors.id, record.id), isNull(connectors.archivedAt)))
      .returning();
    if (!row) throw connectorArchived(record);
    const at = row.archivedAt!;

    const [running] = await tx.select().from(syncRuns).where(and(eq(syncRuns.connectorId, record.id), eq(syncRuns.status, 'running')));
    if (running && !isStaleRun(running, at)) {
      throw new RrcuError(CONNECTOR_ERRORS.SYNC_RUNNING_CONFLICT, `Connector ${record.name} is syncing right now (run ${running.id}).`, {
        fix: 'Wait for the sync to finish (a minute or so for a small organisation), then archive the connector.',
      });
    }
    const [busy] = await tx
      .select({ id: provisioningTasks.id })
      .from(provisioningTasks)
      .where(and(eq(provisioningTasks.connectorId, record.id), eq(provisioningTasks.status, 'running')))
      .limit(1);
    if (busy) {
      throw new RrcuError(CONNECTOR_ERRORS.PROVISIONING_RUNNING_CONFLICT, `Connector ${record.name} is changing access in AWS right now (task ${busy.id}).`, {
        fix: 'Wait for its running provisioning tasks to finish (`rrcu tasks`), then archive the connector.',
      });
    }
    if (running) {
      await failSnapshot(tx, running.id, { code: 'CONNECTOR_ARCHIVED', message: `The sync was interrupted and never resumed; connector ${record.name} was archived before it could be.` });
      await clearRunProgress(tx, running.id);
    }
    // What failed runs staged for a resume that will never come.
    await discardKeptStaging(tx, record.id);

    const closed: Record<string, number> = {};
    for (const table of ['resources', 'entitlements', 'grants'] as const) {
      const rows = await queryRows<{ n: number }>(
        tx,
        sql`with ended as (update ${sql.raw(table)} set seen_to = ${at.toISOString()}::timestamptz
              where connector_id = ${record.id} and seen_to is null returning 1)
            select count(*)::int as n from ended`,
      );
      closed[table] = Number(rows[0]?.n ?? 0);
    }

    const cancelled = await tx
      .update(provisioningTasks)
      .set({ status: 'failed', finishedAt: at, error: cancelledByArchive(record.name, null) })
      .where(and(eq(provisioningTasks.connectorId, record.id), inArray(provisioningTasks.status, ['pending'])))
      .returning({ id: provisioningTasks.id, awsRequestId: provisioningTasks.awsRequestId });
    // A pending task with an AWS request id was interrupted after AWS started its operation: say so.
    for (const t of cancelled.filter((t) => t.awsRequestId !== null)) {
      await tx.update(provisioningTasks).set({ error: cancelledByArchive(record.name, t.awsRequestId) }).where(eq(provisioningTasks.id, t.id));
    }

    await recordAuditEvent(tx, {
      type: 'connector.archived',
      actor: ctx.actor,
      subject: `connector:${record.id}`,
      data: {
        name: record.name,
        archivedAt: at.toISOString(),
        closedRows: closed,
        cancelledTaskIds: cancelled.map((t) => t.id),
        ...(running ? { abandonedRunId: running.id } : {}),
      },
    });
    return row;
  });
  return { ...record, archivedAt: archived.archivedAt, archivedBy: archived.archivedBy, updatedAt: archived.updatedAt };
}

/** How many rows of each kind a connector holds: what purging it would erase. */
export async function connectorHistoryCounts(db: Db, connectorId: string): Promise<ConnectorHistoryCounts> {
  const [row] = await queryRows<Record<keyof ConnectorHistoryCounts, number>>(
    db,
    sql`select (select count(*)::int from sync_runs where connector_id = ${connectorId}) as runs,
               (select count(*)::int from resources where connector_id = ${connectorId}) as resources,
               (select count(*)::int from entitlements where connector_id = ${connectorId}) as entitlements,
               (select count(*)::int from grants where connector_id = ${connectorId}) as grants,
               (select count(*)::int from provisioning_tasks where connector_id = ${connectorId}) as tasks`,
  );
  return { runs: Number(row!.runs), resources: Number(row!.resources), entitlements: Number(row!.entitlements), grants: Number(row!.grants), tasks: Number(row!.tasks) };
}

/**
 * Deletes an archived connector and everything synced or done through it, for good: sync runs, every
 * version of its resources, entitlements and grants, its provisioning tasks. `confirm` must repeat the
 * connector's name. The audit log is never deleted: `connector.purged` records who erased what, counted.
 * Whether the caller may purge (Super Administrator) is the door's rule.
 */
export async function purgeConnector(db: Db, id: string, input: { confirm: string }, ctx: { actor: string }): Promise<{ connector: ConnectorRecord; erased: ConnectorHistoryCounts }> {
  const record = await findConnector(db, id);
  if (!record.archivedAt) {
    throw new RrcuError(CONNECTOR_ERRORS.CONNECTOR_NOT_ARCHIVED, `Connector ${record.name} is live; only an archived connector's data can be deleted.`, {
      fix: `Archive it first (\`rrcu connector remove "${record.name}"\` or Remove in the web UI), which keeps its history, then delete the data if it must go.`,
    });
  }
  if (input.confirm.trim() !== record.name) {
    throw new RrcuError(CONNECTOR_ERRORS.CONFIRMATION_MISMATCH, `confirm: type the connector's name, ${JSON.stringify(record.name)}, to delete its data for good (got ${JSON.stringify(input.confirm.slice(0, 100))}).`, {
      fix: `Send { "confirm": ${JSON.stringify(record.name)} } (\`--confirm "${record.name}"\` on the command line).`,
    });
  }
  const erased = await db.transaction(async (tx) => {
    const counts = await connectorHistoryCounts(tx, record.id);
    // Runs, inventory and tasks go with the connector (foreign keys cascade); the audit log stays.
    await tx.delete(connectors).where(eq(connectors.id, record.id));
    await recordAuditEvent(tx, {
      type: 'connector.purged',
      actor: ctx.actor,
      subject: `connector:${record.id}`,
      data: { name: record.name, archivedAt: record.archivedAt!.toISOString(), archivedBy: record.archivedBy, erased: counts },
    });
    return counts;
  });
  return { connector: record, erased };
}
