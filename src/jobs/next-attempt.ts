import type { PgBoss } from 'pg-boss';
import { queueForEntitlement } from './queues.ts';

/**
 * When the job engine runs a provisioning task's job next, while it waits for its retry (or for its
 * first run); undefined once it runs, or when the job is gone. The job's id is the task's id.
 */
export async function nextAttemptAt(boss: PgBoss, task: { id: string; target: { entitlement: { resourceType: string } } }): Promise<Date | undefined> {
  const job = await boss.getJobById(queueForEntitlement(task.target.entitlement.resourceType), task.id);
  return job && (job.state === 'retry' || job.state === 'created') ? job.startAfter : undefined;
}
