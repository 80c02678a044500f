import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command } from 'commander';
import { CONNECTOR_ERRORS, DEFAULT_CROSS_ACCOUNT_ROLE, savedConfigInvalid, type ConnectorRecord, type ConnectorService } from '../../connectors/index.ts';
import { RrcuError } from '../../core/errors.ts';
import { withApp } from '../context.ts';
import { printJson } from '../output.ts';
import { CLI_ERRORS } from '../errors.ts';

type AddFlags = {
  name: string;
  roleArn?: string;
  externalId?: string;
  organizations?: boolean;
  identityCenterRegion?: string;
  scimEndpoint?: string;
  scimTokenFile?: string;
  crossAccountRole?: string;
  endpoint?: string;
  region?: string;
};

export const cliActor = (): string => `cli:${userInfo().username}`;

export function connectorCommand(): Command {
  const connector = new Command('connector').description('AWS connectors: add, list, show (with the setup documents), remove (archive), purge');

  connector
    .command('add')
    .argument('<kind>', 'connector kind (aws)')
    .description('add a connector; prints the External ID and the policies to create its role with')
    .requiredOption('--name <name>', 'a name for the connector')
    .option('--role-arn <arn>', 'the IAM role RRCU assumes (without it: the default AWS credentials as they are)')
    .option('--external-id <id>', 'use this External ID instead of a generated one')
    .option('--organizations', 'list every account of the AWS Organization (the role must be in the management account)')
    .option('--identity-center-region <region>', 'sync IAM Identity Center in this region')
    .option('--scim-endpoint <url>', 'the Identity Center SCIM endpoint, for user status')
    .option('--scim-token-file <file>', 'a file holding the SCIM access token (stored encrypted; never shown again)')
    .option('--cross-account-role [name]', 'also sync IAM of every member account through this role (default OrganizationAccountAccessRole)')
    .option('--endpoint <url>', 'AWS API endpoint override (a simulator; needs RRCU_ALLOW_CUSTOM_ENDPOINTS=true)')
    .option('--region <region>', 'region for STS, IAM and Organizations calls', 'us-east-1')
    .action(async (kind: string, flags: AddFlags) => {
      if (kind !== 'aws') throw new RrcuError(CONNECTOR_ERRORS.UNKNOWN_CONNECTOR_KIND, `Unknown connector kind ${JSON.stringify(kind)}.`, { fix: 'The only kind is aws.' });
      const scimToken = flags.scimTokenFile ? readToken(flags.scimTokenFile) : undefined;
      const crossAccount = (flags as { crossAccountRole?: string | boolean }).crossAccountRole;
      const config: Record<string, unknown> = {
        roleArn: flags.roleArn,
        externalId: flags.externalId,
        organizations: flags.organizations ?? false,
        identityCenterRegion: flags.identityCenterRegion,
        scimEndpoint: flags.scimEndpoint,
        crossAccountRoleName: crossAccount === true ? DEFAULT_CROSS_ACCOUNT_ROLE : crossAccount,
        endpoint: flags.endpoint,
        region: flags.region,
      };
      for (const k of Object.keys(config)) if (config[k] === undefined) delete config[k];
      await withApp(async ({ connectors }) => {
        const record = await connectors.create({ kind: 'aws', name: flags.name, config, ...(scimToken ? { secrets: { scimToken } } : {}) }, cliActor());
        process.stdout.write(`Added connector ${record.name} (${record.id}).\n\n`);
        process.stdout.write(setupText(await setupDocsFor(connectors, record)));
      });
    });

  connector
    .command('list')
    .description('list connectors, the archived ones last')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      await withApp(async ({ connectors }) => {
        const all = await connectors.list({ includeArchived: true });
        if (flags.json) return printJson(all);
        if (all.length === 0) return void process.stdout.write('No connectors. Add one with `rrcu connector add aws --name … --role-arn …`.\n');
        for (const c of all) {
          const state = c.archivedAt ? `archived ${c.archivedAt.toISOString()}` : 'live';
          process.stdout.write(`${c.name}\t${c.kind}\t${state}\t${c.config.roleArn ?? '(default credentials)'}\t${c.id}\n`);
          for (const p of c.configProblems) process.stdout.write(`  settings to fix: ${p.field} ${p.message}\n`);
        }
        if (all.some((c) => c.configProblems.length > 0)) {
          process.stdout.write('A connector with settings to fix does not sync, provision or test until they are corrected: edit it (web: Connectors › Edit, or PATCH /api/connectors/:id).\n');
        }
      });
    });

  connector
    .command('show')
    .argument('<name>', 'connector name or id')
    .description('settings, External ID, trust policy, inline policy, Terraform and CloudFormation')
    .option('--json', 'print JSON')
    .option('--terraform', 'print only the Terraform configuration')
    .option('--cloudformation', 'print only the CloudFormation template')
    .action(async (name: string, flags: { json?: boolean; terraform?: boolean; cloudformation?: boolean }) => {
      await withApp(async ({ connectors }) => {
        const record = await connectors.find(name);
        // Saved settings today's rules refuse: shown with how to correct them, and no setup documents (they need them whole).
        if (record.configProblems.length > 0) {
          if (flags.terraform || flags.cloudformation) throw savedConfigInvalid(record);
          if (flags.json) return printJson({ connector: record, setup: null });
          const refusal = savedConfigInvalid(record);
          process.stdout.write(`${record.name} (${record.kind}, ${record.id})\n`);
          for (const [k, v] of Object.entries(record.config)) process.stdout.write(`  ${k.padEnd(22)} ${String(v)}\n`);
          process.stdout.write(`\nSettings to fix:\n${record.configProblems.map((p) => `  ${p.field} ${p.message}\n`).join('')}\n${refusal.fix}\n`);
          return;
        }
        // Naming RRCU's identity calls STS at the connector's endpoint, which the service checks this RRCU allows.
        const docs = await setupDocsFor(connectors, record);
        if (flags.terraform) return void process.stdout.write(docs.terraform);
        if (flags.cloudformation) return void process.stdout.write(docs.cloudFormation);
        if (flags.json) return printJson({ connector: record, setup: docs });
        process.stdout.write(`${record.name} (${record.kind}, ${record.id})${record.archivedAt ? ` — archived ${record.archivedAt.toISOString()} by ${record.archivedBy ?? 'unknown'}` : ''}\n`);
        for (const [k, v] of Object.entries(record.config)) process.stdout.write(`  ${k.padEnd(22)} ${String(v)}\n`);
        process.stdout.write(`  ${'scimToken'.padEnd(22)} ${record.hasScimToken ? '(set, encrypted)' : '(none)'}\n\n`);
        process.stdout.write(setupText(docs));
      });
    });

  connector
    .command('remove')
    .argument('<name>', 'connector name or id')
    .description('archive a connector: no more syncs or provisioning; its history, tasks and audit trail stay readable')
    .action(async (name: string) => {
      await withApp(async ({ connectors }) => {
        const record = await connectors.archive(name, cliActor());
        process.stdout.write(
          `Archived connector ${record.name} (${record.id}). It no longer syncs or provisions; its history stays readable and counts in access as of dates before now.\n` +
            `To delete its data for good: rrcu connector purge ${record.id} --confirm "${record.name}"\n`,
        );
      });
    });

  connector
    .command('purge')
    .argument('<name>', 'name or id of an archived connector')
    .description("delete an archived connector's data for good: sync runs, inventory history, provisioning tasks (the audit log stays)")
    .requiredOption('--confirm <name>', "the connector's name again")
    .action(async (name: string, flags: { confirm: string }) => {
      await withApp(async ({ connectors }) => {
        const record = await connectors.find(name);
        const { erased } = await connectors.purge(record.id, { confirm: flags.confirm }, cliActor());
        process.stdout.write(
          `Deleted the data of connector ${record.name} (${record.id}): ${erased.runs} sync runs, ${erased.resources} resource, ${erased.entitlements} entitlement and ${erased.grants} grant versions, ${erased.tasks} provisioning tasks, ${erased.marks} privileged marks, ${erased.owners} resource owners. Its access review campaigns are kept, and the audit log keeps a connector.purged event.\n`,
        );
      });
    });
  return connector;
}

