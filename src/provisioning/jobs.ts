import type { JobInsert, JobWithMetadata, PgBoss } from 'pg-boss';
import { z } from 'zod';
import { ASSIGNMENT_OPERATIONS_IN_FLIGHT } from '../connectors/index.ts';
import type { JobEngine, QueueSpec } from '../jobs/index.ts';
import type { Db } from '../store/index.ts';
import { runProvisioningTask, type RunTaskDeps } from './run-task.ts';
import { countOpenTasks, listOpenTasks } from './tasks.ts';

/**
 * Provisioning's queues, payload and handlers on the job engine. A task is one job whose id is the
 * task's id, so pg-boss holds at most one job per task and hands it to one worker at a time.
 */
export const PROVISIONING_QUEUES = {
  /** Identity Center account assignments: asynchronous in AWS, at most 15 outstanding per instance. */
  accountAssignment: 'provisioning-account-assignment',
  /** IAM and Identity Center group memberships: synchronous calls. */
  membership: 'provisioning-membership',
} as const;

/** What the engine creates for provisioning: both queues with the engine's default policies. */
export const PROVISIONING_QUEUE_SPECS: readonly QueueSpec[] = Object.values(PROVISIONING_QUEUES).map((name) => ({ name }));

export const provisioningJobSchema = z.object({ taskId: z.uuid() });
export type ProvisioningJob = z.infer<typeof provisioningJobSchema>;

/** Membership calls are quick; a few at once stay well inside IAM's and Identity Store's rates. */
const MEMBERSHIPS_IN_FLIGHT = 5;

/**
 * Account-assignment jobs beyond AWS's 15 operations: a task's operation holds one of the provisioner's
 * 15 slots (its gate) only from its create or delete until AWS says it ended; before that it claims its
 * task, after it reads the assignment back and records the outcome, each a database write or a call
 * queued behind Identity Center's rate. With exactly 15 jobs those steps kept AWS's slots empty (a mean of
 * 11–12 of 15 in progress); these extra jobs start the next operations meanwhile, and wait at the gate
 * when all 15 are taken. Several worker processes together may then ask AWS for more than 15: the 16th is
 * throttled and retried (`retryThrottled`), as for any other tool's operations.
 */
export const ASSIGNMENT_JOBS_FINISHING = 6;

/** The queue of a task, by the resource its entitlement is on: an account means an account assignment. */
export function queueForEntitlement(resourceType: string): string {
  return resourceType === 'account' ? PROVISIONING_QUEUES.accountAssignment : PROVISIONING_QUEUES.membership;
}

/** Enqueues the tasks' jobs inside the caller's transaction: each job exists exactly when its task row commits. One statement per queue. */
export async function enqueueProvisioning(jobs: Pick<JobEngine, 'sendInTransaction'>, tx: Db, tasks: readonly { id: string; connectorId: string; entitlementResourceType: string }[]): Promise<void> {
  const byQueue = new Map<string, JobInsert<ProvisioningJob>[]>();
  for (const task of tasks) {
    const queue = queueForEntitlement(task.entitlementResourceType);
    const list = byQueue.get(queue) ?? byQueue.set(queue, []).get(queue)!;
    list.push({ id: task.id, data: { taskId: task.id }, group: { id: task.connectorId } });
  }
  for (const [queue, list] of byQueue) await jobs.sendInTransaction(tx, queue, list);
}

export type WorkerOptions = {
  /** How often an idle worker looks for jobs (default 1 s; pg-boss's floor is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Account-assignment operations in flight per Identity Center instance (default and AWS's maximum: ASSIGNMENT_OPERATIONS_IN_FLIGHT); the jobs running them are this plus ASSIGNMENT_JOBS_FINISHING. */
  accountAssignmentsInFlight?: number;
};

/**
 * Registers the provisioning handlers on the job engine. Account-assignment jobs run up to AWS's quota
 * plus a few finishing ones at once per connector (one Identity Center instance), across every worker
 * process (pg-boss counts the active jobs of a group in the database); the provisioner's gate holds the
 * operations themselves to the quota. Memberships run a few at once per process.
 */
export async function startProvisioningWorkers(engine: JobEngine, deps: RunTaskDeps, options: WorkerOptions = {}): Promise<void> {
  const operations = Math.min(options.accountAssignmentsInFlight ?? ASSIGNMENT_OPERATIONS_IN_FLIGHT, ASSIGNMENT_OPERATIONS_IN_FLIGHT);
  // A lower limit asked for is kept as it is: the gate holds only to AWS's quota.
  const inFlight = operations + (operations === ASSIGNMENT_OPERATIONS_IN_FLIGHT ? ASSIGNMENT_JOBS_FINISHING : 0);
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;
  const handle = async ([job]: JobWithMetadata<ProvisioningJob>[]) => {
    if (!job) return;
    const { taskId } = provisioningJobSchema.parse(job.data);
    await runProvisioningTask(deps, taskId, { retryCount: job.retryCount, retryLimit: job.retryLimit, signal: job.signal });
  };
  await engine.boss.work(
    PROVISIONING_QUEUES.accountAssignment,
    { includeMetadata: true, localConcurrency: inFlight, groupConcurrency: inFlight, pollingIntervalSeconds },
    handle,
  );
  await engine.boss.work(PROVISIONING_QUEUES.membership, { includeMetadata: true, localConcurrency: MEMBERSHIPS_IN_FLIGHT, pollingIntervalSeconds }, handle);
}

/**
 * On the embedded store only this process can be working, so every job left active belongs to a
 * process that died: such jobs are put back at once (cancel, then resume), without spending a retry,
 * instead of waiting for their heartbeat to lapse. On PostgreSQL other workers may be alive; there
 * the heartbeat decides, within about 20 s (HEARTBEAT_SECONDS in jobs/queues.ts).
 */
export async function recoverInterruptedJobs(engine: JobEngine, db: Db): Promise<number> {
  if (engine.store.backend !== 'pglite') return 0;
  const byQueue = new Map<string, string[]>();
  for (const task of await listOpenTasks(db)) {
    const queue = queueForEntitlement(task.target.entitlement.resourceType);
    byQueue.set(queue, [...(byQueue.get(queue) ?? []), task.id]);
  }
  let recovered = 0;
  for (const [queue, ids] of byQueue) {
    const active = (await engine.boss.findJobs(queue, { limit: 100_000 })).filter((j) => j.state === 'active' && ids.includes(j.id)).map((j) => j.id);
    if (active.length === 0) continue;
    await engine.boss.cancel(queue, active);
    await engine.boss.resume(queue, active);
    recovered += active.length;
  }
  return recovered;
}

/** Resolves once no provisioning task is pending or running (checked every `intervalMs`), or when `signal` aborts. */
export async function waitUntilIdle(db: Db, options: { intervalMs?: number; signal?: AbortSignal } = {}): Promise<void> {
  const intervalMs = options.intervalMs ?? 500;
  while (!options.signal?.aborted && (await countOpenTasks(db)) > 0) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * When the job engine runs a provisioning task's job next, while it waits for its retry (or for its
 * first run); undefined once it runs, or when the job is gone. The job's id is the task's id.
 */
export async function nextAttemptAt(boss: PgBoss, task: { id: string; target: { entitlement: { resourceType: string } } }): Promise<Date | undefined> {
  const job = await boss.getJobById(queueForEntitlement(task.target.entitlement.resourceType), task.id);
  return job && (job.state === 'retry' || job.state === 'created') ? job.startAfter : undefined;
}
