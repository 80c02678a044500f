import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '../audit/index.ts';
import { COMMON_ERRORS, RrcuError } from '../core/errors.ts';
import { openSecret, sealSecret } from '../core/secret-box.ts';
import type { Db } from '../store/db.ts';
import { connectors } from '../store/schema/index.ts';
import type { AwsSessionOptions } from './aws/session/clients.ts';
import { awsConnectorConfigSchema, awsConnectorSecretsSchema, createAwsConnector, type AwsConnectorConfig, type AwsConnectorSecrets } from './aws/index.ts';
import type { Connector } from './connector.ts';
import { connectorArchived } from '../store/index.ts';
import { checkEndpoints, type EndpointPolicy } from './endpoint-policy.ts';
import { CONNECTOR_ERRORS } from './errors.ts';

export type { EndpointPolicy } from './endpoint-policy.ts';

export type ConnectorRecord = {
  id: string;
  kind: 'aws';
  name: string;
  /** Who answers for this connector (emails). */
  owners: string[];
  config: AwsConnectorConfig;
  /** Secrets are never returned; only whether one is set. */
  hasScimToken: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** When it was archived (removed): no more syncs or provisioning, its history kept. Null while live. */
  archivedAt: Date | null;
  archivedBy: string | null;
};

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

const NAME = /^[A-Za-z0-9][\w .-]{0,62}$/;

/** 32 characters from a 62-letter alphabet: about 190 bits, well past the 32+ characters asked for. */
export function generateExternalId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  while (out.length < 32) {
    for (const byte of randomBytes(48)) if (byte < 248 && out.length < 32) out += alphabet[byte % 62];
  }
  return out;
}

export function parseAwsConfig(raw: Record<string, unknown>): AwsConnectorConfig {
  const parsed = awsConnectorConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'config';
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, `${field}: ${issue.message}${field in raw ? ` (got ${JSON.stringify(raw[field])})` : ''}.`, {
      fix: `Correct ${field} and try again.`,
    });
  }
  const config = parsed.data;
  if (config.crossAccountRoleName && !config.organizations) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, 'Cross-account IAM needs Organizations support: member accounts are found through AWS Organizations.', {
      fix: 'Turn on Organizations support (--organizations), or leave out the cross-account role.',
    });
  }
  if (config.scimEndpoint && !config.identityCenterRegion) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, 'A SCIM endpoint is set but IAM Identity Center is off.', {
      fix: 'Set the Identity Center region (--identity-center-region) too, or leave out the SCIM endpoint.',
    });
  }
  return config;
}

function parseName(raw: string): string {
  const name = raw.trim();
  if (!NAME.test(name)) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_NAME, `Connector name ${JSON.stringify(raw)} is not allowed.`, {
      fix: 'Use 1–63 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.',
    });
  }
  return name;
}

const MAX_OWNERS = 50;
const ownerEmail = z.email();

/** Owners as emails, trimmed, lower-cased (emails are matched to people case-insensitively) and without repeats. */
export function parseOwners(raw: readonly string[]): string[] {
  const owners = [...new Set(raw.map((o) => o.trim().toLowerCase()))];
  const bad = owners.find((o) => o.length > 254 || !ownerEmail.safeParse(o).success);
  if (bad !== undefined) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_OWNERS, `Owner ${JSON.stringify(bad)} is not an email address.`, { fix: 'Give each owner as an email address, e.g. alice@example.com.' });
  }
  if (owners.length > MAX_OWNERS) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_OWNERS, `${owners.length} owners were given; a connector has at most ${MAX_OWNERS}.`, { fix: 'Name a group mailbox instead of every person.' });
  }
  return owners;
}

