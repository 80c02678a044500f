import { Command } from 'commander';
import type { PrivilegedMarkView } from '../../access/index.ts';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import { connectorIdThroughApi, getApi, readTarget } from '../api-client.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';
import { cliActor } from './connector.ts';

/**
 * `rrcu privileged`: administrators' marks of entitlements as privileged (docs/privileged-access.md).
 * `list` reads through RRCU_URL like the other reads; `mark` and `unmark` write the store this process
 * opens, as `grant` and `revoke` do, with the OS user as the actor.
 */
export function privilegedCommand(): Command {
  const command = new Command('privileged').description('entitlements administrators marked privileged: list, mark, unmark');

  command
    .command('list')
    .description('active marks, newest first (--history: unmarked ones too)')
    .option('--connector <name>', 'only this connector')
    .option('--history', 'include unmarked marks')
    .option('--json', 'print a JSON array, one object per mark')
    .action(async (flags: { connector?: string; history?: boolean; json?: boolean }) => {
      const marks = await listMarks(flags);
      if (flags.json) return printJson(marks);
      if (marks.length === 0) return void process.stdout.write(`No ${flags.history ? '' : 'active '}privileged marks.\n`);
      for (const m of marks) process.stdout.write(`${markLine(m)}\n`);
    });

  command
    .command('mark')
    .description('mark an entitlement privileged: the access explorer counts it privileged from now')
    .requiredOption('--entitlement <key>', 'the entitlement key, as `rrcu access --json` prints it (entitlementKey)')
    .requiredOption('--reason <text>', 'why it is privileged, as a reviewer will read it')
    .option('--connector <name>', 'connector name or id (default: the only one)')
    .option('--json', 'print the mark as JSON')
    .action(async (flags: { entitlement: string; reason: string; connector?: string; json?: boolean }) => {
      const { markPrivilegedInputSchema, toPrivilegedMarkView } = await import('../../access/index.ts');
      const mark = await withApp(async ({ access, connectors }) => {
        const connectorId = (flags.connector ? await connectors.find(flags.connector) : await connectors.sole()).id;
        const input = parsed(markPrivilegedInputSchema.safeParse({ connectorId, entitlementKey: flags.entitlement, reason: flags.reason }), 'privileged mark');
        return toPrivilegedMarkView(await access.markPrivileged(input, cliActor()));
      });
      if (flags.json) printJson(mark);
      else process.stdout.write(`Marked privileged: ${markLine(mark)}\n`);
    });

  command
    .command('unmark')
    .description('end a mark; it stays in the history (`list --history`)')
    .argument('<id>', 'the mark id, as `rrcu privileged list` prints it')
    .requiredOption('--reason <text>', 'why it no longer counts as privileged')
    .option('--json', 'print the mark as JSON')
    .action(async (id: string, flags: { reason: string; json?: boolean }) => {
      const { unmarkPrivilegedInputSchema, toPrivilegedMarkView } = await import('../../access/index.ts');
      const input = parsed(unmarkPrivilegedInputSchema.safeParse({ reason: flags.reason }), 'privileged unmark');
      const mark = await withApp(async ({ access }) => toPrivilegedMarkView(await access.unmarkPrivileged(id.trim(), input, cliActor())));
      if (flags.json) printJson(mark);
      else process.stdout.write(`Unmarked: ${markLine(mark)}\n`);
    });
  return command;
}

const FLAG_OF: Record<string, string> = { connectorId: '--connector', entitlementKey: '--entitlement', reason: '--reason' };

/** The flags' values as the API's schema takes them, or a refusal naming the flag, as the API names the field. */
function parsed<T>(result: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }, what: string): T {
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${FLAG_OF[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; ');
  throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `The ${what} was refused: ${problems}.`, { fix: 'Correct what is named and run the command again (`rrcu privileged --help`).' });
}

async function listMarks(flags: { connector?: string; history?: boolean }): Promise<PrivilegedMarkView[]> {
  const target = readTarget();
  if (target) {
    const connectorId = flags.connector ? await connectorIdThroughApi(target, flags.connector) : undefined;
    return (await getApi<{ items: PrivilegedMarkView[] }>(target, '/api/privileged-marks', { connectorId, history: flags.history ? 'true' : undefined })).items;
  }
  return withApp(async ({ access, connectors }) => {
    const { toPrivilegedMarkView } = await import('../../access/index.ts');
    const connectorId = flags.connector ? (await connectors.find(flags.connector)).id : undefined;
    return (await access.listPrivilegedMarks({ ...(connectorId ? { connectorId } : {}), history: Boolean(flags.history) })).map(toPrivilegedMarkView);
  });
}

/** `<id>  member of Admins  marked by … on …: why` (and how it ended, for an unmarked one). */
export function markLine(m: PrivilegedMarkView): string {
  const ended = m.unmarkedAt ? `; unmarked by ${m.unmarkedByName ?? m.unmarkedBy} on ${m.unmarkedAt}: ${m.unmarkReason ?? ''}` : '';
  return `${m.id}  ${m.entitlementName}  marked by ${m.markedByName} on ${m.markedAt}: ${m.reason}${ended}`;
}
