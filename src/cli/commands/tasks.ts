import { Command, InvalidArgumentError } from 'commander';
import type { ProvisioningTask } from '../../provisioning/index.ts';
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
    .action(async (flags: { status?: (typeof STATUSES)[number]; connector?: string; limit?: number; json?: boolean }) => {
      await withApp(async ({ tasks: taskReads, connectors }) => {
        const connectorId = flags.connector ? (await connectors.find(flags.connector)).id : undefined;
        const tasks = await taskReads.listTasks({ ...(flags.status ? { status: flags.status } : {}), ...(connectorId ? { connectorId } : {}), limit: flags.limit ?? 100 });
        if (flags.json) return printJson(tasks.map(toTaskRecord));
        if (tasks.length === 0) return void process.stdout.write(`No provisioning tasks${flags.status ? ` ${flags.status}` : ''}.\n`);
        for (const t of tasks) process.stdout.write(`${taskLine(t)}\n`);
        process.stdout.write(`${tasks.length} task(s).\n`);
      });
    });
}

/** One line per task: when, what, to whom, and how it stands. */
export function taskLine(t: ProvisioningTask): string {
  const state =
    t.status === 'succeeded'
      ? `succeeded (${t.outcome === 'already' ? 'already so in AWS' : 'applied'}${t.verified ? ', read back' : ''}${t.observedRunId ? `, seen by sync run ${t.observedRunId}` : ', not yet seen by a sync'})`
      : t.status === 'failed'
        ? `failed: ${t.error?.message ?? 'unknown error'}`
        : `${t.status}${t.attempts > 0 ? ` (attempt ${t.attempts}${t.error ? `, last error: ${t.error.code}` : ''})` : ''}`;
  return `${t.id}  ${t.createdAt.toISOString().slice(0, 19).replace('T', ' ')}  ${t.action.padEnd(6)} ${what(t)} — ${state}`;
}

function what(t: ProvisioningTask): string {
  const e = t.target.entitlement;
  const on = t.target.resourceDisplayName ?? e.resourceExternalId;
  const ent = e.slug === 'member' ? `member of ${on}` : `${e.displayName} on ${on}`;
  return `${ent} ${t.action === 'grant' ? 'to' : 'from'} ${t.target.principal.displayName}`;
}

/** The stable JSON shape of a task; scripts depend on these names. */
export function toTaskRecord(t: ProvisioningTask) {
  return {
    id: t.id,
    connectorId: t.connectorId,
    action: t.action,
    status: t.status,
    outcome: t.outcome,
    entitlementKey: t.entitlementKey,
    entitlement: t.target.entitlement.displayName,
    resourceType: t.target.entitlement.resourceType,
    resourceId: t.target.entitlement.resourceExternalId,
    resourceName: t.target.resourceDisplayName,
    principalType: t.principalTypeId,
    principalId: t.principalExternalId,
    principalName: t.target.principal.displayName,
    grantId: t.target.grantId ?? null,
    actor: t.actor,
    trigger: t.trigger,
    triggerRef: t.triggerRef,
    reason: t.reason,
    attempts: t.attempts,
    awsRequestId: t.awsRequestId,
    error: t.error,
    verified: t.verified,
    observedRunId: t.observedRunId,
    createdAt: t.createdAt.toISOString(),
    startedAt: t.startedAt?.toISOString() ?? null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
  };
}
