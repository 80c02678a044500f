/**
 * Shared set-up for tests that drive the simulator through the real AWS SDK clients over HTTP: start
 * a seeded simulator, and build client configs signed with one of its keys.
 */
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
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

const OPERATOR_ROLE = 'SimOperator';

/**
 * An administrator of the management account who is not its root user: AWS refuses AssumeRole to root
 * ("Roles may not be assumed by root accounts."), so tests that reach member accounts through
 * OrganizationAccountAccessRole sign as this role. It is created on first use (allowed everything,
 * trusting the RRCU host user, who assumes it).
 */
export function managementOperator(sim: Simulator): AwsCredentialIdentityProvider {
  const management = sim.world.state.managementAccountId;
  let created: Promise<unknown> | undefined;
  const session = fromTemporaryCredentials({
    params: { RoleArn: `arn:aws:iam::${management}:role/${OPERATOR_ROLE}`, RoleSessionName: 'operator' },
    masterCredentials: { accessKeyId: sim.world.rrcu.accessKeyId, secretAccessKey: sim.world.rrcu.secretAccessKey },
    clientConfig: { region: sim.region, endpoint: sim.endpoint },
  });
  return async () => {
    created ??= createOperatorRole(sim);
    await created;
    return session();
  };
}

async function createOperatorRole(sim: Simulator): Promise<void> {
  if (sim.world.state.accounts.get(sim.world.state.managementAccountId)?.iam.roles.has(OPERATOR_ROLE)) return;
  const iam = new IAMClient(asAdmin(sim));
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: sim.world.rrcu.arn }, Action: 'sts:AssumeRole' }] };
  await iam.send(new CreateRoleCommand({ RoleName: OPERATOR_ROLE, AssumeRolePolicyDocument: JSON.stringify(trust) }));
  const everything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  await iam.send(new PutRolePolicyCommand({ RoleName: OPERATOR_ROLE, PolicyName: 'administrator', PolicyDocument: JSON.stringify(everything) }));
  iam.destroy();
}
