import { z } from 'zod';
import type { App } from '../../app.ts';
import { actionsInUse, awsConfigFields, awsConnectorConfigSchema, configProblemSchema, usableConfig, type ConnectorRecord, type StoredAwsConfig } from '../../connectors/index.ts';
import { syncRunViewSchema, toSyncRunView, type ConnectorSyncState } from '../../sync/index.ts';
import type { ServerApp } from '../server-app.ts';
import { ADMINS, OPERATORS, READERS } from '../auth/access.ts';

// What the API says of each setting; the fields and their rules come from the connector's config schema.
const CONFIG_DESCRIPTIONS: Record<keyof typeof awsConfigFields, string> = {
  roleArn: 'The IAM role RRCU assumes; without it, the default AWS credentials as they are',
  // As `rrcu connector add --external-id`: for a role that already exists with its own External ID.
  externalId: 'The External ID of a role that already exists; absent means RRCU generates one (recommended)',
  organizations: 'List every account of the organisation (the role must be in the management account)',
  identityCenterRegion: 'Sync IAM Identity Center in this region',
  scimEndpoint: 'The Identity Center SCIM endpoint (https://scim.<region>.amazonaws.com/…/scim/v2), for user status; needs scimToken, again whenever it changes',
  crossAccountRoleName: 'Also sync IAM of every member account through this role',
  endpoint: "AWS API endpoint override (a simulator): refused unless RRCU_ALLOW_CUSTOM_ENDPOINTS is on or it is this RRCU's own built-in simulator",
  region: 'Region for STS, IAM and Organizations calls',
  ownerTag: "The tag whose value (an email) names a resource's owner, where the sync reads tags",
};
type ConfigFields = typeof awsConfigFields;
// The settings a user may give, with the connector's own rules (role ARN, region and URL formats), so a
// malformed one is a 400 naming the field. Rules across fields are the service's. (`describe` keeps a
// schema's type, hence the cast.)
const configFields = Object.fromEntries(Object.entries(awsConfigFields).map(([key, field]) => [key, field.describe(CONFIG_DESCRIPTIONS[key as keyof ConfigFields])])) as ConfigFields;
const { externalId: _fixed, ...changeableFields } = configFields;
/** A change to the settings: each field optional, null to remove it; the External ID never changes. */
const configPatchFields = Object.fromEntries(Object.entries(changeableFields).map(([key, field]) => [key, field.nullable().optional()])) as {
  [K in keyof typeof changeableFields]: z.ZodOptional<z.ZodNullable<(typeof changeableFields)[K]>>;
};

// An answer shows the settings as stored, by type alone: a config saved before a rule was tightened must
// still read back, where the input rules would fail the whole answer. Same keys, each optional: a saved
// setting that could not be read at all is left out, and named in configProblems.
const PLAIN_TYPES: Partial<Record<string, () => z.ZodType>> = { string: () => z.string(), boolean: () => z.boolean() };
const configViewSchema = z.object(
  Object.fromEntries(
    Object.keys(awsConnectorConfigSchema.shape).map((key) => {
      const type = awsConfigFields[key as keyof ConfigFields]._zod.def.type;
      const plain = PLAIN_TYPES[type];
      if (!plain) throw new Error(`The connector setting ${key} is a ${type}, which the connector answer has no plain schema for.`);
      return [key, plain().optional()];
    }),
  ),
) as unknown as z.ZodType<StoredAwsConfig>;

const ownersSchema = z.array(z.string().trim().max(254).pipe(z.email())).max(50).describe('Emails of who answers for the connector');
const scimTokenSchema = z.string().trim().min(1).max(4096).describe('The SCIM access token; stored encrypted, never shown again');

const createBodySchema = z.object({
  name: z.string().trim().min(1).max(63),
  owners: ownersSchema.optional(),
  config: z.object(configFields).partial(),
  scimToken: scimTokenSchema.optional(),
});

const patchBodySchema = z.object({
  name: z.string().trim().min(1).max(63).optional(),
  owners: ownersSchema.optional(),
  config: z
    .object(configPatchFields)
    .optional()
    .describe('Only the fields to change; a field set to null is removed. The External ID never changes.'),
  scimToken: scimTokenSchema.nullable().optional().describe('A new SCIM access token, or null to remove it; required again when scimEndpoint changes'),
});

