import { Command, InvalidArgumentError } from 'commander';
import type { TaskView } from '../../provisioning/index.ts';
import { connectorIdThroughApi, getApi, readTarget } from '../api-client.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';

const STATUSES = ['pending', 'running', 'succeeded', 'failed'] as const;

export function tasksCommand(): Command {
  return new Command('tasks')
    .description('provisioning tasks (grants and revokes RRCU made or is making in AWS), newest first')
    .option('--status <status>', `only tasks in this status (${STATUSES.join(', ')})`, (v: string) => {
      if (!(STATUSES as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected one of ${STATUSES.join(', ')}, got '${v}'.`);
      return v as (typeof STATUSES)[number];
    })
    .option('--connector <name>', 'only this connector')
    .option('--limit <n>', 'at most this many (default 100)', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError(`expected a whole number from 1 to 10000, got '${v}'.`);
      return n;
    })
    .option('--json', 'print a JSON array, one object per task')
    .action(async (flags: TaskFlags & { json?: boolean }) => {
      const tasks = await listTasks(flags);
      if (flags.json) return printJson(tasks.map(toTaskRecord));
      if (tasks.length === 0) return void process.stdout.write(`No provisioning tasks${flags.status ? ` ${flags.status}` : ''}.\n`);
      for (const t of tasks) process.stdout.write(`${taskLine(t)}\n`);
      process.stdout.write(`${tasks.length} task(s).\n`);
    });
}

type TaskFlags = { status?: (typeof STATUSES)[number]; connector?: string; limit?: number };

/**
 * Tasks as GET /api/tasks shows them: from the running server's API when RRCU_URL is set (it answers
 * at most 1000), else from the store.
 */
async function listTasks(flags: TaskFlags): Promise<TaskView[]> {
  const limit = flags.limit ?? 100;
  const target = readTarget();
  if (target) {
    const connectorId = flags.connector ? await connectorIdThroughApi(target, flags.connector) : undefined;
    return (await getApi<{ items: TaskView[] }>(target, '/api/tasks', { status: flags.status, connectorId, limit: Math.min(limit, 1000) })).items;
  }
  return withApp(async ({ tasks: taskReads, connectors }) => {
    const { toTaskView } = await import('../../provisioning/index.ts');
    const connectorId = flags.connector ? (await connectors.find(flags.connector)).id : undefined;
    return (await taskReads.listTasks({ ...(flags.status ? { status: flags.status } : {}), ...(connectorId ? { connectorId } : {}), limit })).map(toTaskView);
  });
}

/** One line per task: when, what, to whom, and how it stands. */
export function taskLine(t: TaskView): string {
  const state =
    t.status === 'succeeded'
      ? `succeeded (${t.outcome === 'already' ? 'already so in AWS' : 'applied'}${t.verified ? ', read back' : ''}${t.observedRunId ? `, seen by sync run ${t.observedRunId}` : ', not yet seen by a sync'})`
      : t.status === 'failed'
        ? `failed: ${t.error?.message ?? 'unknown error'}`
        : `${t.status}${t.attempts > 0 ? ` (attempt ${t.attempts}${t.error ? `, last error: ${t.error.code}` : ''})` : ''}`;
  const what = `${t.entitlement.displayName} ${t.action === 'grant' ? 'to' : 'from'} ${t.principal.displayName}`;
  return `${t.id}  ${t.createdAt.slice(0, 19).replace('T', ' ')}  ${t.action.padEnd(6)} ${what} — ${state}`;
}

/** The stable JSON shape of a task; scripts depend on these names. */
export function toTaskRecord(t: TaskView) {
  return {
    id: t.id,
    connectorId: t.connectorId,
    action: t.action,
    status: t.status,
    outcome: t.outcome,
    entitlementKey: t.entitlement.key,
    entitlement: t.entitlement.name,
    resourceType: t.entitlement.resourceType,
    resourceId: t.entitlement.resourceExternalId,
    resourceName: t.entitlement.resourceDisplayName,
    principalType: t.principal.type,
    principalId: t.principal.externalId,
    principalName: t.principal.displayName,
    grantId: t.grantId,
    actor: t.actor,
    trigger: t.trigger,
    triggerRef: t.triggerRef,
    reason: t.reason,
    attempts: t.attempts,
    awsRequestId: t.requestId,
    error: t.error,
    verified: t.verified,
    observedRunId: t.observedRunId,
    createdAt: t.createdAt,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
  };
}
