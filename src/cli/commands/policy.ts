import { Command } from 'commander';
import type { App } from '../../app.ts';
import type { AppliedPolicy, PolicyView, RequestService } from '../../requests/index.ts';
import { callApi, connectorIdThroughApi, getApi, readTarget, type ApiTarget } from '../api-client.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';
import { cliActor } from './connector.ts';
import { readPolicyFile } from './policy-file.ts';

/**
 * `rrcu policy`: request policies (what may be requested just in time, by whom, who approves). Kept as JSON or
 * YAML files in git and applied with `rrcu policy apply FILE`: each policy is created, updated by name on its
 * connector as a new version, or left unchanged. With RRCU_URL (and RRCU_TOKEN) set, through that server's API
 * as the token (a Connector or Super Administrator's to change them); without, in the store as the OS user.
 */
export function policyCommand(): Command {
  const policy = new Command('policy').description('request policies for just-in-time access: list, show, apply FILE, archive');

  policy
    .command('list')
    .description('request policies, with their version and connector')
    .option('--connector <name>', 'only this connector\'s (name or id)')
    .option('--archived', 'archived policies too')
    .option('--json', 'print a JSON array')
    .action(async (flags: { connector?: string; archived?: boolean; json?: boolean }) => {
      const policies = await onServerOrStore(
        async (t) => {
          const connectorId = flags.connector ? await connectorIdThroughApi(t, flags.connector) : undefined;
          return (await getApi<{ items: PolicyView[] }>(t, '/api/request-policies', { connectorId, archived: flags.archived ? 'true' : undefined })).items;
        },
        async (requests, app) => {
          const connectorId = flags.connector ? (await app.connectors.find(flags.connector)).id : undefined;
          return requests.listPolicies({ ...(connectorId ? { connectorId } : {}), includeArchived: flags.archived === true });
        },
      );
      if (flags.json) return printJson(policies);
      if (policies.length === 0) return void process.stdout.write('No request policies. Write one as a file and apply it: rrcu policy apply FILE\n');
      for (const p of policies) process.stdout.write(`${policyLine(p)}\n`);
    });

  policy
    .command('show')
    .description('one policy\'s document as YAML, ready to edit and apply again (--json: the policy with its document)')
    .argument('<policy>', 'policy id or name')
    .option('--connector <name>', 'the connector, where several have a policy of that name')
    .option('--json', 'print the policy as JSON')
    .action(async (idOrName: string, flags: { connector?: string; json?: boolean }) => {
      const found = await onServerOrStore(
        (t) => getApi<PolicyView>(t, `/api/request-policies/${encodeURIComponent(idOrName)}`, { connector: flags.connector }),
        (requests) => requests.getPolicy(idOrName, flags.connector),
      );
      if (flags.json) return printJson(found);
      const { stringify } = await import('yaml');
      const header = [
        `# ${found.name}: version ${found.version} on ${found.connectorName ?? found.connectorId} (id ${found.id})`,
        `# updated by ${found.updatedBy} at ${found.updatedAt}${found.archivedAt ? `; ARCHIVED at ${found.archivedAt}` : ''}`,
      ];
      process.stdout.write(`${header.join('\n')}\n${stringify(found.document)}`);
    });

  policy
    .command('apply')
    .description('create or update the policies of a JSON or YAML file (several: YAML documents separated by ---, or an array); prints created, updated or unchanged for each')
    .argument('<file>', 'a .json file, or YAML (.yaml, .yml)')
    .option('--json', 'print what each policy became as JSON')
    .action(async (file: string, flags: { json?: boolean }) => {
      // Every policy of the file is checked before the first is applied.
      const found = await readPolicyFile(file);
      const applied = await onServerOrStore(
        async (t) => {
          const out: AppliedPolicy[] = [];
          for (const { document } of found) out.push(JSON.parse(await callApi(t, 'PUT', '/api/request-policies', JSON.stringify(document))) as AppliedPolicy);
          return out;
        },
        async (requests) => {
          const out: AppliedPolicy[] = [];
          for (const { document } of found) out.push(await requests.applyPolicy(document, cliActor()));
          return out;
        },
      );
      if (flags.json) return printJson(applied);
      for (const a of applied) process.stdout.write(`${a.outcome.padEnd(9)}  ${policyLine(a.policy)}\n`);
      const count = (outcome: AppliedPolicy['outcome']) => applied.filter((a) => a.outcome === outcome).length;
      process.stdout.write(`${applied.length} ${applied.length === 1 ? 'policy' : 'policies'}: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged.\n`);
    });

  policy
    .command('archive')
    .description('archive a policy: nothing new is requested under it; requests made under it keep their terms')
    .argument('<id>', 'policy id (rrcu policy list)')
    .option('--json', 'print the policy as JSON')
    .action(async (id: string, flags: { json?: boolean }) => {
      const archived = await onServerOrStore(
        async (t) => JSON.parse(await callApi(t, 'POST', `/api/request-policies/${encodeURIComponent(id)}/archive`, '{}')) as PolicyView,
        (requests) => requests.archivePolicy(id, cliActor()),
      );
      if (flags.json) return printJson(archived);
      process.stdout.write(`Archived ${policyLine(archived)}\n`);
    });
  return policy;
}

/** `<id>  Prod read-only  v3  on sim  (archived)`. */
export function policyLine(p: PolicyView): string {
  return `${p.id}  ${p.name}  v${p.version}  on ${p.connectorName ?? p.connectorId}${p.archivedAt ? '  (archived)' : ''}`;
}

/** Through the server when RRCU_URL is set (as its token), else in the store as the OS user. */
async function onServerOrStore<T>(viaApi: (t: ApiTarget) => Promise<T>, viaStore: (requests: RequestService, app: App) => Promise<T>): Promise<T> {
  const target = readTarget();
  return target ? viaApi(target) : withApp((app) => viaStore(app.requests, app), { jobs: true, supervise: false });
}
