/**
 * An AwsSession on a freshly seeded simulator, built as RRCU builds it in production: the RRCU host
 * user's keys as base credentials, the connector role assumed with the External ID, every setting the
 * setup guide asks for filled from the simulated world. Tests that need a second session on the same
 * simulator (another role, another setting) call `sessionFor`.
 */
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { startSimulator, type SeedOptions, type Simulator, type SimulatorOptions } from '../src/aws-sim/index.ts';
import { createAwsSession, type AwsConnectorConfig, type AwsSession, type AwsSessionOptions, type SyncContext, type SyncWarning } from '../src/connectors/index.ts';

export type SimSession = { sim: Simulator; session: AwsSession; close(): Promise<void> };

/** The connector settings a user following the setup guide would save for this simulated world. */
export function configFor(sim: Simulator, overrides: Partial<AwsConnectorConfig> = {}): AwsConnectorConfig {
  const { state } = sim.world;
  const ic = state.identityCenter;
  return {
    roleArn: sim.world.rrcu.connectorRoleArn,
    externalId: sim.world.rrcu.externalId,
    organizations: state.organization !== null,
    ...(ic ? { identityCenterRegion: ic.region, scimEndpoint: `${sim.endpoint}${sim.world.rrcu.scimPath}` } : {}),
    ...(state.organization ? { crossAccountRoleName: 'OrganizationAccountAccessRole' } : {}),
    endpoint: sim.endpoint,
    region: sim.region,
    ...overrides,
  };
}

/** A session on `sim` signed first as the RRCU host user, on the simulator's clock. */
export function sessionFor(sim: Simulator, configOverrides: Partial<AwsConnectorConfig> = {}, sessionOptions: AwsSessionOptions = {}): Promise<AwsSession> {
  const { accessKeyId, secretAccessKey, scimToken } = sim.world.rrcu;
  return createAwsSession(configFor(sim, configOverrides), {
    baseCredentials: { accessKeyId, secretAccessKey },
    ...(scimToken ? { scimToken } : {}),
    // Few attempts keep failing tests fast; throttling tests raise it.
    maxAttempts: 3,
    now: () => sim.now(),
    ...sessionOptions,
  });
}

/** Starts a simulator (no rate limits, instant assignments unless `simOptions` says otherwise) and a session on it. */
export async function simSession(
  seed: SeedOptions = {},
  configOverrides: Partial<AwsConnectorConfig> = {},
  simOptions: Omit<SimulatorOptions, 'seed'> = {},
  sessionOptions: AwsSessionOptions = {},
): Promise<SimSession> {
  const sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 0, createAccountDelayMs: 0, ...simOptions, seed });
  try {
    const session = await sessionFor(sim, configOverrides, sessionOptions);
    return {
      sim,
      session,
      close: async () => {
        session.close();
        await sim.stop();
      },
    };
  } catch (error) {
    await sim.stop();
    throw error;
  }
}

/** A SyncContext that records what a syncer reports, for assertions. */
export function recordingContext(done: readonly string[] = []) {
  const warnings: SyncWarning[] = [];
  const progress: { stage: string; detail?: string }[] = [];
  const ctx: SyncContext = {
    isDone: (marker) => done.includes(marker),
    warn: (warning) => warnings.push(warning),
    progress: (update) => progress.push(update),
  };
  return { ctx, warnings, progress };
}

/** Runs a syncer to the end: everything it yielded, and what it returned. */
export async function drain<T, R>(generator: AsyncGenerator<T, R>): Promise<{ items: T[]; result: R }> {
  const items: T[] = [];
  for (;;) {
    const next = await generator.next();
    if (next.done) return { items, result: next.value };
    items.push(next.value);
  }
}

/**
 * Grants the connector role optional actions beyond the setup guide's policy, as a user acting on a
 * sync warning's fix would: a second inline policy, put through the IAM API with the administrator's key.
 */
export async function allowOptionalActions(sim: Simulator, actions: readonly string[]): Promise<void> {
  const iam = new IAMClient({ region: sim.region, endpoint: sim.endpoint, credentials: { ...sim.world.admin }, maxAttempts: 1 });
  try {
    const policy = { Version: '2012-10-17', Statement: [{ Sid: 'RRCUOptionalDetail', Effect: 'Allow', Action: [...actions], Resource: '*' }] };
    const roleName = sim.world.rrcu.connectorRoleArn.split('/').pop() ?? '';
    await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'RRCUOptionalDetail', PolicyDocument: JSON.stringify(policy) }));
  } finally {
    iam.destroy();
  }
}
