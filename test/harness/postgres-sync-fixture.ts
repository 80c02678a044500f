import { randomBytes } from 'node:crypto';
import { startSimulator, type SeedOptions, type Simulator } from '../../src/aws-sim/index.ts';
import type { ConnectorRecord } from '../../src/connectors/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { adminQuery, withDatabase } from './global-setup.ts';
import { createConnectorFor } from '../../harness/aws-connector.ts';

export type PostgresSyncFixture = { sim: Simulator; store: Store; databaseUrl: string; connector: ConnectorRecord; close(): Promise<void> };

/**
 * What the PostgreSQL fault tests of a sync stand on: a simulator without rate limits, a fresh database
 * cloned from the migrated template, a store on it and a connector to the simulator.
 */
export async function openPostgresSyncFixture(
  postgres: { url: string; template: string },
  options: { seed: SeedOptions; poolSize: number; connectorName: string },
): Promise<PostgresSyncFixture> {
  const database = `rrcu_t_${randomBytes(6).toString('hex')}`;
  const sim = await startSimulator({ rateLimits: false, seed: options.seed });
  await adminQuery(postgres.url, `create database ${database} template ${postgres.template}`);
  const databaseUrl = withDatabase(postgres.url, database);
  const store = await openStore({ databaseUrl, migrate: false, poolSize: options.poolSize });
  const connector = await createConnectorFor(store, sim, options.connectorName);
  return {
    sim,
    store,
    databaseUrl,
    connector,
    async close() {
      await store.close();
      await sim.stop();
      await adminQuery(postgres.url, `drop database if exists ${database}`);
    },
  };
}
