/**
 * The AWS simulator: `startSimulator()` seeds (or takes) a world and serves it on one local endpoint
 * that the real `@aws-sdk/client-*` clients reach through an `endpoint` override. The returned handle
 * controls time, faults and rate limits, as the `/_sim/` admin API does over HTTP.
 */
import type { AddressInfo } from 'node:net';
import type { AdminApi } from './admin.ts';
import { faultsOf } from './faults.ts';
import type { FaultSpec } from './faults.ts';
import { exportGroundTruth } from './ground-truth.ts';
import { RateLimiter } from './rate-limit.ts';
import type { RateLimitConfig } from './rate-limit.ts';
import { seedWorld } from './seed.ts';
import type { SeedOptions } from './seed.ts';
import type { SimWorld } from './state.ts';
import { SimClock, createSimulatorServer } from './server.ts';
import { identityStoreService } from './services/identitystore/index.ts';
import { iamService } from './services/iam/index.ts';
import { organizationsService } from './services/organizations/index.ts';
import { handleScimRequest } from './services/scim.ts';
import { ssoAdminService } from './services/sso-admin/index.ts';
import { stsService } from './services/sts.ts';

export type { FaultKind, FaultSpec } from './faults.ts';
export { takeAssignmentFailure } from './faults.ts';
export type { RateLimit, RateLimitConfig, RateLimitFamily } from './rate-limit.ts';
export { seedWorld, CONNECTOR_POLICY_NAME, CONNECTOR_ROLE_NAME, type SeedOptions } from './seed.ts';
export { exportFixture, worldFromFixture } from './fixture.ts';
export { SimFixtureError } from './errors.ts';
export type { IamGroup, IamUser, IdentityCenter, SimAccount, SimState, SimWorld } from './state.ts';
export { exportGroundTruth, type GroundTruth } from './ground-truth.ts';
export { MAX_OPERATIONS_IN_PROGRESS } from './assignment-operations.ts';
export { iamDetailStatement, referenceInlinePolicy } from './reference-policies.ts';
export { evaluate as evaluateIdentityPolicies } from './policy.ts';
export { trustRelationships, type TrustRelationship } from './ground-truth-trust.ts';
export { CREDENTIAL_REPORT_COLUMNS } from './services/iam/credential-report.ts';
export { ENTERPRISE_EXTENSION } from './services/identitystore/common.ts';

export type SimulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** A world to serve; otherwise one is seeded from `seed`. */
  world?: SimWorld;
  seed?: SeedOptions;
  /** `false` turns throttling off; an object overrides the per-family defaults of rate-limit.ts. */
  rateLimits?: boolean | RateLimitConfig;
  /** Added to every AWS call. */
  latencyMs?: number;
  /** How long account assignments and permission-set provisioning stay IN_PROGRESS (default 1000). */
  assignmentDelayMs?: number;
  /** How long Organizations CreateAccount stays IN_PROGRESS (default 2000). */
  createAccountDelayMs?: number;
  /** Check SigV4 signatures (default true); off only for clients that cannot sign. */
  verifySignatures?: boolean;
};

export type Simulator = {
  /** `http://127.0.0.1:<port>`: the `endpoint` for every client. */
  endpoint: string;
  /** The region clients should use: the Identity Center instance's (us-east-1 when there is none). */
  region: string;
  world: SimWorld;
  stop(): Promise<void>;
  injectFault(spec: FaultSpec | FaultSpec[]): void;
  clearFaults(): void;
  /** Moves simulated time forward (expiring sessions, completing asynchronous operations). */
  advanceClock(ms: number): Date;
  setRateLimits(config: boolean | RateLimitConfig): void;
  /** The simulated time, ms since the epoch. */
  now(): number;
};

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const world = options.world ?? seedWorld(options.seed);
  const { state } = world;
  const clock = new SimClock();
  const faults = faultsOf(state);
  const rateLimiter = new RateLimiter(options.rateLimits ?? true);
  const admin: AdminApi = {
    injectFault: (spec) => (Array.isArray(spec) ? spec : [spec]).forEach((s) => faults.inject(s)),
    clearFaults: () => faults.clear(),
    listFaults: () => faults.list(),
    groundTruth: () => exportGroundTruth(state),
    advanceClock: (ms) => {
      clock.advance(ms);
      return new Date(clock.now());
    },
    setRateLimits: (config) => rateLimiter.configure(config),
    rateLimits: () => rateLimiter.current(),
  };
  const server = createSimulatorServer({
    state,
    services: { sts: stsService, iam: iamService, organizations: organizationsService, identitystore: identityStoreService, sso: ssoAdminService },
    scim: handleScimRequest,
    faults,
    rateLimiter,
    clock,
    handlerOptions: { assignmentDelayMs: options.assignmentDelayMs ?? 1000, createAccountDelayMs: options.createAccountDelayMs ?? 2000 },
    latencyMs: options.latencyMs ?? 0,
    verifySignatures: options.verifySignatures ?? true,
    admin,
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${port}`,
    region: state.identityCenter?.region ?? 'us-east-1',
    world,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of SDK clients would otherwise hold close() open.
        server.closeAllConnections();
      }),
    injectFault: admin.injectFault,
    clearFaults: admin.clearFaults,
    advanceClock: admin.advanceClock,
    setRateLimits: admin.setRateLimits,
    now: () => clock.now(),
  };
}
export { createRng, type Rng } from './random.ts';
