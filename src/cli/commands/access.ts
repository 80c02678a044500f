import { Command, InvalidArgumentError } from 'commander';
import { EARLIEST_INSTANT, isAcceptedInstant, LATEST_INSTANT } from '../../core/instant.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';

type AccessFlags = {
  connector?: string;
  person?: string;
  principal?: string;
  account?: string;
  group?: string;
  permissionSet?: string;
  at?: Date;
  json?: boolean;
  csv?: boolean;
};

export function parseInstant(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError(`expected an ISO date or date-time such as 2026-03-31 or 2026-03-31T17:00:00Z, got '${value}'.`);
  // The API's range: PostgreSQL refuses some dates a Date holds (year 0).
  if (!isAcceptedInstant(d)) throw new InvalidArgumentError(`expected an instant between ${EARLIEST_INSTANT.toISOString()} and ${LATEST_INSTANT.toISOString()}, got '${value}'.`);
  return d;
}

export function accessCommand(): Command {
  return new Command('access')
    .description('who has access to what (now, or --at a past instant), directly or via which group')
    .option('--connector <name>', 'only this connector')
    .option('--person <email|name>', 'everything a person can reach, across IAM and Identity Center')
    .option('--principal <id|name>', 'everything one user, group or role holds')
    .option('--account <id|name>', 'who holds which permission set on an account')
    .option('--group <name|id>', 'the members of a group')
    .option('--permission-set <name|arn>', 'who holds a permission set, on which accounts')
    .option('--at <iso-date>', 'answer as of this instant', parseInstant)
    .option('--json', 'print a JSON array, one object per grant')
    .option('--csv', 'print CSV')
    .action(async (flags: AccessFlags) => {
      await withApp(async (app) => {
        const { toAccessRecord } = await import('../../access/index.ts');
        const connectorId = flags.connector ? (await app.connectors.find(flags.connector)).id : undefined;
        const rows = await app.access.answerAccess({
          ...(connectorId ? { connectorId } : {}),
          ...(flags.at ? { at: flags.at } : {}),
          ...(flags.person ? { person: flags.person } : {}),
          ...(flags.principal ? { principal: flags.principal } : {}),
          ...(flags.account ? { account: flags.account } : {}),
          ...(flags.group ? { group: flags.group } : {}),
          ...(flags.permissionSet ? { permissionSet: flags.permissionSet } : {}),
        });
        const records = rows.map(toAccessRecord);
        if (flags.json) return printJson(records);
        if (flags.csv) {
          const { accessCsv } = await import('../../access/index.ts');
          return void process.stdout.write(accessCsv(records));
        }
        if (records.length === 0) return void process.stdout.write(`No access found${flags.at ? ` at ${flags.at.toISOString()}` : ''}.\n`);
        for (const r of records) {
          const on = `${r.resourceName ?? r.resourceId} (${r.resourceType})`;
          const path = r.via ? `via ${r.viaName ?? r.via}` : 'direct';
          process.stdout.write(`${(r.principalName ?? r.principalId).padEnd(32)} ${String(r.entitlement).padEnd(24)} ${on.padEnd(40)} ${path}\n`);
        }
        process.stdout.write(`${records.length} grant(s)${flags.at ? ` at ${flags.at.toISOString()}` : ''}.\n`);
      });
    });
}
