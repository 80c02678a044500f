/** Connector records as the rest of RRCU reads them: by id or name, live or archived. Secrets never leave as such. */
import { desc, eq, isNull, or, sql } from 'drizzle-orm';
import { COMMON_ERRORS, RrcuError } from '../core/errors.ts';
import { connectorArchived, connectors, type Db } from '../store/index.ts';
import { CONNECTOR_ERRORS } from './errors.ts';
import { readStoredConfig, type ConfigProblem, type StoredAwsConfig } from './validation.ts';

export type ConnectorRecord = {
  id: string;
  kind: 'aws';
  name: string;
  /** Who answers for this connector (emails). */
  owners: string[];
  /** The settings as saved, read leniently: what today's rules refuse is in `configProblems` (validation.ts, readStoredConfig). */
  config: StoredAwsConfig;
  /** Saved settings today's rules refuse; while any is left the connector lists but does not sync, provision or test (open.ts, usableConfig). */
  configProblems: ConfigProblem[];
  /** Secrets are never returned; only whether one is set. */
  hasScimToken: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** When it was archived (removed): no more syncs or provisioning, its history kept. Null while live. */
  archivedAt: Date | null;
  archivedBy: string | null;
};

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

export function toRecord(row: typeof connectors.$inferSelect): ConnectorRecord {
  const { config, problems } = readStoredConfig(row.config);
  return {
    id: row.id,
    kind: 'aws',
    name: row.name,
    owners: row.owners,
    config,
    configProblems: problems,
    hasScimToken: row.secretsCiphertext !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    archivedAt: row.archivedAt,
    archivedBy: row.archivedBy,
  };
}
