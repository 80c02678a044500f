import type { AwsSessionOptions } from '../connectors/aws/session/clients.ts';
import type { AwsConnectorConfig } from '../connectors/aws/index.ts';
import type { Provisioner } from '../connectors/connector.ts';
import { findConnector, openConnector, type EndpointPolicy } from '../connectors/service.ts';
import { RrcuError } from '../core/errors.ts';
import type { Db } from '../store/index.ts';
import { CONNECTOR_ERRORS } from '../connectors/errors.ts';

export type OpenProvisionerOptions = {
  secretKey?: string | undefined;
  /** Which endpoints a connector may send requests to. */
  endpoints: EndpointPolicy;
  baseCredentials?: AwsSessionOptions['baseCredentials'];
  /** Per connector, when connectors differ (the built-in simulator's beside real AWS); wins over `baseCredentials`. */
  credentialsFor?: (config: AwsConnectorConfig) => AwsSessionOptions['baseCredentials'] | undefined;
  now?: () => number;
};

/**
 * One provisioner per connector for the life of a worker, so a thousand tasks share one assumed role
 * and one Identity Center lookup instead of each opening its own.
 */
export type ProvisionerPool = {
  get(connectorId: string): Promise<Provisioner>;
  close(): Promise<void>;
};

export function createProvisionerPool(db: Db, options: OpenProvisionerOptions): ProvisionerPool {
  const open = new Map<string, Promise<Provisioner>>();
  return {
    get(connectorId) {
      let provisioner = open.get(connectorId);
      if (!provisioner) {
        provisioner = openProvisioner(db, connectorId, options);
        // A failed opening (secret key missing, connector removed) is not kept: the next task tries again.
        provisioner.catch(() => open.delete(connectorId));
        open.set(connectorId, provisioner);
      }
      return provisioner;
    },
    async close() {
      const all = [...open.values()];
      open.clear();
      await Promise.all(all.map(async (p) => (await p.catch(() => undefined))?.close()));
    },
  };
}

/** The connector's provisioner, its secrets decrypted in memory only. */
export async function openProvisioner(db: Db, connectorId: string, options: OpenProvisionerOptions): Promise<Provisioner> {
  const record = await findConnector(db, connectorId);
  const baseCredentials = options.credentialsFor?.(record.config) ?? options.baseCredentials;
  const connector = await openConnector(db, record, { ...options, ...(baseCredentials ? { baseCredentials } : {}) });
  try {
    const provisioner = connector.provisioner?.();
    if (!provisioner) {
      throw new RrcuError(CONNECTOR_ERRORS.NOT_PROVISIONABLE, `Connector ${record.name} (${connector.kind}) cannot change access; it only reads it.`, {
        fix: 'Make the change in the source system itself; the next sync records it.',
      });
    }
    return provisioner;
  } finally {
    // The provisioner opens its own session on first use; the connector's was never opened.
    await connector.close();
  }
}
