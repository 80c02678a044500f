/**
 * Assignments into the management account, where AWS makes the IAM calls with the connector role's own
 * permissions (the simulator does as AWS: the operation is accepted, then FAILED with IAM's 403). RRCU's
 * generated inline policy carries the statements for it; without them the task fails naming what is missing.
 */
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/aws-sim/index.ts';
import { inlinePolicy } from '../../../src/connectors/aws/setup/inline-policy.ts';
import { assignmentTarget, identityCenterOf, isAssigned, provisionerFor, rejectionOf } from '../../harness/aws-provision.ts';
import { configFor } from '../../../harness/sim-session.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false, assignmentDelayMs: 0, seed: { seed: 31, accounts: 2, users: 6, groups: 2, permissionSets: 6 } });
});
afterAll(() => sim.stop());

/** Puts RRCU's generated inline policy on the connector role, less the statements `drop` names. */
async function connectorPolicy(drop: string[] = []): Promise<void> {
  const policy = inlinePolicy(configFor(sim));
  policy.Statement = policy.Statement.filter((s) => !drop.includes(s.Sid));
  const iam = new IAMClient({ region: sim.region, endpoint: sim.endpoint, credentials: { ...sim.world.admin }, maxAttempts: 1 });
  await iam.send(new PutRolePolicyCommand({ RoleName: 'RRCUIntegration', PolicyName: 'RRCUPermissions', PolicyDocument: JSON.stringify(policy) }));
  iam.destroy();
}

/** A grant into the management account of a permission set not provisioned there yet, so AWS must create its role. */
function managementGrant(principalIndex: number) {
  const ic = identityCenterOf(sim);
  const management = sim.world.state.managementAccountId;
  const provisioned = ic.provisioned.get(management) ?? new Set<string>();
  const permissionSetArn = [...ic.permissionSets.keys()].find((arn) => !provisioned.has(arn))!;
  const userId = [...ic.users.keys()][principalIndex]!;
  return { ic, management, permissionSetArn, userId, target: assignmentTarget(ic, management, permissionSetArn, { type: 'USER', id: userId }) };
}

describe('an assignment in the management account', () => {
  test('without the management-account statements fails, naming the action IAM refused and the statement to add it to', async () => {
    await connectorPolicy(['AccessToSSOProvisionedRoles']);
    const grant = managementGrant(0);
    const provisioner = provisionerFor(sim);
    try {
      const error = await rejectionOf(provisioner.apply('grant', grant.target, {}));
      expect(error.code).toBe('ASSIGNMENT_FAILED');
      expect(error.message).toContain(`IAM refused iam:GetRole to the connector role`);
      expect(error.message).toContain('In the management account AWS makes an assignment');
      expect(error.message).toContain('Received a 403 status error: Access denied by IAM');
      expect(error.fix).toContain('add "iam:GetRole" to the Action list of the "AccessToSSOProvisionedRoles" statement');
      expect(error.fix).toContain('iam:CreateRole');
      expect(error.fix).toContain('iam:PutRolePolicy');
    } finally {
      await provisioner.close();
    }
    expect(isAssigned(grant.ic, grant.management, grant.permissionSetArn, grant.userId)).toBe(false);
  });

  test('with RRCU’s generated inline policy succeeds, AWS creating the role with the connector role’s permissions', async () => {
    await connectorPolicy();
    const grant = managementGrant(1);
    const provisioner = provisionerFor(sim);
    try {
      expect(await provisioner.apply('grant', grant.target, {})).toMatchObject({ outcome: 'applied', verified: true });
    } finally {
      await provisioner.close();
    }
    expect(isAssigned(grant.ic, grant.management, grant.permissionSetArn, grant.userId)).toBe(true);
    expect(grant.ic.provisioned.get(grant.management)?.has(grant.permissionSetArn)).toBe(true);
  });
});
