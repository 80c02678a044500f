/**
 * RRCU provisioning against the AWS simulator, wired as production wires it: a connector created with
 * its encrypted SCIM token, synced through the real connector, the job engine on the store, workers
 * with a provisioner pool opened from the stored connector.
 */
import { startSimulator, type SeedOptions, type Simulator, type SimulatorOptions } from '../src/aws-sim/index.ts';
import { createConnectorService, type ConnectorRecord, type ConnectorService } from '../src/connectors/index.ts';
import { startJobEngine, type JobEngine } from '../src/jobs/index.ts';
import { ARCHIVE_STEPS } from '../src/app.ts';
import {
  createProvisionerPool,
  createProvisioningService,
  PROVISIONING_QUEUE_SPECS,
  startProvisioningWorkers,
  type ProvisionerPool,
  type ProvisioningService,
} from '../src/provisioning/index.ts';
import type { Store } from '../src/store/index.ts';
import { syncConnector, type SyncOutcome } from '../src/sync/index.ts';
import { configFor } from './sim-session.ts';

export const SECRET_KEY = 'provisioning-test-secret-key-0123456789';
/** Tests talk to the simulator, as a deployment with RRCU_ALLOW_CUSTOM_ENDPOINTS=true does. */
export const TEST_ENDPOINTS = { allowCustomEndpoints: true } as const;

export type AwsWorld = {
  sim: Simulator;
  connector: ConnectorRecord;
  engine: JobEngine;
  pool: ProvisionerPool;
  service: ProvisioningService;
  sync(): Promise<SyncOutcome>;
  stop(): Promise<void>;
};

export const baseCredentialsOf = (sim: Simulator) => ({ accessKeyId: sim.world.rrcu.accessKeyId, secretAccessKey: sim.world.rrcu.secretAccessKey });

/** The connector service as createApp builds it, calling the simulator as RRCU's host identity, on its clock. */
export function connectorsFor(store: Store, sim: Simulator): ConnectorService {
  return createConnectorService({
    db: store.db,
    secretKey: SECRET_KEY,
    endpoints: TEST_ENDPOINTS,
    credentialsFor: () => baseCredentialsOf(sim),
    archiveSteps: ARCHIVE_STEPS,
    now: () => sim.now(),
  });
}

export async function createConnectorFor(store: Store, sim: Simulator, name: string): Promise<ConnectorRecord> {
  const { scimToken } = sim.world.rrcu;
  return connectorsFor(store, sim).create({ kind: 'aws', name, config: configFor(sim), ...(scimToken ? { secrets: { scimToken } } : {}) }, 'cli:test');
}

/** Syncs the connector from the simulator in this process, as the CLI does, through `connectorsFor`. */
export function syncFromSim(store: Store, sim: Simulator, connector: ConnectorRecord): Promise<SyncOutcome> {
  return syncConnector(store.db, connectorsFor(store, sim), connector, { actor: 'cli:test' });
}

export async function startAwsWorld(store: Store, seed: SeedOptions, simOptions: Omit<SimulatorOptions, 'seed'> = {}): Promise<AwsWorld> {
  const sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 0, ...simOptions, seed });
  const connector = await createConnectorFor(store, sim, `aws-${Math.random().toString(36).slice(2, 8)}`);
  const engine = await startJobEngine(store, { queues: PROVISIONING_QUEUE_SPECS });
  const connectors = connectorsFor(store, sim);
  const pool = createProvisionerPool(connectors);
  await startProvisioningWorkers(engine, { db: store.db, provisioners: pool }, { pollingIntervalSeconds: 0.5 });
  const world: AwsWorld = {
    sim,
    connector,
    engine,
    pool,
    service: createProvisioningService({ db: store.db, jobs: engine, provisioners: pool, connectors }),
    sync: () => syncFromSim(store, sim, connector),
    async stop() {
      await engine.stop({ graceful: false });
      await pool.close();
      await sim.stop();
    },
  };
  await world.sync();
  return world;
}

/** The simulator's account-assignment operations, and the most that were ever in progress at once. */
export function assignmentOperations(sim: Simulator) {
  const ops = [...(sim.world.state.identityCenter?.operations.values() ?? [])].filter((o) => o.kind !== 'PROVISION');
  const edges = ops.flatMap((o) => [
    { at: o.createdDate.getTime(), d: 1 },
    { at: o.completesAt, d: -1 },
  ]);
  // Ends before starts at the same instant: an operation done at t frees its slot for one starting at t.
  edges.sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let maxInFlight = 0;
  for (const e of edges) maxInFlight = Math.max(maxInFlight, (now += e.d));
  return { ops, maxInFlight };
}
