import { CONNECTOR_ERRORS, type ConnectorService, type Provisioner } from '../connectors/index.ts';
import { RrcuError } from '../core/errors.ts';

/**
 * One provisioner per connector for the life of a worker, so a thousand tasks share one assumed role
 * and one Identity Center lookup instead of each opening its own.
 */
export type ProvisionerPool = {
  get(connectorId: string): Promise<Provisioner>;
  close(): Promise<void>;
};

/** Connectors are found and opened through `connectors`, which holds the secret key, the endpoint policy and the credentials. */
export function createProvisionerPool(connectors: ConnectorService): ProvisionerPool {
  const open = new Map<string, Promise<Provisioner>>();
  return {
    get(connectorId) {
      let provisioner = open.get(connectorId);
      if (!provisioner) {
        provisioner = openProvisioner(connectors, connectorId);
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
export async function openProvisioner(connectors: ConnectorService, connectorId: string): Promise<Provisioner> {
  const record = await connectors.find(connectorId);
  const connector = await connectors.open(record);
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
