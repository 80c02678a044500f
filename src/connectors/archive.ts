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
 *
 * Connectors sit below sync and provisioning, so what those must end when a connector is archived (a
 * running or abandoned sync run, pending provisioning tasks) comes in as `ArchiveStep`s, which
 * `createApp` hands to the connector service: one transaction still holds the whole archive.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/index.ts';
import { RrcuError } from '../core/errors.ts';
import { connectorArchived, connectors, queryRows, type Db } from '../store/index.ts';
import { CONNECTOR_ERRORS } from './errors.ts';
import { findConnector, type ConnectorRecord } from './records.ts';

/**
 * What a purge erases, counted: sync runs, versions of resources, entitlements and grants, provisioning tasks,
 * administrators' privileged marks (active and unmarked) and the resource owners set in RRCU (current and removed).
 */
export type ConnectorHistoryCounts = { runs: number; resources: number; entitlements: number; grants: number; tasks: number; marks: number; owners: number };

/** The connector being archived, inside the archive's transaction, its row already marked and locked. */
export type ArchiveContext = { tx: Db; connector: ConnectorRecord; archivedAt: Date };

/**
 * What a capability above connectors ends when one is archived. Every step's `refuseWhileBusy` runs
 * before any step's `end`; a refusal rolls the whole archive back.
 */
export type ArchiveStep = {
  /** Throws (a conflict) while the capability is doing something on the connector that must not be cut short. */
  refuseWhileBusy(ctx: ArchiveContext): Promise<void>;
  /** Ends the capability's work on the connector; what it returns is added to the `connector.archived` event. */
  end(ctx: ArchiveContext): Promise<Record<string, unknown>>;
};

/**
 * Archives a connector: it no longer syncs or provisions, its open inventory rows end now, and each
 * step ends its capability's work on it (the sync's abandoned run and staging, the pending provisioning
 * tasks). Refused while a step finds its capability busy on the connector.
 */
export async function archiveConnector(db: Db, nameOrId: string, ctx: { actor: string; steps: readonly ArchiveStep[] }): Promise<ConnectorRecord> {
  const record = await findConnector(db, nameOrId);
  if (record.archivedAt) throw connectorArchived(record);
  const archived = await db.transaction(async (tx) => {
    // Archived first, and the row kept locked until commit: a sync creating, resuming or committing a run
    // and a worker claiming a task take a share lock on it (lockLiveConnector), so each either waits for
    // this transaction and is refused, or committed before it and is seen running by the steps.
    const [row] = await tx
      .update(connectors)
      .set({ archivedAt: sql`now()`, archivedBy: ctx.actor, updatedAt: sql`now()` })
      .where(and(eq(connectors.id, record.id), isNull(connectors.archivedAt)))
      .returning();
    if (!row) throw connectorArchived(record);
    const at = row.archivedAt!;
    const step = { tx, connector: record, archivedAt: at };

    for (const s of ctx.steps) await s.refuseWhileBusy(step);
    const ended: Record<string, unknown>[] = [];
    for (const s of ctx.steps) ended.push(await s.end(step));

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

    await recordAuditEvent(tx, {
      type: 'connector.archived',
      actor: ctx.actor,
      subject: `connector:${record.id}`,
      // The steps' results first: none can overwrite what the archive itself records.
      data: { ...Object.assign({}, ...ended), name: record.name, archivedAt: at.toISOString(), closedRows: closed },
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
               (select count(*)::int from provisioning_tasks where connector_id = ${connectorId}) as tasks,
               (select count(*)::int from privileged_marks where connector_id = ${connectorId}) as marks,
               (select count(*)::int from resource_owners where connector_id = ${connectorId}) as owners`,
  );
  return {
    runs: Number(row!.runs), resources: Number(row!.resources), entitlements: Number(row!.entitlements), grants: Number(row!.grants), tasks: Number(row!.tasks), marks: Number(row!.marks),
    owners: Number(row!.owners),
  };
}

/**
 * Deletes an archived connector and everything synced or done through it, for good: sync runs, every
 * version of its resources, entitlements and grants, its provisioning tasks, privileged marks and resource
 * owners. `confirm` must repeat the connector's name. Evidence is never deleted: the audit log stays, and so
 * do the connector's access review campaigns with their items, decisions, reassignments and remediations
 * (their connector becomes null; the items keep the names they were reviewed under, and the review tables
 * refuse deletion anyway). `connector.purged` records who erased what, counted, and how many campaigns stayed.
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
      fields: ['confirm'],
    });
  }
  const erased = await db.transaction(async (tx) => {
    const counts = await connectorHistoryCounts(tx, record.id);
    const [kept] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from review_campaigns where connector_id = ${record.id}`);
    // Runs, inventory, tasks, marks and owners go with the connector (foreign keys cascade); the audit log and review campaigns stay.
    await tx.delete(connectors).where(eq(connectors.id, record.id));
    await recordAuditEvent(tx, {
      type: 'connector.purged',
      actor: ctx.actor,
      subject: `connector:${record.id}`,
      data: { name: record.name, archivedAt: record.archivedAt!.toISOString(), archivedBy: record.archivedBy, erased: counts, keptReviewCampaigns: Number(kept?.n ?? 0) },
    });
    return counts;
  });
  return { connector: record, erased };
}
