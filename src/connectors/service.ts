/**
 * The connector service: connector records, their secrets and opening them, bound once to the store,
 * RRCU_SECRET_KEY, the endpoint policy and the credentials RRCU calls AWS with. `createApp` builds it;
 * every door, the sync and the provisioner pool take it from there instead of threading the key and
 * the credentials through each call.
 */
import { bindDb, type Db } from '../store/index.ts';
import { archiveConnector, connectorHistoryCounts, purgeConnector, type ArchiveStep, type ConnectorHistoryCounts } from './archive.ts';
import type { AwsConnectorConfig, AwsConnectorSecrets } from './aws/config.ts';
import type { AwsSessionOptions } from './aws/session/clients.ts';
import { connectorSetup, type ConnectorSetup } from './aws/setup/index.ts';
import { testAwsConnection, type ConnectionTestResult } from './aws/setup/test-connection.ts';
import { createConnector, updateConnector, type ConnectorPatch, type CreateConnectorInput } from './changes.ts';
import type { Connector } from './connector.ts';
import { checkEndpoints, type EndpointPolicy } from './endpoint-policy.ts';
import { checkUsable, openConnector, usableConfig } from './open.ts';
import { findConnector, listConnectors, liveConnector, soleConnector, type ConnectorRecord } from './records.ts';
import { connectorSecrets } from './secrets.ts';

export type BaseCredentials = AwsSessionOptions['baseCredentials'];

export type ConnectorServiceDeps = {
  db: Db;
  /** RRCU_SECRET_KEY: seals and opens connector secrets. Without it a connector can have none. */
  secretKey: string | undefined;
  /** Which endpoints a connector may send requests and secrets to. */
  endpoints: EndpointPolicy;
  /** The credentials RRCU calls AWS with for a connector (the built-in simulator's host identity for its endpoint); undefined means the default chain. */
  credentialsFor?: (config: AwsConnectorConfig) => BaseCredentials | undefined;
  /** What sync and provisioning end when a connector is archived, in the archive's transaction (see archive.ts). */
  archiveSteps: readonly ArchiveStep[];
  /** The clock AWS requests are signed with (a simulator's, in tests). */
  now?: () => number;
};

export type ConnectorService = {
  /** The endpoint policy this service enforces. */
  endpoints: EndpointPolicy;
  create(input: CreateConnectorInput, actor: string): Promise<ConnectorRecord>;
  update(nameOrId: string, patch: ConnectorPatch, actor: string): Promise<ConnectorRecord>;
  /** Live connectors by name; with `includeArchived`, the archived ones too (after the live ones). */
  list(options?: { includeArchived?: boolean }): Promise<ConnectorRecord[]>;
  /** By id or name, archived or not; NOT_FOUND names the live ones. */
  find(nameOrId: string): Promise<ConnectorRecord>;
  /** By id or name, refused (409) when archived. */
  live(nameOrId: string): Promise<ConnectorRecord>;
  /** The only live connector, for commands where naming it is optional; otherwise asks for a name. */
  sole(): Promise<ConnectorRecord>;
  /** Refuses a connector that is archived, whose saved settings today's rules refuse, or whose endpoints this process does not allow: before any request leaves RRCU. */
  checkUsable(record: ConnectorRecord): AwsConnectorConfig;
  /** The connector's secrets, decrypted in memory only. */
  secrets(record: Pick<ConnectorRecord, 'id'>): Promise<AwsConnectorSecrets>;
  /** The connector ready to sync or provision (checked usable first), with its secrets and credentials. */
  open(record: ConnectorRecord): Promise<Connector>;
  /** What to create in AWS for the connector (refused while saved settings fail today's rules); naming RRCU's identity calls STS at the connector's endpoint, so it is checked first. */
  setup(record: ConnectorRecord): Promise<ConnectorSetup>;
  /** "Test connection": the cheapest real call of each read action the connector uses. */
  test(record: ConnectorRecord): Promise<ConnectionTestResult>;
  archive(nameOrId: string, actor: string): Promise<ConnectorRecord>;
  purge(nameOrId: string, input: { confirm: string }, actor: string): Promise<{ connector: ConnectorRecord; erased: ConnectorHistoryCounts }>;
  /** How many rows of each kind a connector holds: what purging it would erase. */
  historyCounts(connectorId: string): Promise<ConnectorHistoryCounts>;
};

export function createConnectorService(deps: ConnectorServiceDeps): ConnectorService {
  const { db, secretKey, endpoints } = deps;
  const change = (actor: string) => ({ actor, secretKey, endpoints });
  const credentialsOf = (config: AwsConnectorConfig) => deps.credentialsFor?.(config);
  return {
    endpoints,
    create: (input, actor) => createConnector(db, input, change(actor)),
    update: (nameOrId, patch, actor) => updateConnector(db, nameOrId, patch, change(actor)),
    list: bindDb(db, listConnectors),
    find: bindDb(db, findConnector),
    live: bindDb(db, liveConnector),
    sole: bindDb(db, soleConnector),
    checkUsable: (record) => checkUsable(record, endpoints),
    secrets: (record) => connectorSecrets(db, record, secretKey),
    async open(record) {
      const baseCredentials = credentialsOf(usableConfig(record));
      return openConnector(db, record, { secretKey, endpoints, ...(baseCredentials ? { baseCredentials } : {}), ...(deps.now ? { now: deps.now } : {}) });
    },
    setup(record) {
      const config = usableConfig(record);
      checkEndpoints(config, endpoints, { connectorName: record.name, saving: false });
      return connectorSetup(config, credentialsOf(config));
    },
    async test(record) {
      const config = checkUsable(record, endpoints);
      const { scimToken } = await connectorSecrets(db, record, secretKey);
      return testAwsConnection(config, { scimToken, baseCredentials: credentialsOf(config) });
    },
    archive: (nameOrId, actor) => archiveConnector(db, nameOrId, { actor, steps: deps.archiveSteps }),
    purge: (nameOrId, input, actor) => purgeConnector(db, nameOrId, input, { actor }),
    historyCounts: bindDb(db, connectorHistoryCounts),
  };
}
