/**
 * The cheapest real call of each read action, for "Test connection", by AWS service. List calls ask for
 * one item; an action on a thing (a group, a permission set, an assignment pair) is called on the first
 * one a list call found. Each list call is made once and shared by every check that needs its answer,
 * across services too (Identity Center's checks use the accounts Organizations listed).
 */
import type { AwsSession } from '../../session/session.ts';
import { iamProbes } from './iam.ts';
import { identityStoreProbes, ssoUserFinder } from './identity-store.ts';
import { NotChecked, need, type Probe } from './kit.ts';
import { accountsFinder, organizationsProbes } from './organizations.ts';
import { instanceFinder, ssoAdminProbes } from './sso-admin.ts';

export { NotChecked } from './kit.ts';

/** A probe per action: resolves with what it saw, or throws the AWS error or NotChecked. */
export function probeFor(session: AwsSession): Probe {
  const accounts = accountsFinder(session);
  const instance = instanceFinder(session);
  const ssoUser = ssoUserFinder(session, () => need('sso:ListInstances', instance));
  const probes = {
    ...iamProbes(session),
    ...organizationsProbes(session, accounts),
    ...ssoAdminProbes(session, { instance, accounts, ssoUser }),
    ...identityStoreProbes(session, () => need('sso:ListInstances', instance), ssoUser),
  };
  return (spec) => {
    const probe = probes[spec.action];
    if (!probe) return Promise.reject(new NotChecked(`RRCU has no test call for ${spec.action}; it is checked when first used.`));
    return probe(spec);
  };
}