const historyCountsSchema = z.object({
  runs: z.number().int(),
  resources: z.number().int().describe('Versions of resources (accounts, users, groups, roles, permission sets)'),
  entitlements: z.number().int(),
  grants: z.number().int(),
  tasks: z.number().int().describe('Provisioning tasks'),
  marks: z.number().int().describe("Administrators' privileged marks on its entitlements, active and unmarked"),
  owners: z.number().int().describe('Owners set in RRCU on its resources, current and removed (access review campaigns are kept, never purged)'),
});

const purgeBodySchema = z.object({
  confirm: z.string().max(200).describe("The connector's name, typed again: the data cannot be restored"),
});

const connectorViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.literal('aws'),
  owners: z.array(z.string()),
  config: configViewSchema,
  configProblems: z
    .array(configProblemSchema)
    .describe("Saved settings that today's rules refuse (saved under older or looser ones): until the connector is edited with valid ones, it does not sync, provision, test or give its setup documents"),
  hasScimToken: z.boolean(),
  status: z.enum(['not_connected', 'syncing', 'connected', 'error']).describe('syncing while a run runs; else how the last finished run ended; not_connected before any has'),
  lastRun: syncRunViewSchema.nullable(),
  simulated: z.boolean().describe("The connector's endpoint is the built-in AWS simulator's"),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable().describe('When it was removed (archived): it no longer syncs or provisions; its history stays. Null while live'),
  archivedBy: z.string().nullable().describe('Who archived it, as the audit log names actors'),
  archivedByName: z.string().nullable().describe("That actor's name, when a user or an API token"),
  history: historyCountsSchema
    .optional()
    .describe('For an archived connector (GET one): what deleting its data for good would erase'),
});

type ConnectorView = z.infer<typeof connectorViewSchema>;

const setupSchema = z.object({
  externalId: z.string(),
  rrcuIdentity: z.string().nullable().describe('The identity RRCU runs as, which the trust policy names; null when RRCU found no AWS credentials'),
  trustPolicy: z.record(z.string(), z.unknown()),
  inlinePolicy: z.record(z.string(), z.unknown()),
  terraform: z.string(),
  cloudFormation: z.string(),
  actions: z.array(z.object({ action: z.string(), feature: z.string(), required: z.boolean(), use: z.string() })),
});

const checkSchema = z.object({
  action: z.string(),
  feature: z.string(),
  required: z.boolean(),
  status: z.enum(['ok', 'denied', 'failed', 'not_checked']),
  message: z.string(),
  fix: z.string().optional(),
});

const idParams = z.object({ id: z.uuid() });

