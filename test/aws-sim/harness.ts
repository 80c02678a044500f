/**
 * Shared set-up for tests that drive the simulator through the real AWS SDK clients over HTTP: start
 * a seeded simulator, and build client configs signed with one of its keys.
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import { startSimulator } from '../../src/aws-sim/index.ts';
import type { Simulator, SimulatorOptions } from '../../src/aws-sim/index.ts';

export type ClientConfig = {
  region: string;
  endpoint: string;
  credentials: AwsCredentialIdentity | (() => Promise<AwsCredentialIdentity>);
  retryMode?: string;
  maxAttempts?: number;
};

/** A simulator without rate limits unless asked for, so tests are not throttled by their own speed. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ rateLimits: false, assignmentDelayMs: 0, createAccountDelayMs: 0, ...options });
}

export function clientConfig(sim: Simulator, credentials: ClientConfig['credentials'], extra: Partial<ClientConfig> = {}): ClientConfig {
  return { region: sim.region, endpoint: sim.endpoint, credentials, maxAttempts: 1, ...extra };
}

/** Signed as the RRCU host user (the identity RRCU runs as). */
export function asRrcu(sim: Simulator, extra: Partial<ClientConfig> = {}): ClientConfig {
  const { accessKeyId, secretAccessKey } = sim.world.rrcu;
  return clientConfig(sim, { accessKeyId, secretAccessKey }, extra);
}

/** Signed with the management account's root key. */
export function asAdmin(sim: Simulator, extra: Partial<ClientConfig> = {}): ClientConfig {
  return clientConfig(sim, { ...sim.world.admin }, extra);
}
