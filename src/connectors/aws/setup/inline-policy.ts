import { AWS_ACTIONS, type ActionSpec } from '../actions.ts';
import type { AwsConnectorConfig } from '../config.ts';

export type PolicyStatement = { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string | string[] };
export type PolicyDocument = { Version: '2012-10-17'; Statement: PolicyStatement[] };

type Features = Pick<AwsConnectorConfig, 'organizations' | 'identityCenterRegion' | 'crossAccountRoleName'>;

/** Whether the connector, configured with `features`, ever calls the action. */
export function actionInUse(spec: ActionSpec, features: Features): boolean {
  const service = spec.action.split(':')[0];
  if (service === 'organizations') return features.organizations;
  if (service === 'sso' || service === 'identitystore') return features.identityCenterRegion !== undefined;
  if (spec.use === 'cross-account') return features.crossAccountRoleName !== undefined;
  // Only assignments into the management account need these, and only Identity Center makes them.
  if (spec.use === 'management-account-provisioning') return features.identityCenterRegion !== undefined;
  return true;
}

/** The actions the connector, configured with `features`, ever calls. */
export function actionsInUse(features: Features): ActionSpec[] {
  return AWS_ACTIONS.filter((spec) => actionInUse(spec, features));
}

/**
 * The least-privilege inline policy for the connector role, generated from the actions the connector
 * calls (actions.ts) and trimmed to the features configured. The statements follow the setup guide's
 * layout; optional detail comes in its own statement, which may be removed at the cost of that detail.
 */
export function inlinePolicy(features: Features): PolicyDocument {
  const specs = actionsInUse(features);
  const statement = (Sid: string, pick: (s: ActionSpec) => boolean, Resource: string): PolicyStatement | undefined => {
    const actions = [...new Set(specs.filter(pick).map((s) => s.action))].sort();
    return actions.length > 0 ? { Sid, Effect: 'Allow', Action: actions, Resource } : undefined;
  };
  const everywhere = (s: ActionSpec) => s.resource === undefined;
  const statements = [
    statement('RRCUReadAccess', (s) => s.use === 'sync' && s.required && everywhere(s), '*'),
    statement('RRCUProvisionAccess', (s) => s.use === 'provision' && s.required && everywhere(s), '*'),
    statement('AccessToSSOProvisionedRoles', (s) => s.use === 'management-account-provisioning' && s.resource?.includes(':role/') === true, '*'),
    statement('IAMListPermissions', (s) => s.use === 'management-account-provisioning' && everywhere(s), '*'),
    statement('AccessToSSOSAMLProviders', (s) => s.use === 'management-account-provisioning' && s.resource?.includes('saml-provider') === true, '*'),
    statement('RRCUOptionalDetail', (s) => !s.required && everywhere(s), '*'),
    statement('RRCUCrossAccountIAM', (s) => s.use === 'cross-account', '*'),
  ];
  // Statements with a narrower Resource take it from their actions' declared resource.
  const resources: Record<string, string> = {
    AccessToSSOProvisionedRoles: resourceOf(specs, (s) => s.resource?.includes(':role/') === true && s.use === 'management-account-provisioning'),
    AccessToSSOSAMLProviders: resourceOf(specs, (s) => s.resource?.includes('saml-provider') === true),
    RRCUCrossAccountIAM: `arn:aws:iam::*:role/${features.crossAccountRoleName ?? ''}`,
  };
  return {
    Version: '2012-10-17',
    Statement: statements.filter((s): s is PolicyStatement => s !== undefined).map((s) => (resources[s.Sid] ? { ...s, Resource: resources[s.Sid]! } : s)),
  };
}

function resourceOf(specs: readonly ActionSpec[], pick: (s: ActionSpec) => boolean): string {
  return specs.find(pick)?.resource ?? '*';
}
