import { randomBytes } from 'node:crypto';
import { eq, or } from 'drizzle-orm';
import { recordAuditEvent } from '../audit/index.ts';
import { RrcuError } from '../core/errors.ts';
import { openSecret, sealSecret } from '../core/secret-box.ts';
import type { Db } from '../store/db.ts';
import { connectors } from '../store/schema/index.ts';
import type { AwsSessionOptions } from './aws/clients.ts';
import { awsConnectorConfigSchema, awsConnectorSecretsSchema, createAwsConnector, type AwsConnectorConfig, type AwsConnectorSecrets } from './aws/index.ts';
import type { Connector } from './connector.ts';

export type ConnectorRecord = {
  id: string;
  kind: 'aws';
  name: string;
  config: AwsConnectorConfig;
  /** Secrets are never returned; only whether one is set. */
  hasScimToken: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type CreateConnectorInput = {
  kind: 'aws';
  name: string;
  /** Unvalidated settings; `externalId` is generated when absent. */
  config: Record<string, unknown>;
  secrets?: AwsConnectorSecrets;
};

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
    throw new RrcuError('INVALID_CONNECTOR_CONFIG', `${field}: ${issue.message}${field in raw ? ` (got ${JSON.stringify(raw[field])})` : ''}.`, {
      fix: `Correct ${field} and try again.`,
    });
  }
  const config = parsed.data;
  if (config.crossAccountRoleName && !config.organizations) {
    throw new RrcuError('INVALID_CONNECTOR_CONFIG', 'Cross-account IAM needs Organizations support: member accounts are found through AWS Organizations.', {
      fix: 'Turn on Organizations support (--organizations), or leave out the cross-account role.',
    });
  }
  if (config.scimEndpoint && !config.identityCenterRegion) {
    throw new RrcuError('INVALID_CONNECTOR_CONFIG', 'A SCIM endpoint is set but IAM Identity Center is off.', {
      fix: 'Set the Identity Center region (--identity-center-region) too, or leave out the SCIM endpoint.',
    });
  }
  return config;
}

export async function createConnector(db: Db, input: CreateConnectorInput, ctx: { actor: string; secretKey?: string | undefined }): Promise<ConnectorRecord> {
  const name = input.name.trim();
  if (!NAME.test(name)) {
    throw new RrcuError('INVALID_CONNECTOR_NAME', `Connector name ${JSON.stringify(input.name)} is not allowed.`, {
      fix: 'Use 1–63 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.',
    });
  }
  const config = parseAwsConfig({ ...input.config, externalId: input.config.externalId ?? generateExternalId() });
  const secrets = awsConnectorSecretsSchema.parse(input.secrets ?? {});
  if (secrets.scimToken && !config.scimEndpoint) {
    throw new RrcuError('INVALID_CONNECTOR_CONFIG', 'A SCIM token was given without a SCIM endpoint.', { fix: 'Give the SCIM endpoint as well (--scim-endpoint).' });
  }
  if (config.scimEndpoint && !secrets.scimToken) {
    throw new RrcuError('INVALID_CONNECTOR_CONFIG', 'A SCIM endpoint was given without its access token.', { fix: 'Give the token as well (--scim-token-file).' });
  }
  const sealed = sealSecrets(secrets, ctx.secretKey);
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: connectors.id }).from(connectors).where(eq(connectors.name, name));
    if (existing.length > 0) {
      throw new RrcuError('CONNECTOR_EXISTS', `A connector named ${JSON.stringify(name)} already exists.`, { fix: 'Choose another name, or remove the existing one first.' });
    }
    const [row] = await tx
      .insert(connectors)
      .values({ kind: input.kind, name, config, secretsCiphertext: sealed })
      .returning();
    await recordAuditEvent(tx, { type: 'connector.created', actor: ctx.actor, subject: `connector:${row!.id}`, data: { name, kind: input.kind, config } });
    return toRecord(row!);
  });
}

export async function listConnectors(db: Db): Promise<ConnectorRecord[]> {
  return (await db.select().from(connectors).orderBy(connectors.name)).map(toRecord);
}

/** A connector by name or id; NOT_FOUND names the ones that exist. */
export async function findConnector(db: Db, nameOrId: string): Promise<ConnectorRecord> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nameOrId);
  const [row] = await db
    .select()
    .from(connectors)
    .where(isUuid ? or(eq(connectors.id, nameOrId), eq(connectors.name, nameOrId)) : eq(connectors.name, nameOrId));
  if (row) return toRecord(row);
  const names = (await db.select({ name: connectors.name }).from(connectors)).map((c) => c.name);
  throw new RrcuError('CONNECTOR_NOT_FOUND', `No connector named ${JSON.stringify(nameOrId)}.`, {
    fix: names.length > 0 ? `Known connectors: ${names.join(', ')}.` : 'Add one with `rrcu connector add aws …`.',
  });
}

/** The only connector, for commands where naming it is optional; otherwise asks for a name. */
export async function soleConnector(db: Db): Promise<ConnectorRecord> {
  const all = await listConnectors(db);
  if (all.length === 1) return all[0]!;
  throw new RrcuError('CONNECTOR_REQUIRED', all.length === 0 ? 'There is no connector yet.' : `There are ${all.length} connectors; say which one.`, {
    fix: all.length === 0 ? 'Add one with `rrcu connector add aws …`.' : `Name one of: ${all.map((c) => c.name).join(', ')}.`,
  });
}

export async function removeConnector(db: Db, nameOrId: string, ctx: { actor: string }): Promise<ConnectorRecord> {
  const record = await findConnector(db, nameOrId);
  await db.transaction(async (tx) => {
    // History goes with the connector (cascade); the audit log keeps that it existed and who removed it.
    await tx.delete(connectors).where(eq(connectors.id, record.id));
    await recordAuditEvent(tx, { type: 'connector.removed', actor: ctx.actor, subject: `connector:${record.id}`, data: { name: record.name } });
  });
  return record;
}

/** The connector ready to sync, its secrets decrypted in memory only. */
export async function openConnector(
  db: Db,
  record: ConnectorRecord,
  options: { secretKey?: string | undefined; baseCredentials?: AwsSessionOptions['baseCredentials']; now?: () => number },
): Promise<Connector> {
  const [row] = await db.select({ sealed: connectors.secretsCiphertext }).from(connectors).where(eq(connectors.id, record.id));
  const secrets = row?.sealed ? openSecrets(row.sealed, options.secretKey) : {};
  return createAwsConnector(record.config, {
    ...(secrets.scimToken ? { scimToken: secrets.scimToken } : {}),
    ...(options.baseCredentials ? { baseCredentials: options.baseCredentials } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

function sealSecrets(secrets: AwsConnectorSecrets, secretKey: string | undefined): string | null {
  if (Object.keys(secrets).length === 0) return null;
  if (!secretKey) {
    throw new RrcuError('SECRET_KEY_MISSING', 'RRCU_SECRET_KEY is not set, so the SCIM token cannot be stored encrypted.', {
      fix: 'Set RRCU_SECRET_KEY to a random string of 32+ characters (e.g. `openssl rand -base64 48`) and keep it: the token cannot be read without it.',
    });
  }
  return sealSecret(JSON.stringify(secrets), secretKey);
}

function openSecrets(sealed: string, secretKey: string | undefined): AwsConnectorSecrets {
  if (!secretKey) {
    throw new RrcuError('SECRET_KEY_MISSING', 'This connector has an encrypted SCIM token, but RRCU_SECRET_KEY is not set.', {
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
    config: awsConnectorConfigSchema.parse(row.config),
    hasScimToken: row.secretsCiphertext !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
