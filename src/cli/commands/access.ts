import { Command, InvalidArgumentError } from 'commander';
import { EARLIEST_INSTANT, isAcceptedInstant, LATEST_INSTANT } from '../../core/instant.ts';
import { heldRequestNote, pendingNote } from '../../core/pending-change.ts';
import type { AccessRecord } from '../../access/index.ts';
import { connectorIdThroughApi, getApi, readTarget } from '../api-client.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';

type AccessFlags = {
  connector?: string;
  person?: string;
  principal?: string;
  account?: string;
  group?: string;
  permissionSet?: string;
  privileged?: boolean;
  external?: boolean;
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
    .option('--privileged', 'only grants of privileged entitlements (docs/privileged-access.md)')
    .option('--external', 'only grants to principals outside the organisation (who may assume roles from other accounts, or anyone)')
    .option('--at <iso-date>', 'answer as of this instant', parseInstant)
    .option('--json', 'print a JSON array, one object per grant')
    .option('--csv', 'print CSV')
    .action(async (flags: AccessFlags) => {
      const { records, firstSyncAt } = await answer(flags);
      if (flags.json) return printJson(records);
      if (flags.csv) {
        const { accessCsv } = await import('../../access/index.ts');
        return void process.stdout.write(accessCsv(records));
      }
      process.stdout.write(accessText(records, flags.at, firstSyncAt));
    });
}

type AccessAnswer = { records: AccessRecord[]; firstSyncAt: Date | null };

/** The answer from the running server's API when RRCU_URL is set, else from the store. */
async function answer(flags: AccessFlags): Promise<AccessAnswer> {
  const question = {
    ...(flags.person ? { person: flags.person } : {}),
    ...(flags.principal ? { principal: flags.principal } : {}),
    ...(flags.account ? { account: flags.account } : {}),
    ...(flags.group ? { group: flags.group } : {}),
    ...(flags.permissionSet ? { permissionSet: flags.permissionSet } : {}),
  };
  const target = readTarget();
  if (target) {
    const connectorId = flags.connector ? await connectorIdThroughApi(target, flags.connector) : undefined;
    // One instant for every page, so the pages add up to one answer.
    const at = (flags.at ?? new Date()).toISOString();
    const records: AccessRecord[] = [];
    for (;;) {
      const page = await getApi<{ total: number; firstSyncAt: string | null; items: AccessRecord[] }>(target, '/api/access', { ...question, privileged: flags.privileged ? 'true' : undefined, external: flags.external ? 'true' : undefined, connectorId, at, limit: API_PAGE, offset: records.length });
      records.push(...page.items);
      if (page.items.length === 0 || records.length >= page.total) return { records, firstSyncAt: page.firstSyncAt ? new Date(page.firstSyncAt) : null };
    }
  }
  return withApp(async (app) => {
    const { toAccessRecord } = await import('../../access/index.ts');
    const connectorId = flags.connector ? (await app.connectors.find(flags.connector)).id : undefined;
    const rows = await app.access.answerAccess({ ...(connectorId ? { connectorId } : {}), ...(flags.at ? { at: flags.at } : {}), ...(flags.privileged ? { privileged: true } : {}), ...(flags.external ? { external: true } : {}), ...question });
    return { records: rows.map(toAccessRecord), firstSyncAt: flags.at ? await app.access.firstSyncAt(connectorId) : null };
  });
}

/** The most rows GET /api/access answers at once. */
const API_PAGE = 5000;

/**
 * The answer as people read it: a header, one line per grant (its first sighting by a sync is its
 * first-seen time, not when it was granted) and the count. Asked before the first sync, it says history
 * starts there: RRCU does not know what was held before, which is not "nothing was held".
 */
export function accessText(records: AccessRecord[], at: Date | undefined, firstSyncAt: Date | null): string {
  const when = at ? ` at ${at.toISOString()}` : '';
  if (records.length === 0) {
    if (at && !firstSyncAt) return `No access known${when}: history starts at the first sync, and no sync has succeeded yet.\n`;
    if (at && firstSyncAt && at < firstSyncAt) return `No access known${when}: history starts at the first sync, ${firstSyncAt.toISOString()}; what was held before it is not recorded.\n`;
    return `No access found${when}.\n`;
  }
  const line = (cells: string[]) => `${cells[0]!.padEnd(32)} ${cells[1]!.padEnd(24)} ${cells[2]!.padEnd(40)} ${cells[3]!.padEnd(32)} ${cells[4]}\n`;
  const lines = records.map((r) =>
    line([r.principalName ?? r.principalId, String(r.entitlement), `${r.resourceName ?? r.resourceId} (${r.resourceType})`, r.via ? `via ${r.viaName ?? r.via}` : heldRequestNote(r.request) ?? 'direct', r.pending ? `${r.pending.verifiedAt} (${pendingNote(r.pending)})` : r.seenFrom]),
  );
  // A row a task revoked is shown (the reader looks for it) but no longer held, so not counted.
  const revoked = records.filter((r) => r.pending?.kind === 'revoke').length;
  const count = `${records.length - revoked} grant(s)${when}${revoked ? `, and ${revoked} revoked by a task, not yet seen by a sync` : ''}.\n`;
  return [line(['PRINCIPAL', 'ENTITLEMENT', 'ON', 'HOW', 'FIRST SEEN BY A SYNC']), ...lines, count].join('');
}
