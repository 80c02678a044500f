import type { App } from '../app.ts';
import { isRrcuError } from '../core/errors.ts';

export const DEMO_REQUEST_POLICY_NAME = 'Developer read-only';

/**
 * One request policy on the simulated organisation, so a new user can try just-in-time access right after
 * `npm start`: ReadOnlyAccess (in the seed's catalogue) on the accounts under Workloads/Development,
 * Workloads/Staging and Sandbox (the seed's non-production OUs), for everyone, approved once by a Connector
 * Administrator, the account's owner or the requester's manager (the seed has a manager tree, so every request
 * has an approver besides the requester); one hour by default, eight at most, with a justification. Created
 * once: a policy of that name on the connector (an administrator's edit of it) is left as it is.
 */
export async function ensureDemoRequestPolicy(app: Pick<App, 'requests'>, connectorId: string): Promise<'created' | 'exists'> {
  try {
    await app.requests.getPolicy(DEMO_REQUEST_POLICY_NAME, connectorId);
    return 'exists';
  } catch (e) {
    if (!isRrcuError(e, 'POLICY_NOT_FOUND')) throw e;
  }
  await app.requests.applyPolicy({
    name: DEMO_REQUEST_POLICY_NAME,
    description: 'Read-only access to the non-production accounts for an hour or a working day: ask, a Connector Administrator, the account\'s owner or your manager approves, and it is removed when it ends.',
    connector: connectorId,
    requestable: [{ kind: 'permission_set', permissionSet: 'ReadOnlyAccess', accounts: '*', ouPaths: ['Workloads/Development', 'Workloads/Staging', 'Sandbox'] }],
    eligibility: { everyone: true },
    approvalSteps: [{ approvers: [{ kind: 'rrcu_role', role: 'connector_admin' }, { kind: 'owner' }, { kind: 'manager' }], approvals: 1 }],
    maxDurationMinutes: 8 * 60,
    defaultDurationMinutes: 60,
    justificationRequired: true,
  }, 'system');
  return 'created';
}
