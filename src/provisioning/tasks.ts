import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { lockConnectorRow, provisioningTasks, type Db, type ProvisioningTaskStatus } from '../store/index.ts';
import type { StoredError } from '../core/stored-error.ts';

/** The queries on provisioning tasks, each named for what it answers or does; `db` may be a transaction. */

export type ProvisioningTask = typeof provisioningTasks.$inferSelect;
export type NewProvisioningTask = typeof provisioningTasks.$inferInsert;

export const OPEN_STATUSES: ProvisioningTaskStatus[] = ['pending', 'running'];

/** Inserts the tasks in one statement; returns them in `values`' order (matched by id, not by the order rows come back). */
export async function insertTasks(tx: Db, values: readonly NewProvisioningTask[]): Promise<ProvisioningTask[]> {
  if (values.length === 0) return [];
  const withIds = values.map((v) => ({ ...v, id: v.id ?? randomUUID() }));
  const rows = new Map((await tx.insert(provisioningTasks).values(withIds).returning()).map((r) => [r.id, r]));
  return withIds.map((v) => rows.get(v.id)!);
}

export async function getTask(db: Db, id: string): Promise<ProvisioningTask | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(provisioningTasks).where(eq(provisioningTasks.id, id));
  return row;
}

/** Which access a task changes: a principal's hold of an entitlement on a connector (at most one unfinished task each). */
export type TaskKey = { connectorId: string; entitlementKey: string; principalTypeId: string; principalExternalId: string };

export const taskKeyId = (k: TaskKey) => JSON.stringify([k.connectorId, k.entitlementKey, k.principalTypeId, k.principalExternalId]);

/** The unfinished task on this principal's hold of this entitlement, if any. */
export async function openTaskFor(db: Db, target: TaskKey): Promise<ProvisioningTask | undefined> {
  return (await openTasksFor(db, [target])).get(taskKeyId(target));
}

/** The unfinished tasks on these holds, in one query, by `taskKeyId`. */
export async function openTasksFor(db: Db, targets: readonly TaskKey[]): Promise<Map<string, ProvisioningTask>> {
  if (targets.length === 0) return new Map();
  const keys = sql.join(targets.map((t) => sql`(${t.connectorId}::uuid, ${t.entitlementKey}, ${t.principalTypeId}, ${t.principalExternalId})`), sql`, `);
  const rows = await db
    .select()
    .from(provisioningTasks)
    .where(
      and(
        sql`(${provisioningTasks.connectorId}, ${provisioningTasks.entitlementKey}, ${provisioningTasks.principalTypeId}, ${provisioningTasks.principalExternalId}) in (${keys})`,
        inArray(provisioningTasks.status, OPEN_STATUSES),
      ),
    );
  return new Map(rows.map((r) => [taskKeyId(r), r]));
}

/**
 * Marks the task running for one more attempt, unless it has already finished (a job delivered
 * again after its task completed does nothing). Returns the task as claimed, or undefined.
 * A task of an archived connector is not claimed but ends failed (cancelledByArchive), as the archive
 * ends the pending ones; the connector's row stays share-locked until `tx` commits, so an archive
 * either waits for this claim and then finds the task running (and is refused), or commits first.
 */
export async function claimTask(tx: Db, id: string): Promise<ProvisioningTask | undefined> {
  const [task] = await tx.select({ connectorId: provisioningTasks.connectorId, awsRequestId: provisioningTasks.awsRequestId }).from(provisioningTasks).where(eq(provisioningTasks.id, id));
  if (!task) return undefined;
  const connector = await lockConnectorRow(tx, task.connectorId);
  if (connector?.archivedAt) {
    await tx
      .update(provisioningTasks)
      .set({ status: 'failed', finishedAt: sql`now()`, error: cancelledByArchive(connector.name, task.awsRequestId) })
      .where(and(eq(provisioningTasks.id, id), inArray(provisioningTasks.status, OPEN_STATUSES)));
    return undefined;
  }
  const [row] = await tx
    .update(provisioningTasks)
    .set({ status: 'running', attempts: sql`${provisioningTasks.attempts} + 1`, startedAt: sql`coalesce(${provisioningTasks.startedAt}, now())` })
    .where(and(eq(provisioningTasks.id, id), inArray(provisioningTasks.status, OPEN_STATUSES)))
    .returning();
  return row;
}

