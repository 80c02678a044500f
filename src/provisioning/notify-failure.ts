import { eq } from 'drizzle-orm';
import { describeEntitlement } from '../core/describe-entitlement.ts';
import { notify } from '../notifications/index.ts';
import type { StoredError } from '../core/stored-error.ts';
import { apiTokens, type Db } from '../store/index.ts';
import type { ProvisioningTask } from './tasks.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user who asked for the task: the user itself, or a token's creator; none for `system` and the CLI. */
async function requesterOf(tx: Db, actor: string): Promise<string | undefined> {
  const [kind, id] = actor.split(':', 2);
  if (!id || !UUID.test(id)) return undefined;
  if (kind === 'user') return id;
  if (kind !== 'token') return undefined;
  const [token] = await tx.select({ createdBy: apiTokens.createdBy }).from(apiTokens).where(eq(apiTokens.id, id));
  return token?.createdBy ?? undefined;
}

/** Tells whoever asked for a task that it failed, in the transaction that marks it failed. */
export async function notifyTaskFailed(tx: Db, task: ProvisioningTask, error: StoredError): Promise<void> {
  const userId = await requesterOf(tx, task.actor);
  if (!userId) return;
  const what = describeEntitlement({ ...task.target.entitlement, resourceDisplayName: task.target.resourceDisplayName });
  await notify(tx, {
    kind: 'provisioning.task_failed',
    recipient: { userId },
    title: `Could not ${task.action} ${what} for ${task.target.principal.displayName}`,
    body: `${error.message}${error.fix ? ` ${error.fix}` : ''}`.slice(0, 2000),
    link: '/tasks',
    payload: { taskId: task.id, connectorId: task.connectorId, action: task.action, errorCode: error.code },
    dedupeKey: `provisioning.task_failed:${task.id}`,
  });
}
