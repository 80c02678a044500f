import { CreateAccountAssignmentCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { afterEach, describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/aws-sim/index.ts';
import { activeMemberAccountId, assignmentTarget, identityCenterOf, isAssigned, provisionerFor } from '../../harness/aws-provision.ts';
import { allowOptionalActions } from '../../../harness/sim-session.ts';

/**
 * A worker that died after AWS accepted CreateAccountAssignment but before the request id was saved
 * leaves an operation in progress that ListAccountAssignments does not show yet. The retried task must
 * follow that operation, not start a second one.
 */
describe('a retried assignment after a crash that lost the request id', () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  async function crashedAttempt(s: Simulator) {
    const ic = identityCenterOf(s);
    const accountId = activeMemberAccountId(s);
    const permissionSetArn = [...ic.permissionSets.keys()][0]!;
    const userId = [...ic.users.keys()].find((u) => !isAssigned(ic, accountId, permissionSetArn, u))!;
    // The dead worker's call, made with the connector's own rights.
    const sso = new SSOAdminClient({ region: s.region, endpoint: s.endpoint, credentials: s.world.admin });
    const started = await sso.send(
      new CreateAccountAssignmentCommand({ InstanceArn: ic.instanceArn, TargetId: accountId, TargetType: 'AWS_ACCOUNT', PermissionSetArn: permissionSetArn, PrincipalType: 'USER', PrincipalId: userId }),
    );
    sso.destroy();
    const creations = () => [...ic.operations.values()].filter((o) => o.kind === 'CREATE' && o.assignment.principalId === userId);
    return { target: assignmentTarget(ic, accountId, permissionSetArn, { type: 'USER', id: userId }), requestId: started.AccountAssignmentCreationStatus!.RequestId!, creations, ic, accountId, permissionSetArn, userId };
  }

  test('follows the operation already in progress when the optional status listing is allowed', async () => {
    sim = await startSimulator({ seed: { seed: 8, accounts: 2, users: 8, groups: 2, permissionSets: 2 }, rateLimits: false, assignmentDelayMs: 300 });
    await allowOptionalActions(sim, ['sso:ListAccountAssignmentCreationStatus']);
    const crash = await crashedAttempt(sim);
    const saved: string[] = [];
    const provisioner = provisionerFor(sim);
    try {
      const result = await provisioner.apply('grant', crash.target, { retry: true, onRequestId: async (id) => void saved.push(id) });
      expect(result).toMatchObject({ outcome: 'applied', requestId: crash.requestId, verified: true });
    } finally {
      await provisioner.close();
    }
    expect(saved).toEqual([crash.requestId]);
    expect(crash.creations()).toHaveLength(1);
    expect(isAssigned(crash.ic, crash.accountId, crash.permissionSetArn, crash.userId)).toBe(true);
  });

  test('without the optional listing it still ends with one assignment, at the cost of a second operation', async () => {
    sim = await startSimulator({ seed: { seed: 8, accounts: 2, users: 8, groups: 2, permissionSets: 2 }, rateLimits: false, assignmentDelayMs: 300 });
    const crash = await crashedAttempt(sim);
    const provisioner = provisionerFor(sim);
    try {
      await provisioner.apply('grant', crash.target, { retry: true });
    } finally {
      await provisioner.close();
    }
    expect(crash.creations()).toHaveLength(2);
    expect([...crash.ic.assignments.values()].filter((a) => a.principalId === crash.userId && a.accountId === crash.accountId && a.permissionSetArn === crash.permissionSetArn)).toHaveLength(1);
  });
});
