/** Adding and changing a connector, each with its audit event in the same transaction. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/index.ts';
import { RrcuError } from '../core/errors.ts';
import { connectors, type Db } from '../store/index.ts';
import { awsConnectorSecretsSchema, type AwsConnectorConfig, type AwsConnectorSecrets } from './aws/config.ts';
import { checkEndpoints, type EndpointPolicy } from './endpoint-policy.ts';
import { CONNECTOR_ERRORS } from './errors.ts';
import { savedConfigInvalid } from './open.ts';
import { liveConnector, toRecord, type ConnectorRecord } from './records.ts';
import { sealSecrets } from './secrets.ts';
import { checkScimPair, generateExternalId, parseAwsConfig, parseName, parseOwners } from './validation.ts';

export type CreateConnectorInput = {
  kind: 'aws';
  name: string;
  /** Emails of who answers for the connector. */
  owners?: string[];
  /** Unvalidated settings; `externalId` is generated when absent. */
  config: Record<string, unknown>;
  secrets?: AwsConnectorSecrets;
};

/** Settings of an AWS connector that may be changed; a field set to null is removed. */
export type AwsConfigPatch = { [K in Exclude<keyof AwsConnectorConfig, 'externalId'>]?: AwsConnectorConfig[K] | null };

export type ConnectorPatch = {
  name?: string;
  owners?: string[];
  config?: AwsConfigPatch;
  /** A new SCIM token, or null to remove it; absent keeps the saved one (unless the SCIM endpoint changes). */
  scimToken?: string | null;
};

/** Who saves a connector, and which endpoints this process lets a connector send requests and secrets to. */
export type ConnectorChangeContext = { actor: string; secretKey?: string | undefined; endpoints: EndpointPolicy };

/** Names are unique among live connectors only: an archived one keeps its name, and a new one may take it. */
async function refuseTakenName(tx: Db, name: string, exceptId?: string): Promise<void> {
  const existing = await tx.select({ id: connectors.id }).from(connectors).where(and(eq(connectors.name, name), isNull(connectors.archivedAt)));
  if (existing.some((c) => c.id !== exceptId)) {
    throw new RrcuError(CONNECTOR_ERRORS.CONNECTOR_EXISTS, `A connector named ${JSON.stringify(name)} already exists.`, { fix: 'Choose another name, or archive the existing one first.' });
  }
}

export async function createConnector(db: Db, input: CreateConnectorInput, ctx: ConnectorChangeContext): Promise<ConnectorRecord> {
  const name = parseName(input.name);
  const owners = parseOwners(input.owners ?? []);
  const config = parseAwsConfig({ ...input.config, externalId: input.config.externalId ?? generateExternalId() });
  checkEndpoints(config, ctx.endpoints, { connectorName: name, saving: true });
  const secrets = awsConnectorSecretsSchema.parse(input.secrets ?? {});
  checkScimPair(config, secrets.scimToken !== undefined);
  const sealed = sealSecrets(secrets, ctx.secretKey);
  return db.transaction(async (tx) => {
    await refuseTakenName(tx, name);
    const [row] = await tx
      .insert(connectors)
      .values({ kind: input.kind, name, owners, config, secretsCiphertext: sealed })
      .returning();
    await recordAuditEvent(tx, { type: 'connector.created', actor: ctx.actor, subject: `connector:${row!.id}`, data: { name, kind: input.kind, owners, config } });
    return toRecord(row!);
  });
}

/**
 * Changes a connector's name, owners, settings or SCIM token. The settings are validated as a whole
 * after the patch, by today's rules: a setting saved under older ones is corrected in the same change,
 * which clears the connector's problems. The External ID never changes (the role's trust policy names it). Removing the SCIM
 * endpoint removes its token too; changing it needs the token again, so a saved token is never sent to
 * a URL it was not given for. The audit event names the fields changed, never the token.
 */
export async function updateConnector(db: Db, id: string, patch: ConnectorPatch, ctx: ConnectorChangeContext): Promise<ConnectorRecord> {
  const record = await liveConnector(db, id);
  const changed: string[] = [];
  const name = patch.name === undefined ? record.name : parseName(patch.name);
  if (name !== record.name) changed.push('name');
  const owners = patch.owners === undefined ? record.owners : parseOwners(patch.owners);
  if (JSON.stringify(owners) !== JSON.stringify(record.owners)) changed.push('owners');

  const merged: Record<string, unknown> = { ...record.config };
  for (const [key, value] of Object.entries(patch.config ?? {})) {
    if (key === 'externalId' || value === undefined) continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  // A saved External ID that today's rules refuse cannot be corrected here: the role's trust policy names it.
  if (record.configProblems.some((p) => p.field === 'config.externalId')) throw savedConfigInvalid(record);
  const config = parseAwsConfig({ ...merged, externalId: record.config.externalId });
  checkEndpoints(config, ctx.endpoints, { connectorName: name, saving: true });
  for (const key of new Set([...Object.keys(record.config), ...Object.keys(config)]) as Set<keyof AwsConnectorConfig>) {
    if (record.config[key] !== config[key]) changed.push(`config.${key}`);
  }
  // Settings saved under older rules are written back as read (a value of the wrong type left out), even
  // when nothing else changes: saving is how the connector's problems are cleared.
  for (const problem of record.configProblems) if (!changed.includes(problem.field)) changed.push(problem.field);

  // The token after the patch: undefined keeps the saved one, null removes it.
  let token = patch.scimToken === undefined ? undefined : patch.scimToken === null ? null : patch.scimToken.trim();
  if (token === '') throw new RrcuError(CONNECTOR_ERRORS.INVALID_SCIM_TOKEN, 'The SCIM token given is empty.', { fix: 'Paste the access token from IAM Identity Center, or send null to remove it.', fields: ['scimToken'] });
  if (token === undefined && record.config.scimEndpoint && !config.scimEndpoint) token = null;
  if (token === undefined && record.hasScimToken && config.scimEndpoint && config.scimEndpoint !== record.config.scimEndpoint) {
    throw new RrcuError(CONNECTOR_ERRORS.SCIM_TOKEN_REQUIRED, `scimToken: the SCIM endpoint changes from ${record.config.scimEndpoint} to ${config.scimEndpoint}, and the saved token is only ever sent to the endpoint it was saved for.`, {
      fix: 'Give the access token for the new endpoint too (scimToken, or --scim-token-file): IAM Identity Center > Settings > Automatic provisioning > Manage access tokens.',
      fields: ['scimToken'],
    });
  }
  checkScimPair(config, token === undefined ? record.hasScimToken : token !== null);
  const sealed = token === undefined ? undefined : token === null ? null : sealSecrets({ scimToken: token }, ctx.secretKey);
  if (token === null ? record.hasScimToken : token !== undefined) changed.push('scimToken');
  if (changed.length === 0) return record;

  return db.transaction(async (tx) => {
    if (name !== record.name) await refuseTakenName(tx, name, record.id);
    const [row] = await tx
      .update(connectors)
      .set({ name, owners, config, ...(sealed === undefined ? {} : { secretsCiphertext: sealed }), updatedAt: sql`now()` })
      .where(eq(connectors.id, record.id))
      .returning();
    await recordAuditEvent(tx, { type: 'connector.updated', actor: ctx.actor, subject: `connector:${record.id}`, data: { name, changed } });
    return toRecord(row!);
  });
}
