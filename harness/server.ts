/**
 * The whole app over HTTP, wired as `rrcu start` wires it: the composition root on a fresh store, the
 * server on it (inject or listen), optionally the AWS simulator with a connector to it. Callers act as a
 * role through a real API token (`as(role)`), so every request goes through authentication and RBAC.
 */
import { startSimulator, type SeedOptions, type Simulator } from '../src/aws-sim/index.ts';
import { createApp, type App } from '../src/app.ts';
import { configSchema, type Config } from '../src/config/index.ts';
import type { ConnectorRecord } from '../src/connectors/index.ts';
import type { AppRole } from '../src/identity/index.ts';
import { createServer, type RouteInfo } from '../src/server/app.ts';
import type { ServerApp } from '../src/server/server-app.ts';
import type { Store } from '../src/store/index.ts';
import { baseCredentialsOf, createConnectorFor, SECRET_KEY } from './aws-connector.ts';

export { SECRET_KEY };

export type TestServer = {
  app: App;
  server: ServerApp;
  routes: RouteInfo[];
  store: Store;
  sim: Simulator | undefined;
  /** The connector to the simulator, when one was asked for. */
  connector: ConnectorRecord | undefined;
  /** Headers of a caller with `role` (a fresh API token per role, created once). */
  as(role: AppRole): Promise<{ authorization: string }>;
  close(): Promise<void>;
};

export type TestServerOptions = {
  /** Start the simulator with this seed and a connector to it, marked as the simulated demo organisation. */
  sim?: SeedOptions;
  config?: Partial<Config>;
  /** Turn the server's log on, into this stream (to read what it logged). */
  logStream?: { write(line: string): void };
  /** Run the job workers in this process (syncs, provisioning). */
  workers?: boolean;
  webRoot?: string;
};

/**
 * Settings for tests: in memory, with a secret key, no sync schedule (a tick would add syncs no test
 * asked for), and custom endpoints allowed (tests point connectors at simulators).
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...configSchema.parse({ dataDir: 'memory://', secretKey: SECRET_KEY, syncSchedule: 'off', allowCustomEndpoints: true }), ...overrides };
}

export async function startTestServer(store: Store, options: TestServerOptions = {}): Promise<TestServer> {
  const sim = options.sim ? await startSimulator({ rateLimits: false, assignmentDelayMs: 0, seed: options.sim }) : undefined;
  const connector = sim ? await createConnectorFor(store, sim, `sim-${Math.random().toString(36).slice(2, 8)}`) : undefined;
  const app = await createApp({
    config: testConfig(options.config),
    store,
    simulation: sim && connector ? { endpoint: sim.endpoint, credentials: baseCredentialsOf(sim), connectorId: connector.id } : undefined,
  });
  if (options.workers) await app.startWorkers();
  const { server, routes } = await createServer(app, {
    ...(options.webRoot ? { webRoot: options.webRoot } : { webRoot: '/nonexistent' }),
    ...(options.logStream ? { logger: true, logStream: options.logStream } : {}),
  });
  await server.ready();
  const tokens = new Map<AppRole, string>();
  return {
    app,
    server,
    routes,
    store,
    sim,
    connector,
    async as(role) {
      let token = tokens.get(role);
      if (!token) {
        token = (await app.identity.createApiToken({ name: `test ${role}`, role }, { actor: 'system', userId: null })).token;
        tokens.set(role, token);
      }
      return { authorization: `Bearer ${token}` };
    },
    async close() {
      await server.close();
      await app.stop();
      await sim?.stop();
    },
  };
}
