import { RrcuError } from '../core/errors.ts';
import type { Db } from '../store/db.ts';
import { getTask, type ProvisioningTask } from './tasks.ts';

/** Resolves with the task once it has succeeded or failed, looking every `intervalMs`. */
export async function waitForTask(db: Db, taskId: string, options: { intervalMs?: number; signal?: AbortSignal } = {}): Promise<ProvisioningTask> {
  for (;;) {
    options.signal?.throwIfAborted();
    const task = await getTask(db, taskId);
    if (!task) throw new RrcuError('NOT_FOUND', `Provisioning task ${taskId} no longer exists (its connector was removed).`, { fix: 'See `rrcu tasks` and the audit log.' });
    if (task.status === 'succeeded' || task.status === 'failed') return task;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
