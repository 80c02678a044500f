import { describeEntitlement } from '../core/describe-entitlement.ts';
import { notify, userOfActor } from '../notifications/index.ts';
import type { StoredError } from '../core/stored-error.ts';
import type { Db } from '../store/index.ts';
import type { ProvisioningTask } from './tasks.ts';

/** Who sees every task failure through their role already: told once, as administrators, not again as the requester. */
const TOLD_AS_ADMINISTRATORS: ReadonlySet<string> = new Set(['connector_admin', 'super_admin']);

/**
 * Tells the Connector Administrators that a task failed (they answer for what RRCU changes in AWS, whoever
 * asked), and whoever asked for it when that user is not one of them; in the transaction that marks it failed.
 */
export async function notifyTaskFailed(tx: Db, task: ProvisioningTask, error: StoredError): Promise<void> {
  const what = describeEntitlement({ ...task.target.entitlement, resourceDisplayName: task.target.resourceDisplayName });
  const message = {
    kind: 'provisioning.task_failed',
    title: `Could not ${task.action} ${what} for ${task.target.principal.displayName}`,
    body: `${error.message}${error.fix ? ` ${error.fix}` : ''}`.slice(0, 2000),
    link: '/tasks',
    payload: { taskId: task.id, connectorId: task.connectorId, action: task.action, errorCode: error.code },
  };
  await notify(tx, { ...message, recipient: { role: 'connector_admin' }, dedupeKey: `provisioning.task_failed:${task.id}:connector_admin` });
  const requester = await userOfActor(tx, task.actor);
  if (!requester || TOLD_AS_ADMINISTRATORS.has(requester.role)) return;
  await notify(tx, { ...message, recipient: { userId: requester.id }, dedupeKey: `provisioning.task_failed:${task.id}` });
}
