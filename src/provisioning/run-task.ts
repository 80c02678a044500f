import { recordAuditEvent } from '../audit/index.ts';
import { isRrcuError } from '../core/errors.ts';
import { toStoredError, type Db } from '../store/index.ts';
import { notifyTaskFailed } from './notify-failure.ts';
import type { ProvisionerPool } from './provisioner-pool.ts';
import { claimTask, completeTask, failTask, getTask, postponeTask, recordAwsRequestId, type ProvisioningTask } from './tasks.ts';

export type RunTaskDeps = {
  db: Db;
  provisioners: Pick<ProvisionerPool, 'get'>;
  /** Who the worker's audit events name (default `system`). */
  actor?: string;
};

/** The job attempt running the task, as the job engine reports it. */
export type TaskAttempt = { retryCount: number; retryLimit: number; signal?: AbortSignal };

/** Errors worth another attempt later: AWS busy or unreachable, an expired session, a lost operation, our own database. */
const TRANSIENT = new Set(['THROTTLED', 'AWS_UNREACHABLE', 'AWS_CREDENTIALS_EXPIRED', 'ASSIGNMENT_LOST', 'INTERNAL', 'DATABASE_CONNECTION_LOST']);

/**
 * Runs one provisioning task: marks it running, makes AWS match it through the connector's
 * provisioner, and records the outcome with its audit event. A task that already has an AWS request id
 * (its worker died while AWS worked) follows that request instead of starting another.
 *
 * Returns the finished task, or undefined when there was nothing to do (finished already, or removed
 * with its connector). Throws when the error is transient and attempts remain: the job engine runs it
 * again after its backoff, the task back at `pending` with the error that postponed it.
 */
export async function runProvisioningTask(deps: RunTaskDeps, taskId: string, attempt: TaskAttempt): Promise<ProvisioningTask | undefined> {
  const { db } = deps;
  const actor = deps.actor ?? 'system';
  const subject = `provisioning_task:${taskId}`;
  const task = await db.transaction(async (tx) => {
    const claimed = await claimTask(tx, taskId);
    if (claimed) {
      await recordAuditEvent(tx, {
        type: 'provisioning.started',
        actor,
        subject,
        data: { taskId, attempt: claimed.attempts, resumingRequestId: claimed.awsRequestId },
      });
    }
    return claimed;
  });
  if (!task) return (await getTask(db, taskId)) ?? undefined;

  try {
    const provisioner = await deps.provisioners.get(task.connectorId);
    const result = await provisioner.apply(task.action, task.target, {
      ...(task.awsRequestId ? { resume: { requestId: task.awsRequestId } } : {}),
      // An earlier attempt without a saved request id may still have started an operation in AWS.
      ...(task.attempts > 1 && !task.awsRequestId ? { retry: true } : {}),
      // Saved at once, in its own transaction: it is what lets a restarted task follow the operation.
      onRequestId: (requestId) => recordAwsRequestId(db, taskId, requestId),
      ...(attempt.signal ? { signal: attempt.signal } : {}),
    });
    return await db.transaction(async (tx) => {
      const done = await completeTask(tx, taskId, result);
      await recordAuditEvent(tx, {
        type: 'provisioning.succeeded',
        actor,
        subject,
        data: { taskId, outcome: result.outcome, verified: result.verified, awsRequestId: done.awsRequestId, attempts: done.attempts },
      });
      return done;
    });
  } catch (e) {
    if (attempt.signal?.aborted) {
      // The worker is stopping or lost the job: neither failed nor done, it runs again from the request id it saved.
      await postponeTask(db, taskId, { code: 'INTERRUPTED', message: 'The worker stopped while the task ran; it resumes on the next attempt.' });
      throw e;
    }
    const error = toStoredError(e);
    if (isTransient(e) && attempt.retryCount < attempt.retryLimit) {
      await db.transaction(async (tx) => {
        await postponeTask(tx, taskId, error);
        await recordAuditEvent(tx, { type: 'provisioning.retrying', actor, subject, data: { taskId, attempt: task.attempts, error } });
      });
      throw e;
    }
    return db.transaction(async (tx) => {
      const failed = await failTask(tx, taskId, error);
      await recordAuditEvent(tx, { type: 'provisioning.failed', actor, subject, data: { taskId, error, attempts: failed.attempts, awsRequestId: failed.awsRequestId } });
      await notifyTaskFailed(tx, failed, error);
      return failed;
    });
  }
}

export function isTransient(e: unknown): boolean {
  if (!isRrcuError(e)) return true;
  if (TRANSIENT.has(e.code)) return true;
  // An AWS error RRCU has no name for is retried only when AWS said it was its own fault (HTTP 5xx).
  const status = (e.cause as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return e.code === 'AWS_ERROR' && status !== undefined && status >= 500;
}
