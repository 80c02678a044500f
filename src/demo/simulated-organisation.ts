import { eq, isNull } from 'drizzle-orm';
import { createConnectors, type Simulation } from '../app.ts';
import type { Config } from '../config/index.ts';
import { inlinePolicy } from '../connectors/index.ts';
import { appSettings, connectors, type Store } from '../store/index.ts';

/** The organisation `rrcu start` serves when no AWS account is connected: small enough to sync in seconds, big enough to explore. */
export const DEMO_SEED = { seed: 7, accounts: 8, permissionSets: 6, users: 40, groups: 8, iamUsersPerAccount: 2 } as const;
export const DEMO_CONNECTOR_NAME = 'Simulated organisation';
const SETTING = 'simulation.connectorId';

export type RunningSimulation = Simulation & {
  /** True when this start created the connector (so it has never been synced). */
  created: boolean;
  /** Why the SCIM part of the demo is off, when it is. */
  scimSkipped: string | undefined;
  stop(): Promise<void>;
};

/**
 * Starts the built-in simulator when RRCU has nothing real to look at: no connector at all, or only the
 * simulated one an earlier start created. The simulated world is seeded the same way every time (same
 * accounts, users, keys), so its connector only needs its endpoint pointed at this process's simulator.
 * Returns undefined once a real connector exists and the simulated one was removed (archived): an
 * archived simulated connector stays archived, with its history, and is never revived.
 *
 * The connector's endpoint is this process's own simulator, which RRCU allows whatever
 * RRCU_ALLOW_CUSTOM_ENDPOINTS says (see connectors/endpoint-policy.ts): the demo needs no setting.
 */
export async function startSimulatedOrganisation(store: Store, config: Config, options: { host?: string } = {}): Promise<RunningSimulation | undefined> {
  const [setting] = await store.db.select().from(appSettings).where(eq(appSettings.key, SETTING));
  // Live connectors only: an archived one, simulated or not, neither counts as "something real" nor comes back.
  // Their ids are all this needs; the connector service is built once the simulator's endpoint is known.
  const live = await store.db.select({ id: connectors.id }).from(connectors).where(isNull(connectors.archivedAt));
  const existing = typeof setting?.value === 'string' ? live.find((c) => c.id === setting.value) : undefined;
  if (!existing && live.length > 0) return undefined;

  const { startSimulator } = await import('../aws-sim/index.ts');
  const sim = await startSimulator({ host: options.host ?? '127.0.0.1', port: 0, seed: { ...DEMO_SEED }, assignmentDelayMs: 1500 });
  try {
    const { rrcu, state } = sim.world;
    const ic = state.identityCenter;
    // The SCIM token must be stored encrypted; without a secret key the demo goes without user status.
    const scim = ic && rrcu.scimPath && rrcu.scimToken && config.secretKey ? { endpoint: `${sim.endpoint}${rrcu.scimPath}`, token: rrcu.scimToken } : undefined;
    const credentials = { accessKeyId: rrcu.accessKeyId, secretAccessKey: rrcu.secretAccessKey };
    // Its endpoint is this process's simulator, which the app's connector service will allow too.
    const service = await createConnectors({ config, store, simulation: { endpoint: sim.endpoint, credentials } });
    const settings = {
      roleArn: rrcu.connectorRoleArn,
      organizations: state.organization !== null,
      ...(ic ? { identityCenterRegion: ic.region } : {}),
      ...(state.organization ? { crossAccountRoleName: 'OrganizationAccountAccessRole' } : {}),
      endpoint: sim.endpoint,
      region: sim.region,
    };
    // The demo stands for an organisation set up with RRCU's own setup page, so its role carries the policy that
    // page generates: the guide's lacks the optional reads (permission set policies among them), and the demo
    // would show less than RRCU can — no privileged permission sets, for one.
    const { CONNECTOR_POLICY_NAME, CONNECTOR_ROLE_NAME } = await import('../aws-sim/index.ts');
    state.accounts.get(state.managementAccountId)?.iam.roles.get(CONNECTOR_ROLE_NAME)?.inlinePolicies.set(CONNECTOR_POLICY_NAME, structuredClone(inlinePolicy(settings)));
    let connectorId: string;
    if (existing) {
      await service.update(existing.id, { config: { ...settings, scimEndpoint: scim?.endpoint ?? null }, scimToken: scim?.token ?? null }, 'system');
      connectorId = existing.id;
    } else {
      const created = await service.create(
        {
          kind: 'aws',
          name: DEMO_CONNECTOR_NAME,
          config: { ...settings, externalId: rrcu.externalId, ...(scim ? { scimEndpoint: scim.endpoint } : {}) },
          ...(scim ? { secrets: { scimToken: scim.token } } : {}),
        },
        'system',
      );
      connectorId = created.id;
      await store.db
        .insert(appSettings)
        .values({ key: SETTING, value: connectorId })
        .onConflictDoUpdate({ target: appSettings.key, set: { value: connectorId, updatedAt: new Date() } });
    }
    return {
      endpoint: sim.endpoint,
      credentials,
      connectorId,
      created: !existing,
      scimSkipped: ic && !scim ? 'RRCU_SECRET_KEY is not set, so the SCIM token cannot be stored encrypted: user status (active/disabled) is left out.' : undefined,
      stop: () => sim.stop(),
    };
  } catch (e) {
    await sim.stop();
    throw e;
  }
}
