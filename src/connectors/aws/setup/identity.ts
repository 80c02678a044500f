import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsSessionOptions } from '../session/clients.ts';
import type { AwsConnectorConfig } from '../config.ts';

/**
 * The identity RRCU itself runs as (before assuming any connector role), which the trust policy must
 * name. GetCallerIdentity needs no permission, so this only fails without credentials at all.
 */
export async function rrcuIdentity(config: Pick<AwsConnectorConfig, 'region' | 'endpoint'>, baseCredentials?: AwsSessionOptions['baseCredentials']): Promise<string | undefined> {
  const sts = new STSClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    credentials: baseCredentials ?? fromNodeProviderChain(),
    maxAttempts: 2,
  });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } catch {
    return undefined;
  } finally {
    sts.destroy();
  }
}
