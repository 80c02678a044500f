/**
 * Assignments in the management account act with the caller's IAM permissions there, as AWS's do: a
 * caller without them has its operation accepted, then FAILED with IAM's 403 as the reason. Member
 * accounts are provisioned by Identity Center's service-linked role and do not care.
 */
import { GetRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentsCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Simulator } from '../../src/aws-sim/index.ts';
import { asConnector } from '../harness/connector-credentials.ts';
import { asAdmin, startTestSimulator } from '../harness/aws-sim.ts';

/** Operations stay IN_PROGRESS this long on the simulated clock, as AWS's take a moment. */
const DELAY = 1_000;

let sim: Simulator;
let sso: SSOAdminClient;
let iam: IAMClient;
beforeAll(async () => {
  sim = await startTestSimulator({ assignmentDelayMs: DELAY, seed: { seed: 8, accounts: 2, permissionSets: 6, users: 12 } });
  sso = new SSOAdminClient(asConnector(sim));
  iam = new IAMClient(asAdmin(sim));
});
afterAll(async () => {
  sso.destroy();
  iam.destroy();
  await sim.stop();
});

const ic = () => sim.world.state.identityCenter!;
const management = () => sim.world.state.managementAccountId;
const member = () => [...sim.world.state.accounts.values()].find((a) => a.id !== management() && !a.outsideOrganization)!.id;

/** A permission set not provisioned to `accountId` yet, so assigning it there creates its role. */
function unprovisionedIn(accountId: string, skip: string[] = []): string {
  const provisioned = ic().provisioned.get(accountId) ?? new Set<string>();
  return [...ic().permissionSets.keys()].find((arn) => !provisioned.has(arn) && !skip.includes(arn))!;
}

/** Drops the guide's AccessToSSOProvisionedRoles statement (the IAM actions on the AWSReservedSSO roles) from the connector role. */
async function withoutReservedRoleStatement(): Promise<() => Promise<void>> {
  const { PolicyDocument } = await iam.send(new GetRolePolicyCommand({ RoleName: 'RRCUIntegration', PolicyName: 'RRCUPermissions' }));
  const original = decodeURIComponent(PolicyDocument!);
  const policy = JSON.parse(original) as { Statement: { Sid?: string }[] };
  policy.Statement = policy.Statement.filter((s) => s.Sid !== 'AccessToSSOProvisionedRoles');
  await iam.send(new PutRolePolicyCommand({ RoleName: 'RRCUIntegration', PolicyName: 'RRCUPermissions', PolicyDocument: JSON.stringify(policy) }));
  return async () => {
    await iam.send(new PutRolePolicyCommand({ RoleName: 'RRCUIntegration', PolicyName: 'RRCUPermissions', PolicyDocument: original }));
  };
}

async function assign(accountId: string, permissionSetArn: string, principalId: string) {
  const key = { InstanceArn: ic().instanceArn, PermissionSetArn: permissionSetArn, PrincipalType: 'USER' as const, PrincipalId: principalId, TargetType: 'AWS_ACCOUNT' as const, TargetId: accountId };
  const started = await sso.send(new CreateAccountAssignmentCommand(key));
  expect(started.AccountAssignmentCreationStatus?.Status).toBe('IN_PROGRESS');
  sim.advanceClock(DELAY);
  const { AccountAssignmentCreationStatus } = await sso.send(
    new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: key.InstanceArn, AccountAssignmentCreationRequestId: started.AccountAssignmentCreationStatus!.RequestId }),
  );
  return AccountAssignmentCreationStatus!;
}

async function assignedIn(accountId: string, permissionSetArn: string): Promise<string[]> {
  const { AccountAssignments } = await sso.send(new ListAccountAssignmentsCommand({ InstanceArn: ic().instanceArn, AccountId: accountId, PermissionSetArn: permissionSetArn }));
  return (AccountAssignments ?? []).map((a) => a.PrincipalId!);
}

test('a caller without the IAM actions on AWSReservedSSO roles fails in the management account with IAM’s 403, and assigns nothing', async () => {
  const [user] = [...ic().users.keys()];
  const permissionSetArn = unprovisionedIn(management());
  const restore = await withoutReservedRoleStatement();
  try {
    const status = await assign(management(), permissionSetArn, user!);
    expect(status.Status).toBe('FAILED');
    expect(status.FailureReason).toMatch(
      new RegExp(
        '^Received a 403 status error: Access denied by IAM\\. Please check your policy, or wait for role propagation to complete\\. ' +
          `IAM Error: User: arn:aws:sts::${management()}:assumed-role/RRCUIntegration/rrcu-test is not authorized to perform: iam:GetRole ` +
          `on resource: arn:aws:iam::${management()}:role/aws-reserved/sso\\.amazonaws\\.com/AWSReservedSSO_\\S+ because no identity-based policy allows the iam:GetRole action ` +
          '\\(Service: AmazonIdentityManagement; Status Code: 403; Error Code: AccessDenied; Request ID: [0-9a-f-]{36}; Proxy: null\\)$',
      ),
    );
    expect(await assignedIn(management(), permissionSetArn)).not.toContain(user);
    expect(ic().provisioned.get(management())?.has(permissionSetArn) ?? false).toBe(false);
  } finally {
    await restore();
  }
});

test('the same caller assigns in a member account, where Identity Center’s own role does the IAM work', async () => {
  const [, user] = [...ic().users.keys()];
  const permissionSetArn = unprovisionedIn(member());
  const restore = await withoutReservedRoleStatement();
  try {
    expect((await assign(member(), permissionSetArn, user!)).Status).toBe('SUCCEEDED');
    expect(await assignedIn(member(), permissionSetArn)).toContain(user);
  } finally {
    await restore();
  }
});

test('with the guide’s policy, the assignment in the management account succeeds and creates the role', async () => {
  const [, , user] = [...ic().users.keys()];
  const permissionSetArn = unprovisionedIn(management());
  const status = await assign(management(), permissionSetArn, user!);
  expect(status).toMatchObject({ Status: 'SUCCEEDED' });
  expect(status.FailureReason).toBeUndefined();
  expect(await assignedIn(management(), permissionSetArn)).toContain(user);
  expect(ic().provisioned.get(management())?.has(permissionSetArn)).toBe(true);
});

test('removing the last assignment in the management account without those actions fails and leaves the assignment', async () => {
  const [, , , user] = [...ic().users.keys()];
  const permissionSetArn = unprovisionedIn(management());
  expect((await assign(management(), permissionSetArn, user!)).Status).toBe('SUCCEEDED');
  const restore = await withoutReservedRoleStatement();
  try {
    const key = { InstanceArn: ic().instanceArn, PermissionSetArn: permissionSetArn, PrincipalType: 'USER' as const, PrincipalId: user!, TargetType: 'AWS_ACCOUNT' as const, TargetId: management() };
    const started = await sso.send(new DeleteAccountAssignmentCommand(key));
    sim.advanceClock(DELAY);
    const { AccountAssignmentDeletionStatus } = await sso.send(
      new DescribeAccountAssignmentDeletionStatusCommand({ InstanceArn: key.InstanceArn, AccountAssignmentDeletionRequestId: started.AccountAssignmentDeletionStatus!.RequestId }),
    );
    expect(AccountAssignmentDeletionStatus).toMatchObject({ Status: 'FAILED', FailureReason: expect.stringContaining('is not authorized to perform: iam:ListRolePolicies') });
    expect(await assignedIn(management(), permissionSetArn)).toContain(user);
  } finally {
    await restore();
  }
});