export function connectorRoutes(server: ServerApp, app: App): void {
  const connectors = app.connectors;
  const toView = (record: ConnectorRecord, state: ConnectorSyncState | undefined, names: ReadonlyMap<string, string>): ConnectorView => ({
    id: record.id,
    name: record.name,
    kind: record.kind,
    owners: record.owners,
    config: record.config,
    configProblems: record.configProblems,
    hasScimToken: record.hasScimToken,
    status: state?.status ?? 'not_connected',
    lastRun: state?.lastRun ? toSyncRunView(state.lastRun, record.name) : null,
    simulated: app.simulation !== undefined && record.config.endpoint === app.simulation.endpoint,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    archivedAt: record.archivedAt?.toISOString() ?? null,
    archivedBy: record.archivedBy,
    archivedByName: record.archivedBy ? (names.get(record.archivedBy) ?? null) : null,
  });
  const namesOf = (records: ConnectorRecord[]) => app.identity.actorNames(records.flatMap((r) => (r.archivedBy ? [r.archivedBy] : [])));
  const viewOf = async (record: ConnectorRecord) => toView(record, (await app.runs.connectorSyncStates([record.id])).get(record.id), await namesOf([record]));

  server.get('/api/connectors', {
    config: { access: READERS },
    schema: {
      operationId: 'listConnectors',
      tags: ['connectors'],
      summary: 'Connectors with their sync status and last run: the live ones, then the archived ones (archivedAt set), whose history stays readable',
      response: { 200: z.object({ items: z.array(connectorViewSchema) }) },
    },
  }, async () => {
    const records = await connectors.list({ includeArchived: true });
    const states = await app.runs.connectorSyncStates();
    const names = await namesOf(records);
    return { items: records.map((r) => toView(r, states.get(r.id), names)) };
  });

  server.post('/api/connectors', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'createConnector',
      tags: ['connectors'],
      summary: 'Add an AWS connector; RRCU generates its External ID (then create the role from GET …/setup)',
      body: createBodySchema,
      response: { 201: connectorViewSchema },
    },
  }, async (request, reply) => {
    const { name, owners, config, scimToken } = request.body;
    const record = await connectors.create({ kind: 'aws', name, owners: owners ?? [], config: withoutUndefined(config), ...(scimToken ? { secrets: { scimToken } } : {}) }, request.caller!.actor);
    return reply.status(201).send(await viewOf(record));
  });

  server.get('/api/connectors/:id', {
    config: { access: READERS },
    schema: {
      operationId: 'getConnector',
      tags: ['connectors'],
      summary: 'A connector with its sync status and last run; an archived one with what deleting its data would erase',
      params: idParams,
      response: { 200: connectorViewSchema },
    },
  }, async (request) => {
    const record = await connectors.find(request.params.id);
    const view = await viewOf(record);
    return record.archivedAt ? { ...view, history: await connectors.historyCounts(record.id) } : view;
  });

  server.patch('/api/connectors/:id', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'updateConnector',
      tags: ['connectors'],
      summary: 'Change a connector: name, owners, settings (null removes one), SCIM token',
      params: idParams,
      body: patchBodySchema,
      response: { 200: connectorViewSchema },
    },
  }, async (request) => {
    const record = await connectors.update(request.params.id, request.body, request.caller!.actor);
    return viewOf(record);
  });

  server.delete('/api/connectors/:id', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'deleteConnector',
      tags: ['connectors'],
      summary:
        'Remove (archive) a connector: no more syncs or provisioning, pending tasks cancelled; its runs, inventory history, tasks and audit trail stay readable, and count in access as of the dates it covered. Refused while it syncs or provisions',
      params: idParams,
      response: { 204: z.null() },
    },
  }, async (request, reply) => {
    await connectors.archive(request.params.id, request.caller!.actor);
    return reply.status(204).send(null);
  });

  server.post('/api/connectors/:id/purge', {
    config: { access: ADMINS },
    schema: {
      operationId: 'purgeConnector',
      tags: ['connectors'],
      summary:
        "Delete an archived connector's data for good (sync runs, inventory history, provisioning tasks) after typing its name; the audit log keeps a connector.purged event with the counts",
      params: idParams,
      body: purgeBodySchema,
      response: { 200: z.object({ id: z.string(), name: z.string(), erased: historyCountsSchema }) },
    },
  }, async (request) => {
    const { connector, erased } = await connectors.purge(request.params.id, request.body, request.caller!.actor);
    return { id: connector.id, name: connector.name, erased };
  });

  server.get('/api/connectors/:id/setup', {
    config: { access: READERS },
    schema: {
      operationId: 'getConnectorSetup',
      tags: ['connectors'],
      summary: "What to create in AWS for this connector: External ID, trust policy, inline policy, Terraform, CloudFormation, and the actions RRCU calls",
      params: idParams,
      response: { 200: setupSchema },
    },
  }, async (request) => {
    const record = await connectors.find(request.params.id);
    const docs = await connectors.setup(record);
    return {
      externalId: docs.externalId,
      rrcuIdentity: docs.identity ?? null,
      trustPolicy: docs.trustPolicy,
      inlinePolicy: docs.inlinePolicy,
      terraform: docs.terraform,
      cloudFormation: docs.cloudFormation,
      actions: actionsInUse(usableConfig(record)).map(({ action, feature, required, use }) => ({ action, feature, required, use })),
    };
  });

  server.post('/api/connectors/:id/test', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'testConnector',
      tags: ['connectors'],
      summary: 'Assume the role and make the cheapest real call of each read action the connector uses; writes are not tried',
      params: idParams,
      response: { 200: z.object({ ok: z.boolean().describe('Nothing required was denied or failed'), checks: z.array(checkSchema) }) },
    },
  }, async (request) => {
    return connectors.test(await connectors.find(request.params.id));
  });

  server.post('/api/connectors/:id/sync', {
    config: { access: OPERATORS },
    schema: {
      operationId: 'syncConnector',
      tags: ['connectors'],
      summary: 'Queue a sync of the connector (follow it in GET /api/syncs); while one is already waiting, that one is answered',
      params: idParams,
      response: { 202: z.object({ jobId: z.string(), alreadyQueued: z.boolean() }) },
    },
  }, async (request, reply) => {
    const record = await connectors.find(request.params.id);
    return reply.status(202).send(await app.syncs.request(record.id, request.caller!.actor));
  });
}

function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
