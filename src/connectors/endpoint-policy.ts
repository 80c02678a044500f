/**
 * Where a connector may send what RRCU holds. The AWS endpoint override receives every signed request
 * (and, once the role is assumed, its session token in a header); the SCIM endpoint receives the stored
 * bearer token. A real deployment sends them to AWS only. RRCU_ALLOW_CUSTOM_ENDPOINTS opens other hosts
 * (a simulator, LocalStack); the built-in simulator that `rrcu start` serves from its own process is
 * always allowed, so the demo works without opening every host to every Connector Administrator.
 */
import { RrcuError } from '../core/errors.ts';
import type { AwsConnectorConfig } from './aws/config.ts';
import { isAwsScimEndpoint } from './aws/sync/scim.ts';
import { CONNECTOR_ERRORS } from './errors.ts';

export type EndpointPolicy = {
  /** RRCU_ALLOW_CUSTOM_ENDPOINTS. */
  allowCustomEndpoints: boolean;
  /** The endpoint of the simulator this process serves, when it serves one. */
  simulatorEndpoint?: string | undefined;
};

const onSimulator = (url: string, policy: EndpointPolicy): boolean =>
  policy.simulatorEndpoint !== undefined && (url === policy.simulatorEndpoint || url.startsWith(`${policy.simulatorEndpoint}/`));

/**
 * Refuses settings that would send requests or the SCIM token to a host other than AWS's, unless the
 * policy allows it. `saving` names the field (a 400 on create/update); otherwise the connector is being
 * used (sync, provisioning, test) with settings saved while the setting was on.
 */
export function checkEndpoints(config: Pick<AwsConnectorConfig, 'endpoint' | 'scimEndpoint'>, policy: EndpointPolicy, use: { connectorName: string; saving: boolean }): void {
  if (policy.allowCustomEndpoints) return;
  const fix = (field: string) =>
    use.saving
      ? `Leave ${field} out to use AWS itself. Only a deployment that talks to a simulator (or LocalStack) may set RRCU_ALLOW_CUSTOM_ENDPOINTS=true to allow it.`
      : `Remove ${field} from connector ${use.connectorName} (its settings, or PATCH /api/connectors/:id with { "config": { "${field.replace('config.', '')}": null } }) to use AWS itself, or set RRCU_ALLOW_CUSTOM_ENDPOINTS=true if this deployment talks to a simulator.`;
  const refused = (field: string, url: string, what: string) =>
    new RrcuError(
      CONNECTOR_ERRORS.CUSTOM_ENDPOINT_NOT_ALLOWED,
      use.saving
        ? `${field}: ${url} is not ${what}, and this RRCU does not allow custom endpoints (RRCU_ALLOW_CUSTOM_ENDPOINTS is off).`
        : `Connector ${use.connectorName} has ${field} ${url}, which is not ${what}, and this RRCU does not allow custom endpoints (RRCU_ALLOW_CUSTOM_ENDPOINTS is off): nothing was sent there.`,
      // Only a save is the caller's input; at use the endpoint is the connector's, long saved.
      { fix: fix(field), fields: use.saving ? [field] : [] },
    );
  if (config.endpoint && !onSimulator(config.endpoint, policy)) throw refused('config.endpoint', config.endpoint, "AWS's own endpoint");
  if (config.scimEndpoint && !isAwsScimEndpoint(config.scimEndpoint) && !onSimulator(config.scimEndpoint, policy)) {
    throw refused('config.scimEndpoint', config.scimEndpoint, 'an IAM Identity Center SCIM endpoint (https://scim.<region>.amazonaws.com/…/scim/v2)');
  }
}
