import type { AwsSessionOptions } from '../session/clients.ts';
import type { AwsConnectorConfig } from '../config.ts';
import { cloudFormationTemplate } from './cloudformation.ts';
import { inlinePolicy, type PolicyDocument } from './inline-policy.ts';
import { rrcuIdentity } from './identity.ts';
import { terraformModule } from './terraform.ts';
import { trustPolicy, trustedPrincipalFor, type TrustPolicy } from './trust-policy.ts';

export { inlinePolicy } from './inline-policy.ts';
export { trustPolicy, trustedPrincipalFor } from './trust-policy.ts';

export type SetupDocuments = {
  externalId: string;
  /** The identity RRCU runs as, which the trust policy names. */
  trustedPrincipal: string;
  trustPolicy: TrustPolicy;
  inlinePolicy: PolicyDocument;
  terraform: string;
  cloudFormation: string;
};

/** Everything the setup guide asks a user to paste, for one connector. */
export function setupDocuments(config: AwsConnectorConfig, callerArn: string, roleName = 'RRCUIntegration'): SetupDocuments {
  const trustedPrincipal = trustedPrincipalFor(callerArn);
  const trust = trustPolicy(trustedPrincipal, config.externalId);
  const policy = inlinePolicy(config);
  return {
    externalId: config.externalId,
    trustedPrincipal,
    trustPolicy: trust,
    inlinePolicy: policy,
    terraform: terraformModule({ roleName, trust, policy }),
    cloudFormation: cloudFormationTemplate({ roleName, trust, policy }),
  };
}

/** Named in the trust policy when RRCU cannot tell who it runs as (no credentials): the user replaces it. */
export const UNKNOWN_IDENTITY = 'arn:aws:iam::RRCU_ACCOUNT_ID:role/RRCU_RUNS_AS';

export type ConnectorSetup = SetupDocuments & { identity: string | undefined };

/**
 * The setup documents trusting the identity RRCU runs as (asked of AWS), or the placeholder when it cannot
 * tell; `identity` says which.
 */
export async function connectorSetup(config: AwsConnectorConfig, baseCredentials?: AwsSessionOptions['baseCredentials']): Promise<ConnectorSetup> {
  const identity = await rrcuIdentity(config, baseCredentials);
  return { ...setupDocuments(config, identity ?? UNKNOWN_IDENTITY), identity };
}