/** A SCIM endpoint and its token come together: one without the other is refused. */
function checkScimPair(config: AwsConnectorConfig, hasToken: boolean): void {
  if (hasToken && !config.scimEndpoint) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, 'A SCIM token was given without a SCIM endpoint.', { fix: 'Give the SCIM endpoint as well (--scim-endpoint).' });
  }
  if (config.scimEndpoint && !hasToken) {
    throw new RrcuError(CONNECTOR_ERRORS.INVALID_CONNECTOR_CONFIG, 'A SCIM endpoint was given without its access token.', { fix: 'Give the token as well (--scim-token-file).' });
  }
}

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
 * after the patch; the External ID never changes (the role's trust policy names it). Removing the SCIM
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
  const config = parseAwsConfig({ ...merged, externalId: record.config.externalId });
  checkEndpoints(config, ctx.endpoints, { connectorName: name, saving: true });
  for (const key of new Set([...Object.keys(record.config), ...Object.keys(config)]) as Set<keyof AwsConnectorConfig>) {
    if (record.config[key] !== config[key]) changed.push(`config.${key}`);
  }

  // The token after the patch: undefined keeps the saved one, null removes it.
  let token = patch.scimToken === undefined ? undefined : patch.scimToken === null ? null : patch.scimToken.trim();
  if (token === '') throw new RrcuError(CONNECTOR_ERRORS.INVALID_SCIM_TOKEN, 'The SCIM token given is empty.', { fix: 'Paste the access token from IAM Identity Center, or send null to remove it.' });
  if (token === undefined && record.config.scimEndpoint && !config.scimEndpoint) token = null;
  if (token === undefined && record.hasScimToken && config.scimEndpoint && config.scimEndpoint !== record.config.scimEndpoint) {
    throw new RrcuError(CONNECTOR_ERRORS.SCIM_TOKEN_REQUIRED, `scimToken: the SCIM endpoint changes from ${record.config.scimEndpoint} to ${config.scimEndpoint}, and the saved token is only ever sent to the endpoint it was saved for.`, {
      fix: 'Give the access token for the new endpoint too (scimToken, or --scim-token-file): IAM Identity Center > Settings > Automatic provisioning > Manage access tokens.',
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

/** Live connectors by name; with `includeArchived`, the archived ones too (after the live ones). */
export async function listConnectors(db: Db, options: { includeArchived?: boolean } = {}): Promise<ConnectorRecord[]> {
  const query = db.select().from(connectors);
  const rows = await (options.includeArchived ? query : query.where(isNull(connectors.archivedAt))).orderBy(sql`${connectors.archivedAt} is not null`, connectors.name, desc(connectors.archivedAt));
  return rows.map(toRecord);
}

/**
 * A connector by id or name, archived or not; NOT_FOUND names the live ones. A name means the live
 * connector of that name, else the archived one that had it; several archived ones ask for the id.
 */
export async function findConnector(db: Db, nameOrId: string): Promise<ConnectorRecord> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nameOrId);
  const rows = await db
    .select()
    .from(connectors)
    .where(isUuid ? or(eq(connectors.id, nameOrId), eq(connectors.name, nameOrId)) : eq(connectors.name, nameOrId))
    .orderBy(sql`${connectors.archivedAt} is not null`, desc(connectors.archivedAt));
  const row = rows.find((r) => r.id === nameOrId) ?? rows.find((r) => r.archivedAt === null) ?? (rows.length === 1 ? rows[0] : undefined);
  if (row) return toRecord(row);
  if (rows.length > 1) {
    throw new RrcuError(COMMON_ERRORS.AMBIGUOUS, `${rows.length} archived connectors were named ${JSON.stringify(nameOrId)}: ${rows.map((r) => `${r.id} (archived ${r.archivedAt!.toISOString()})`).join(', ')}.`, {
      fix: 'Give the id of the one you mean.',
    });
  }
  const names = (await listConnectors(db)).map((c) => c.name);
  throw new RrcuError(CONNECTOR_ERRORS.CONNECTOR_NOT_FOUND, `No connector named ${JSON.stringify(nameOrId)}.`, {
    fix: names.length > 0 ? `Known connectors: ${names.join(', ')}.` : 'Add one with `rrcu connector add aws …`.',
  });
}

/** The connector by id or name, refused (409) when archived: it no longer syncs, provisions or changes. */
export async function liveConnector(db: Db, nameOrId: string): Promise<ConnectorRecord> {
  const record = await findConnector(db, nameOrId);
  if (record.archivedAt) throw connectorArchived(record);
  return record;
}

/** The only live connector, for commands where naming it is optional; otherwise asks for a name. */
export async function soleConnector(db: Db): Promise<ConnectorRecord> {
  const all = await listConnectors(db);
  if (all.length === 1) return all[0]!;
  throw new RrcuError(CONNECTOR_ERRORS.CONNECTOR_REQUIRED, all.length === 0 ? 'There is no connector yet.' : `There are ${all.length} connectors; say which one.`, {
    fix: all.length === 0 ? 'Add one with `rrcu connector add aws …`.' : `Name one of: ${all.map((c) => c.name).join(', ')}.`,
  });
}

/** A connector's secrets, decrypted in memory only. */
export async function connectorSecrets(db: Db, record: Pick<ConnectorRecord, 'id'>, secretKey: string | undefined): Promise<AwsConnectorSecrets> {
  const [row] = await db.select({ sealed: connectors.secretsCiphertext }).from(connectors).where(eq(connectors.id, record.id));
  return row?.sealed ? openSecrets(row.sealed, secretKey) : {};
}

/**
 * Refuses to use a connector that is archived, or whose endpoints this process does not allow (settings
 * saved while RRCU_ALLOW_CUSTOM_ENDPOINTS was on): before any request leaves RRCU.
 */
export function checkUsable(record: ConnectorRecord, endpoints: EndpointPolicy): void {
  if (record.archivedAt) throw connectorArchived(record);
  checkEndpoints(record.config, endpoints, { connectorName: record.name, saving: false });
}

/** The connector ready to sync or provision, its secrets decrypted in memory only. */
export async function openConnector(
  db: Db,
  record: ConnectorRecord,
  options: { secretKey?: string | undefined; endpoints: EndpointPolicy; baseCredentials?: AwsSessionOptions['baseCredentials']; now?: () => number },
): Promise<Connector> {
  checkUsable(record, options.endpoints);
  const secrets = await connectorSecrets(db, record, options.secretKey);
  return createAwsConnector(record.config, {
    ...(secrets.scimToken ? { scimToken: secrets.scimToken } : {}),
    ...(options.baseCredentials ? { baseCredentials: options.baseCredentials } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

function sealSecrets(secrets: AwsConnectorSecrets, secretKey: string | undefined): string | null {
  if (Object.keys(secrets).length === 0) return null;
  if (!secretKey) {
    throw new RrcuError(CONNECTOR_ERRORS.SECRET_KEY_MISSING, 'RRCU_SECRET_KEY is not set, so the SCIM token cannot be stored encrypted.', {
      fix: 'Set RRCU_SECRET_KEY to a random string of 32+ characters (e.g. `openssl rand -base64 48`) and keep it: the token cannot be read without it.',
    });
  }
  return sealSecret(JSON.stringify(secrets), secretKey);
}

function openSecrets(sealed: string, secretKey: string | undefined): AwsConnectorSecrets {
  if (!secretKey) {
    throw new RrcuError(CONNECTOR_ERRORS.SECRET_KEY_MISSING, 'This connector has an encrypted SCIM token, but RRCU_SECRET_KEY is not set.', {
      fix: 'Start RRCU with the RRCU_SECRET_KEY the token was saved with.',
    });
  }
  return awsConnectorSecretsSchema.parse(JSON.parse(openSecret(sealed, secretKey)));
}

function toRecord(row: typeof connectors.$inferSelect): ConnectorRecord {
  return {
    id: row.id,
    kind: 'aws',
    name: row.name,
    owners: row.owners,
    config: awsConnectorConfigSchema.parse(row.config),
    hasScimToken: row.secretsCiphertext !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    archivedAt: row.archivedAt,
    archivedBy: row.archivedBy,
  };
}
