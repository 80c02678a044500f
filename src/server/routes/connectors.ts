import { z } from 'zod';
import type { App } from '../../app.ts';
import { AWS_ACTIONS } from '../../connectors/aws/actions.ts';
import { awsConnectorConfigSchema } from '../../connectors/aws/config.ts';
import { connectorSetup } from '../../connectors/aws/setup/index.ts';
import { actionInUse } from '../../connectors/aws/setup/inline-policy.ts';
import { testAwsConnection } from '../../connectors/aws/test-connection.ts';
import { connectorSecrets, createConnector, findConnector, listConnectors, removeConnector, updateConnector, type ConnectorRecord } from '../../connectors/service.ts';
import { connectorSyncStates, type ConnectorSyncState } from '../../sync/connector-sync-state.ts';
import { syncRunViewSchema, toSyncRunView } from '../../sync/run-view.ts';
import type { ServerApp } from '../app.ts';
import { OPERATORS, READERS } from '../auth/roles.ts';

const field = awsConnectorConfigSchema.shape;
// The settings a user may give, with the connector's own rules (role ARN, region and URL formats), so a
// malformed one is a 400 naming the field. Rules across fields are the service's.
const configFields = {
  roleArn: field.roleArn.unwrap().describe('The IAM role RRCU assumes; without it, the default AWS credentials as they are'),
  organizations: z.boolean().describe('List every account of the organisation (the role must be in the management account)'),
  identityCenterRegion: field.identityCenterRegion.unwrap().describe('Sync IAM Identity Center in this region'),
  scimEndpoint: field.scimEndpoint.unwrap().describe('The Identity Center SCIM endpoint, for user status (needs scimToken)'),
  crossAccountRoleName: field.crossAccountRoleName.unwrap().describe('Also sync IAM of every member account through this role'),
  endpoint: field.endpoint.unwrap().describe('AWS API endpoint override (the built-in simulator)'),
  region: field.region.unwrap().describe('Region for STS, IAM and Organizations calls'),
};

const ownersSchema = z.array(z.string().trim().max(254).pipe(z.email())).max(50).describe('Emails of who answers for the connector');
const scimTokenSchema = z.string().trim().min(1).max(4096).describe('The SCIM access token; stored encrypted, never shown again');

const createBodySchema = z.object({
  name: z.string().trim().min(1).max(63),
  owners: ownersSchema.optional(),
  config: z.object({
    roleArn: configFields.roleArn.optional(),
    // As `rrcu connector add --external-id`: for a role that already exists with its own External ID.
    externalId: field.externalId.optional().describe('The External ID of a role that already exists; absent means RRCU generates one (recommended)'),
    organizations: configFields.organizations.optional(),
    identityCenterRegion: configFields.identityCenterRegion.optional(),
    scimEndpoint: configFields.scimEndpoint.optional(),
    crossAccountRoleName: configFields.crossAccountRoleName.optional(),
    endpoint: configFields.endpoint.optional(),
    region: configFields.region.optional(),
  }),
  scimToken: scimTokenSchema.optional(),
});

const patchBodySchema = z.object({
  name: z.string().trim().min(1).max(63).optional(),
  owners: ownersSchema.optional(),
  config: z
    .object({
      roleArn: configFields.roleArn.nullable().optional(),
      organizations: configFields.organizations.nullable().optional(),
      identityCenterRegion: configFields.identityCenterRegion.nullable().optional(),
      scimEndpoint: configFields.scimEndpoint.nullable().optional(),
      crossAccountRoleName: configFields.crossAccountRoleName.nullable().optional(),
      endpoint: configFields.endpoint.nullable().optional(),
      region: configFields.region.nullable().optional(),
    })
    .optional()
    .describe('Only the fields to change; a field set to null is removed. The External ID never changes.'),
  scimToken: scimTokenSchema.nullable().optional().describe('A new SCIM access token, or null to remove it'),
});

const connectorViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.literal('aws'),
  owners: z.array(z.string()),
  config: z.object({
    roleArn: z.string().optional(),
    externalId: z.string(),
    organizations: z.boolean(),
    identityCenterRegion: z.string().optional(),
    scimEndpoint: z.string().optional(),
    crossAccountRoleName: z.string().optional(),
    endpoint: z.string().optional(),
    region: z.string(),
  }),
  hasScimToken: z.boolean(),
  status: z.enum(['not_connected', 'syncing', 'connected', 'error']).describe('syncing while a run runs; else how the last finished run ended; not_connected before any has'),
  lastRun: syncRunViewSchema.nullable(),
  simulated: z.boolean().describe("The connector's endpoint is the built-in AWS simulator's"),
  createdAt: z.string(),
  updatedAt: z.string(),
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
  const db = app.store.db;
  const toView = (record: ConnectorRecord, state: ConnectorSyncState | undefined): ConnectorView => ({
    id: record.id,
    name: record.name,
    kind: record.kind,
    owners: record.owners,
    config: record.config,
    hasScimToken: record.hasScimToken,
    status: state?.status ?? 'not_connected',
    lastRun: state?.lastRun ? toSyncRunView(state.lastRun, record.name) : null,
    simulated: app.simulation !== undefined && record.config.endpoint === app.simulation.endpoint,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  });
  const viewOf = async (record: ConnectorRecord) => toView(record, (await connectorSyncStates(db, [record.id])).get(record.id));

  server.get('/api/connectors', {
    config: { access: READERS },
    schema: { operationId: 'listConnectors', tags: ['connectors'], summary: 'Connectors with their sync status and last run', response: { 200: z.object({ items: z.array(connectorViewSchema) }) } },
  }, async () => {
    const records = await listConnectors(db);
    const states = await connectorSyncStates(db);
    return { items: records.map((r) => toView(r, states.get(r.id))) };
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
    const record = await createConnector(
      db,
      { kind: 'aws', name, owners: owners ?? [], config: withoutUndefined(config), ...(scimToken ? { secrets: { scimToken } } : {}) },
      { actor: request.caller!.actor, secretKey: app.config.secretKey },
    );
    return reply.status(201).send(await viewOf(record));
  });

  server.get('/api/connectors/:id', {
    config: { access: READERS },
    schema: { operationId: 'getConnector', tags: ['connectors'], summary: 'A connector with its sync status and last run', params: idParams, response: { 200: connectorViewSchema } },
  }, async (request) => viewOf(await findConnector(db, request.params.id)));

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
    const record = await updateConnector(db, request.params.id, request.body, { actor: request.caller!.actor, secretKey: app.config.secretKey });
    return viewOf(record);
  });

  server.delete('/api/connectors/:id', {
    config: { access: OPERATORS },
    schema: { operationId: 'deleteConnector', tags: ['connectors'], summary: 'Remove a connector and its synced history (the audit log keeps the record)', params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await removeConnector(db, request.params.id, { actor: request.caller!.actor });
    return reply.status(204).send(null);
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
    const { config } = await findConnector(db, request.params.id);
    const docs = await connectorSetup(config, app.baseCredentialsFor(config));
    return {
      externalId: docs.externalId,
      rrcuIdentity: docs.identity ?? null,
      trustPolicy: docs.trustPolicy,
      inlinePolicy: docs.inlinePolicy,
      terraform: docs.terraform,
      cloudFormation: docs.cloudFormation,
      actions: AWS_ACTIONS.filter((a) => actionInUse(a, config)).map(({ action, feature, required, use }) => ({ action, feature, required, use })),
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
    const record = await findConnector(db, request.params.id);
    const { scimToken } = await connectorSecrets(db, record, app.config.secretKey);
    return testAwsConnection(record.config, { scimToken, baseCredentials: app.baseCredentialsFor(record.config) });
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
    const record = await findConnector(db, request.params.id);
    return reply.status(202).send(await app.syncs.request(record.id, request.caller!.actor));
  });
}

function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
