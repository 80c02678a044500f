import { Command } from 'commander';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import type { OwnerView } from '../../ownership/index.ts';
import { connectorIdThroughApi, getApi, readTarget } from '../api-client.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';
import { cliActor } from './connector.ts';

const TYPES = 'account, permission_set, sso_group, iam_group';

export function ownersCommand(): Command {
  const owners = new Command('owners').description('owners of accounts, permission sets and groups: set in RRCU, or read from the connector\'s owner tag');
  owners
    .command('list')
    .description('current owners of a connector\'s resources (all, one type, or one resource)')
    .requiredOption('--connector <name>', 'connector name or id')
    .option('--type <type>', `only this resource type (${TYPES})`)
    .option('--resource <id>', 'only this resource: account id, permission set ARN, group id or ARN')
    .option('--history', 'include removed owners')
    .option('--json', 'print a JSON array, one object per owner')
    .action(async (flags: { connector: string; type?: string; resource?: string; history?: boolean; json?: boolean }) => {
      const items = await listOwners(flags);
      if (flags.json) return printJson(items);
      if (items.length === 0) return void process.stdout.write('No owners.\n');
      for (const o of items) process.stdout.write(`${ownerLine(o)}\n`);
      process.stdout.write(`${items.length} owner(s).\n`);
    });
  owners
    .command('set')
    .description('make a person an owner of a resource (audited)')
    .requiredOption('--connector <name>', 'connector name or id')
    .requiredOption('--type <type>', TYPES)
    .requiredOption('--resource <id>', 'account id, permission set ARN, Identity Center group id or IAM group ARN')
    .option('--person <id>', 'the person\'s id')
    .option('--email <email>', 'the person\'s email')
    .action(async (flags: { connector: string; type: string; resource: string; person?: string; email?: string }) => {
      const owner = await withApp(async ({ ownership, connectors }) => {
        const { setOwnerInputSchema } = await import('../../ownership/index.ts');
        const connectorId = (await connectors.find(flags.connector)).id;
        const parsed = setOwnerInputSchema.safeParse({ connectorId, resourceType: flags.type, resourceId: flags.resource, personId: flags.person, email: flags.email });
        if (!parsed.success) {
          const flagOf: Record<string, string> = { resourceType: '--type', resourceId: '--resource', personId: '--person', email: '--email' };
          const problems = parsed.error.issues.map((i) => `${flagOf[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; ');
          throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `The owner cannot be set: ${problems}.`, { fix: 'Correct what is named and run the command again (`rrcu owners set --help`).' });
        }
        return ownership.setOwner(parsed.data, { actor: cliActor() });
      });
      process.stdout.write(`${ownerLine(owner)}\n`);
    });
  owners
    .command('remove')
    .description('end an owner record (kept as history, audited)')
    .argument('<owner-id>', 'the owner record\'s id (rrcu owners list)')
    .action(async (id: string) => {
      const owner = await withApp(({ ownership }) => ownership.removeOwner(id, { actor: cliActor() }));
      process.stdout.write(`Removed: ${ownerLine(owner)}\n`);
    });
  return owners;
}

/** Owners as GET /api/owners answers: from the running server when RRCU_URL is set, else from the store. */
async function listOwners(flags: { connector: string; type?: string; resource?: string; history?: boolean }): Promise<OwnerView[]> {
  const target = readTarget();
  if (target) {
    const connectorId = await connectorIdThroughApi(target, flags.connector);
    return (await getApi<{ items: OwnerView[] }>(target, '/api/owners', { connectorId, resourceType: flags.type, resourceId: flags.resource, history: flags.history ? 'true' : undefined })).items;
  }
  return withApp(async ({ ownership, connectors }) => {
    const { ownerListFilterSchema } = await import('../../ownership/index.ts');
    const connectorId = (await connectors.find(flags.connector)).id;
    const parsed = ownerListFilterSchema.safeParse({ connectorId, resourceType: flags.type, resourceId: flags.resource, includeRemoved: flags.history ?? false });
    if (!parsed.success) {
      throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `--type: expected one of ${TYPES}, got '${flags.type}'.`, { fix: 'Correct it and run the command again.' });
    }
    return ownership.listOwners(parsed.data);
  });
}

/** One line per owner: the resource, the person, where the ownership comes from. */
export function ownerLine(o: OwnerView): string {
  const person = o.person.email ? `${o.person.displayName} <${o.person.email}>` : o.person.displayName;
  const source = o.source === 'tag' ? `from tag ${o.tag}` : `set by ${o.setByName ?? o.setBy} ${o.setAt?.slice(0, 19).replace('T', ' ')}${o.removedAt ? `, removed ${o.removedAt.slice(0, 19).replace('T', ' ')} by ${o.removedBy}` : ''}`;
  return `${o.id ?? '(tag)'}  ${o.resourceName} (${o.resourceType} ${o.resourceId})  ${person} — ${source}`;
}
