/** Opening a connector to sync or provision: refused before any request leaves RRCU when it may not be used. */
import { RrcuError } from '../core/errors.ts';
import { connectorArchived, type Db } from '../store/index.ts';
import { awsConnectorConfigSchema, type AwsConnectorConfig } from './aws/config.ts';
import type { AwsSessionOptions } from './aws/session/clients.ts';
import { createAwsConnector } from './aws/index.ts';
import type { Connector } from './connector.ts';
import { checkEndpoints, type EndpointPolicy } from './endpoint-policy.ts';
import { CONNECTOR_ERRORS } from './errors.ts';
import type { ConnectorRecord } from './records.ts';
import { connectorSecrets } from './secrets.ts';

/** Why a connector whose saved settings today's rules refuse is not used, naming each, and how to correct them. */
export function savedConfigInvalid(record: Pick<ConnectorRecord, 'id' | 'name' | 'configProblems'>): RrcuError {
  const fields = record.configProblems.map((p) => p.field);
  return new RrcuError(CONNECTOR_ERRORS.SAVED_CONFIG_INVALID, `Connector ${record.name} has saved settings that RRCU's rules now refuse: ${record.configProblems.map((p) => `${p.field} ${p.message}`).join('; ')}. Nothing was sent to AWS.`, {
    fix: fields.includes('config.externalId')
      ? `The External ID never changes (the role's trust policy names it): add a new connector, create its role from its setup documents, then archive ${record.name}.`
      : `Edit the connector and save valid ${fields.join(', ')} (web: Connectors › ${record.name} › Edit; API: PATCH /api/connectors/${record.id} with { "config": { … } }): saving checks them, and the connector is usable again.`,
  });
}

/**
 * The connector's settings, refused when today's rules refuse any saved one (SAVED_CONFIG_INVALID): whatever
 * uses them (sync, provisioning, the connection test, the setup documents) needs them whole.
 */
export function usableConfig(record: ConnectorRecord): AwsConnectorConfig {
  if (record.configProblems.length > 0) throw savedConfigInvalid(record);
  // Read from the saved row by the same rules: with no problem, this parse cannot fail.
  return awsConnectorConfigSchema.parse(record.config);
}

/**
 * Refuses to use a connector that is archived, whose saved settings today's rules refuse, or whose
 * endpoints this process does not allow (settings saved while RRCU_ALLOW_CUSTOM_ENDPOINTS was on):
 * before any request leaves RRCU. Answers the settings to use.
 */
export function checkUsable(record: ConnectorRecord, endpoints: EndpointPolicy): AwsConnectorConfig {
  if (record.archivedAt) throw connectorArchived(record);
  const config = usableConfig(record);
  checkEndpoints(config, endpoints, { connectorName: record.name, saving: false });
  return config;
}

/** The connector ready to sync or provision, its secrets decrypted in memory only. */
export async function openConnector(
  db: Db,
  record: ConnectorRecord,
  options: { secretKey?: string | undefined; endpoints: EndpointPolicy; baseCredentials?: AwsSessionOptions['baseCredentials']; now?: () => number },
): Promise<Connector> {
  const config = checkUsable(record, options.endpoints);
  const secrets = await connectorSecrets(db, record, options.secretKey);
  return createAwsConnector(config, {
    ...(secrets.scimToken ? { scimToken: secrets.scimToken } : {}),
    ...(options.baseCredentials ? { baseCredentials: options.baseCredentials } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
