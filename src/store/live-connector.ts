import { eq } from 'drizzle-orm';
import { RrcuError } from '../core/errors.ts';
import type { Db } from './db.ts';
import { STORE_ERRORS } from './errors.ts';
import { connectors } from './schema/index.ts';

/** What the archive check reads of a connector (a `ConnectorRecord` or its row). */
type ConnectorLiveness = { id: string; name: string; archivedAt: Date | null };

export function connectorArchived(record: ConnectorLiveness): RrcuError {
  return new RrcuError(STORE_ERRORS.CONNECTOR_ARCHIVED, `Connector ${record.name} (${record.id}) was archived${record.archivedAt ? ` on ${record.archivedAt.toISOString()}` : ''}: it no longer syncs, provisions or changes; its history stays readable.`, {
    fix: 'Use a live connector (`rrcu connector list`), or add the AWS account again as a new connector.',
  });
}

/**
 * Refuses (CONNECTOR_ARCHIVED) unless the connector is live, and keeps it live until `tx` ends: the
 * share lock conflicts with the archive's update of the row, which it takes first. So work written
 * under this lock either commits before an archive starts (and the archive then sees it: a run or task
 * running, rows to close) or waits for the archive and is refused. Every write that lands on a
 * connector's inventory or in its AWS account takes it: sync runs created, resumed and committed,
 * provisioning tasks claimed. Take it before any lock on a run or task row (the archive's order).
 */
export async function lockLiveConnector(tx: Db, connectorId: string): Promise<void> {
  const row = await lockConnectorRow(tx, connectorId);
  if (row?.archivedAt) throw connectorArchived({ id: connectorId, ...row });
}

/** The connector's name and archive time under that share lock, for a caller that ends its work itself when archived. */
export async function lockConnectorRow(tx: Db, connectorId: string): Promise<Pick<ConnectorLiveness, 'name' | 'archivedAt'> | undefined> {
  const [row] = await tx.select({ name: connectors.name, archivedAt: connectors.archivedAt }).from(connectors).where(eq(connectors.id, connectorId)).for('share');
  return row;
}