/**
 * Why a task of an archived connector ended without running. RRCU made no change in AWS for it, unless
 * AWS had already accepted its request (a worker died while AWS worked): then that request may have
 * completed, and only AWS can tell.
 */
export function cancelledByArchive(connectorName: string, awsRequestId: string | null): StoredError {
  if (awsRequestId === null) {
    return {
      code: 'CONNECTOR_ARCHIVED',
      message: `Cancelled: connector ${connectorName} was archived before this task ran, so RRCU made no change in AWS for it.`,
      fix: 'Ask again through a live connector to the same AWS organisation.',
    };
  }
  return {
    code: 'CONNECTOR_ARCHIVED',
    message: `Cancelled: connector ${connectorName} was archived while this task waited to resume. AWS had accepted its request ${awsRequestId}, which may have completed; RRCU will not check.`,
    fix: `Check in AWS whether request ${awsRequestId} took effect (IAM Identity Center > AWS accounts, or the IAM group).`,
  };
}

export async function recordAwsRequestId(db: Db, id: string, requestId: string): Promise<void> {
  await db.update(provisioningTasks).set({ awsRequestId: requestId }).where(eq(provisioningTasks.id, id));
}

export async function completeTask(tx: Db, id: string, result: { outcome: 'applied' | 'already'; verified: boolean; requestId?: string | undefined }): Promise<ProvisioningTask> {
  const [row] = await tx
    .update(provisioningTasks)
    .set({
      status: 'succeeded',
      outcome: result.outcome,
      verified: result.verified,
      error: null,
      finishedAt: sql`now()`,
      ...(result.requestId ? { awsRequestId: result.requestId } : {}),
    })
    .where(eq(provisioningTasks.id, id))
    .returning();
  return row!;
}

export async function failTask(tx: Db, id: string, error: StoredError): Promise<ProvisioningTask> {
  const [row] = await tx.update(provisioningTasks).set({ status: 'failed', error, finishedAt: sql`now()` }).where(eq(provisioningTasks.id, id)).returning();
  return row!;
}

/** Back to pending with what went wrong, for the job engine to try again after its backoff. */
export async function postponeTask(tx: Db, id: string, error: StoredError): Promise<ProvisioningTask> {
  const [row] = await tx.update(provisioningTasks).set({ status: 'pending', error }).where(eq(provisioningTasks.id, id)).returning();
  return row!;
}

export type TaskFilter = { status?: ProvisioningTaskStatus; connectorId?: string; limit?: number };

/** Newest first. */
export async function listTasks(db: Db, filter: TaskFilter = {}): Promise<ProvisioningTask[]> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(provisioningTasks.status, filter.status));
  if (filter.connectorId) where.push(eq(provisioningTasks.connectorId, filter.connectorId));
  return db
    .select()
    .from(provisioningTasks)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(provisioningTasks.createdAt), desc(provisioningTasks.id))
    .limit(filter.limit ?? 100);
}

/** Tasks not yet finished: what a worker still has to do. */
export async function listOpenTasks(db: Db): Promise<Pick<ProvisioningTask, 'id' | 'connectorId' | 'status' | 'target'>[]> {
  return db
    .select({ id: provisioningTasks.id, connectorId: provisioningTasks.connectorId, status: provisioningTasks.status, target: provisioningTasks.target })
    .from(provisioningTasks)
    .where(inArray(provisioningTasks.status, OPEN_STATUSES));
}

export async function countOpenTasks(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(provisioningTasks)
    .where(inArray(provisioningTasks.status, OPEN_STATUSES));
  return row?.n ?? 0;
}

export function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
