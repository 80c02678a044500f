/**
 * Credentials of the connector role, obtained as RRCU obtains them: the RRCU host user assumes the
 * role in the management account with the External ID, through the simulator's STS.
 */
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { Simulator } from '../../src/aws-sim/index.ts';
import { clientConfig, type ClientConfig } from './aws-sim.ts';

export function connectorCredentials(sim: Simulator, roleArn = sim.world.rrcu.connectorRoleArn, externalId: string | undefined = sim.world.rrcu.externalId) {
  const { accessKeyId, secretAccessKey } = sim.world.rrcu;
  return fromTemporaryCredentials({
    params: { RoleArn: roleArn, RoleSessionName: 'rrcu-test', ExternalId: externalId, DurationSeconds: 3600 },
    masterCredentials: { accessKeyId, secretAccessKey },
    clientConfig: { region: sim.region, endpoint: sim.endpoint },
  });
}

/** Signed as the connector role (assumed with the External ID). */
export function asConnector(sim: Simulator, extra: Partial<ClientConfig> = {}): ClientConfig {
  return clientConfig(sim, connectorCredentials(sim), extra);
}
