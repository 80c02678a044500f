import { COMMON_ERRORS, RrcuError } from '../core/errors.ts';
import type { Db } from '../store/index.ts';
import { getTask, type ProvisioningTask } from './tasks.ts';

/** A change in a task being waited for: its status, attempt or last error, and when it is tried next. */
export type TaskProgress = { task: ProvisioningTask; nextTryAt?: Date };

export type WaitOptions = {
  intervalMs?: number;
  signal?: AbortSignal;
  /** Called once with the task as first seen, then at each change of status, attempt count or last error. */
  onProgress?: (progress: TaskProgress) => void;
  /** When a task waiting for a retry runs next (the job engine knows); asked only for progress reports. */
  nextTryAt?: (task: ProvisioningTask) => Promise<Date | undefined>;
};

const UNSCHEDULED_LOOKS = 20;

/** Resolves with the task once it has succeeded or failed, looking every `intervalMs`. */
export async function waitForTask(db: Db, taskId: string, options: WaitOptions = {}): Promise<ProvisioningTask> {
  let seen: string | undefined;
  let unscheduled = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const task = await getTask(db, taskId);
    if (!task) throw new RrcuError(COMMON_ERRORS.NOT_FOUND, `Provisioning task ${taskId} no longer exists (its connector was removed).`, { fix: 'See `rrcu tasks` and the audit log.' });
    if (task.status === 'succeeded' || task.status === 'failed') return task;
    const state = JSON.stringify([task.status, task.attempts, task.error?.code, task.error?.message]);
    if (options.onProgress && state !== seen) {
      const nextTryAt = task.status === 'pending' && options.nextTryAt ? await options.nextTryAt(task) : undefined;
      // A failed attempt is written back to the task a moment before the job engine schedules its retry:
      // wait a few looks for the time rather than report the retry without it.
      const retryNotScheduled = task.status === 'pending' && task.error && options.nextTryAt && !nextTryAt && ++unscheduled < UNSCHEDULED_LOOKS;
      if (!retryNotScheduled) {
        seen = state;
        unscheduled = 0;
        options.onProgress({ task, ...(nextTryAt ? { nextTryAt } : {}) });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
