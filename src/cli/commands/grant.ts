import { Command, InvalidArgumentError } from 'commander';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import { RETRY } from '../../jobs/index.ts';
import type { RequestedTask, TaskProgress } from '../../provisioning/index.ts';
import { withApp } from '../context.ts';
import { EXIT, printJson } from '../output.ts';
import { cliActor } from './connector.ts';
import { taskLine, toTaskRecord } from './tasks.ts';
import type { App } from '../../app.ts';

type ChangeFlags = {
  connector?: string;
  entitlement?: string;
  resource?: string;
  principal?: string;
  grant?: number;
  reason?: string;
  wait?: boolean;
  json?: boolean;
};

const NAMING_HELP = `
Entitlements (--entitlement), as the last sync saw them:
  "AdministratorAccess on payments-prod"   a permission set on an account, by names or ids
  "member of Admins", or just "Admins"     membership of an Identity Center or IAM group
  account:123456789012#arn:aws:sso:::permissionSet/ssoins-…/ps-…   the entitlement key
  --entitlement ReadOnly --resource 123456789012                    name and resource apart
Principals (--principal): Identity Center user or group id, IAM user ARN, or a user name, email or
group name when only one principal carries it.

The change runs as a task (\`rrcu tasks\`): on a worker (\`rrcu worker\`), or in this process with
--wait, which exits 1 if AWS refused it. Granting what already exists, or revoking what is already
gone, succeeds and says so. The next sync records the task as observed.`;

export function grantCommand(): Command {
  return withCommonOptions(
    new Command('grant')
      .description('give a principal an entitlement in AWS (group membership or permission set on an account)')
      .requiredOption('--entitlement <what>', 'the entitlement: key, "<permission set> on <account>", or a group')
      .requiredOption('--principal <who>', 'the user or group: id, ARN, user name, email or group name'),
  ).action(async (flags: ChangeFlags) => {
      await change(flags, (app, connector) =>
        app.provisioning.requestGrant({ connector, entitlement: flags.entitlement!, principal: flags.principal!, ...common(flags) }),
      );
    });
}

export function revokeCommand(): Command {
  return withCommonOptions(
    new Command('revoke')
      .description('remove a grant in AWS: by grant id, or by entitlement and principal')
      .option('--grant <id>', 'the grant to remove (its id in the inventory)', (v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a grant id (a whole number), got '${v}'.`);
        return n;
      })
      .option('--entitlement <what>', 'the entitlement: key, "<permission set> on <account>", or a group')
      .option('--principal <who>', 'the user or group: id, ARN, user name, email or group name'),
  ).action(async (flags: ChangeFlags) => {
      const byGrant = flags.grant !== undefined;
      if (byGrant === Boolean(flags.entitlement || flags.principal) || (!byGrant && !(flags.entitlement && flags.principal))) {
        throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, 'rrcu revoke needs either --grant <id>, or both --entitlement and --principal.', {
          fix: 'For example `rrcu revoke --grant 4711`, or `rrcu revoke --entitlement "AdministratorAccess on payments-prod" --principal jane@example.com`.',
        });
      }
      await change(flags, (app, connector) =>
        app.provisioning.requestRevoke(
          byGrant
            ? { connector, grantId: flags.grant!, ...common(flags) }
            : { connector, entitlement: flags.entitlement!, principal: flags.principal!, ...common(flags) },
        ),
      );
    });
}

function withCommonOptions(command: Command): Command {
  return command
    .option('--connector <name>', 'connector name or id (default: the only one)')
    .option('--resource <account|group>', 'the account or group the entitlement is on, when --entitlement is a bare name')
    .option('--reason <text>', 'why, for the audit log')
    .option('--wait', 'run the task in this process and wait for AWS; exit 1 if it fails')
    .option('--json', 'print the task as JSON')
    .addHelpText('after', NAMING_HELP);
}

const common = (flags: ChangeFlags) => ({
  ...(flags.resource ? { resource: flags.resource } : {}),
  ...(flags.reason ? { reason: flags.reason } : {}),
  trigger: 'manual' as const,
  actor: cliActor(),
});

async function change(flags: ChangeFlags, request: (app: App, connector: string) => Promise<RequestedTask>): Promise<void> {
  await withApp(
    async (app, connector: string) => {
      const { task, existing } = await request(app, connector);
      const { toTaskView } = await import('../../provisioning/index.ts');
      if (!flags.json) process.stdout.write(`${existing ? 'Already requested' : 'Requested'}: ${taskLine(toTaskView(task))}\n`);
      if (!flags.wait) {
        if (flags.json) printJson(toTaskRecord(toTaskView(task)));
        else process.stdout.write(`It runs on a worker (\`rrcu worker\`); follow it with \`rrcu tasks\`, or ask with --wait next time.\n`);
        return;
      }
      // Only this task's kind of work: a queued sync would hold the command up until it finished.
      await app.startWorkers({ syncs: false });
      const { nextAttemptAt } = await import('../../provisioning/index.ts');
      // Retries of a throttled or failing task can take minutes: say what happens, a line at a time, on stderr.
      const done = await app.tasks.waitForTask(task.id, {
        onProgress: (p) => process.stderr.write(`${progressLine(p, new Date())}\n`),
        nextTryAt: (t) => nextAttemptAt(app.jobs.boss, t),
      });
      if (flags.json) printJson(toTaskRecord(toTaskView(done)));
      else process.stdout.write(`${taskLine(toTaskView(done))}\n`);
      if (done.status === 'failed') {
        if (!flags.json && done.error?.fix) process.stderr.write(`error: ${done.error.message}\nfix:   ${done.error.fix}\n`);
        process.exitCode = EXIT.failure;
      }
    },
    // A process that only enqueues leaves maintenance to the workers. Without a connector to use, the
    // command stops before the engine starts.
    { jobs: true, supervise: Boolean(flags.wait), before: async ({ connectors }) => flags.connector ?? (await connectors.sole()).id },
  );
}

/** `[14:03:09Z] attempt 1 of 6 failed (THROTTLED: …); next try at 14:03:19Z, in 10 s`, and the like. */
export function progressLine({ task, nextTryAt }: TaskProgress, now: Date): string {
  const clock = (d: Date) => `${d.toISOString().slice(11, 19)}Z`;
  const of = `of ${RETRY.retryLimit + 1}`;
  let what: string;
  if (task.status === 'running') what = `attempt ${task.attempts} ${of} running`;
  else if (task.error) what = `attempt ${task.attempts} ${of} failed (${task.error.code}: ${task.error.message})`;
  else what = 'waiting for a worker';
  const next = nextTryAt && task.status === 'pending' ? `; next try at ${clock(nextTryAt)}, in ${Math.max(0, Math.round((nextTryAt.getTime() - now.getTime()) / 1000))} s` : '';
  return `[${clock(now)}] task ${task.id.slice(0, 8)}: ${what}${next}`;
}
