/** Opening a connector to sync or provision: refused before any request leaves RRCU when it may not be used. */
import { connectorArchived, type Db } from '../store/index.ts';
import type { AwsSessionOptions } from './aws/session/clients.ts';
import { createAwsConnector } from './aws/index.ts';
import type { Connector } from './connector.ts';
import { checkEndpoints, type EndpointPolicy } from './endpoint-policy.ts';
import type { ConnectorRecord } from './records.ts';
import { connectorSecrets } from './secrets.ts';

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
