import type { JobWithMetadata } from 'pg-boss';
import { countOpenTasks, listOpenTasks, runProvisioningTask, type RunTaskDeps } from '../provisioning/index.ts';
import type { Db } from '../store/db.ts';
import type { JobEngine } from './boss.ts';
import { ACCOUNT_ASSIGNMENTS_IN_FLIGHT, MEMBERSHIPS_IN_FLIGHT, QUEUES, provisioningJobSchema, queueForEntitlement, type ProvisioningJob } from './queues.ts';

export type WorkerOptions = {
  /** How often an idle worker looks for jobs (default 1 s; pg-boss's floor is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Account-assignment tasks in flight per Identity Center instance (default and AWS's maximum: 15). */
  accountAssignmentsInFlight?: number;
};

/**
 * Registers the provisioning handlers on the job engine. Account assignments run up to 15 at once per
 * connector (one Identity Center instance), across every worker process: pg-boss counts the active
 * jobs of a group in the database. Memberships run a few at once per process.
 */
export async function startProvisioningWorkers(engine: JobEngine, deps: RunTaskDeps, options: WorkerOptions = {}): Promise<void> {
  const inFlight = Math.min(options.accountAssignmentsInFlight ?? ACCOUNT_ASSIGNMENTS_IN_FLIGHT, ACCOUNT_ASSIGNMENTS_IN_FLIGHT);
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;
  const handle = async ([job]: JobWithMetadata<ProvisioningJob>[]) => {
    if (!job) return;
    const { taskId } = provisioningJobSchema.parse(job.data);
    await runProvisioningTask(deps, taskId, { retryCount: job.retryCount, retryLimit: job.retryLimit, signal: job.signal });
  };
  await engine.boss.work(
    QUEUES.accountAssignment,
    { includeMetadata: true, localConcurrency: inFlight, groupConcurrency: inFlight, pollingIntervalSeconds },
    handle,
  );
  await engine.boss.work(QUEUES.membership, { includeMetadata: true, localConcurrency: MEMBERSHIPS_IN_FLIGHT, pollingIntervalSeconds }, handle);
}

/**
 * On the embedded store only this process can be working, so every job left active belongs to a
 * process that died: such jobs are put back at once (cancel, then resume), without spending a retry,
 * instead of waiting for their heartbeat to lapse. On PostgreSQL other workers may be alive; there
 * the heartbeat decides, within about 20 s (HEARTBEAT_SECONDS in queues.ts).
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