function readToken(file: string): string {
  try {
    const token = readFileSync(file, 'utf8').trim();
    if (token) return token;
  } catch (e) {
    throw new RrcuError(CLI_ERRORS.SCIM_TOKEN_FILE_UNREADABLE, `Cannot read the SCIM token file ${file}: ${(e as Error).message}.`, { fix: 'Give a readable file holding the token.', cause: e });
  }
  throw new RrcuError(CLI_ERRORS.SCIM_TOKEN_FILE_EMPTY, `The SCIM token file ${file} is empty.`, { fix: 'Put the access token from the Identity Center console in it.' });
}

async function setupDocsFor(connectors: ConnectorService, record: ConnectorRecord) {
  const docs = await connectors.setup(record);
  return { ...docs, identityFound: docs.identity !== undefined };
}

function setupText(docs: Awaited<ReturnType<typeof setupDocsFor>>): string {
  return [
    `External ID: ${docs.externalId}`,
    '',
    `Trust policy for the role${docs.identityFound ? ` (trusting ${docs.trustedPrincipal}, the identity RRCU runs as)` : ' — RRCU found no AWS credentials to name itself; replace the principal with the ARN RRCU runs as'}:`,
    JSON.stringify(docs.trustPolicy, null, 2),
    '',
    'Inline policy for the role:',
    JSON.stringify(docs.inlinePolicy, null, 2),
    '',
    'Terraform: `rrcu connector show <name> --terraform`; CloudFormation: `--cloudformation`.',
    '',
  ].join('\n');
}
