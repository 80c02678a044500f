import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DeleteAccountAssignmentCommand,
  DeleteInlinePolicyFromPermissionSetCommand,
  DeletePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribePermissionSetCommand,
  DescribePermissionSetProvisioningStatusCommand,
  DetachManagedPolicyFromPermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListPermissionSetsProvisionedToAccountCommand,
  ProvisionPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
  SSOAdminClient,
  UpdatePermissionSetCommand,
  paginateListAccountAssignmentCreationStatus,
  paginateListPermissionSets,
} from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../src/aws-sim/index.ts';
import { isThrottlingError } from '../../src/connectors/index.ts';
import { asConnector } from '../harness/connector-credentials.ts';
import { asAdmin, startTestSimulator } from '../harness/aws-sim.ts';

const DELAY = 60_000;

function memberAccountId(sim: Simulator, index = 0): string {
  const { state } = sim.world;
  return [...state.accounts.values()].filter((a) => a.id !== state.managementAccountId && !a.outsideOrganization)[index]!.id;
}

describe('SSO Admin over the SDK', () => {
  let sim: Simulator;
  let admin: SSOAdminClient;
  let InstanceArn: string;

  beforeAll(async () => {
    sim = await startTestSimulator({ assignmentDelayMs: DELAY, seed: { permissionSets: 5, users: 30 } });
    admin = new SSOAdminClient(asAdmin(sim));
    InstanceArn = sim.world.state.identityCenter!.instanceArn;
  });
  afterAll(async () => {
    admin.destroy();
    await sim.stop();
  });

  async function createPermissionSet(Name: string): Promise<string> {
    const { PermissionSet } = await admin.send(new CreatePermissionSetCommand({ InstanceArn, Name, SessionDuration: 'PT4H' }));
    return PermissionSet!.PermissionSetArn!;
  }

  test('ListInstances shows the instance in its region to its account, and nothing in another region', async () => {
    const client = new SSOAdminClient(asConnector(sim));
    const { Instances } = await client.send(new ListInstancesCommand({}));
    expect(Instances).toHaveLength(1);
    expect(Instances?.[0]).toMatchObject({ InstanceArn, IdentityStoreId: sim.world.state.identityCenter!.identityStoreId });
    client.destroy();
    const elsewhere = new SSOAdminClient(asConnector(sim, { region: 'eu-central-1' }));
    expect((await elsewhere.send(new ListInstancesCommand({}))).Instances).toEqual([]);
    elsewhere.destroy();
  });

  test('permission sets page two at a time and carry managed, customer managed and inline policies', async () => {
    const arns: string[] = [];
    for await (const page of paginateListPermissionSets({ client: admin }, { InstanceArn, MaxResults: 2 })) {
      expect(page.PermissionSets!.length).toBeLessThanOrEqual(2);
      arns.push(...page.PermissionSets!);
    }
    expect(arns.length).toBe(sim.world.state.identityCenter!.permissionSets.size);
    await expect(admin.send(new ListPermissionSetsCommand({ InstanceArn, MaxResults: 101 }))).rejects.toMatchObject({ name: 'ValidationException' });

    const PermissionSetArn = await createPermissionSet('SimPolicies');
    await expect(admin.send(new CreatePermissionSetCommand({ InstanceArn, Name: 'SimPolicies' }))).rejects.toMatchObject({ name: 'ConflictException' });
    await admin.send(new UpdatePermissionSetCommand({ InstanceArn, PermissionSetArn, Description: 'For tests' }));
    const described = await admin.send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn }));
    expect(described.PermissionSet).toMatchObject({ Name: 'SimPolicies', Description: 'For tests', SessionDuration: 'PT4H' });

    const ReadOnly = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    await admin.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn, ManagedPolicyArn: ReadOnly }));
    await expect(
      admin.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn, ManagedPolicyArn: ReadOnly })),
    ).rejects.toMatchObject({ name: 'ConflictException' });
    const managed = await admin.send(new ListManagedPoliciesInPermissionSetCommand({ InstanceArn, PermissionSetArn }));
    expect(managed.AttachedManagedPolicies).toEqual([{ Name: 'ReadOnlyAccess', Arn: ReadOnly }]);
    await admin.send(new DetachManagedPolicyFromPermissionSetCommand({ InstanceArn, PermissionSetArn, ManagedPolicyArn: ReadOnly }));
    expect((await admin.send(new ListManagedPoliciesInPermissionSetCommand({ InstanceArn, PermissionSetArn }))).AttachedManagedPolicies).toEqual([]);

    await admin.send(
      new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({ InstanceArn, PermissionSetArn, CustomerManagedPolicyReference: { Name: 'Boundary' } }),
    );
    const references = await admin.send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand({ InstanceArn, PermissionSetArn }));
    expect(references.CustomerManagedPolicyReferences).toEqual([{ Name: 'Boundary', Path: '/' }]);

    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] };
    await admin.send(new PutInlinePolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn, InlinePolicy: JSON.stringify(policy) }));
    const inline = await admin.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn, PermissionSetArn }));
    expect(JSON.parse(inline.InlinePolicy!)).toEqual(policy);
    await admin.send(new DeleteInlinePolicyFromPermissionSetCommand({ InstanceArn, PermissionSetArn }));
    expect((await admin.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn, PermissionSetArn }))).InlinePolicy).toBe('');

    await admin.send(new DeletePermissionSetCommand({ InstanceArn, PermissionSetArn }));
    await expect(admin.send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  test('an assignment goes IN_PROGRESS then SUCCEEDED, provisions the reserved role, and is deleted the same way', async () => {
    const PermissionSetArn = await createPermissionSet('SimAssign');
    await admin.send(
      new AttachManagedPolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn, ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
    const TargetId = memberAccountId(sim);
    const PrincipalId = [...sim.world.state.identityCenter!.users.keys()][0]!;
    const assignment = { InstanceArn, PermissionSetArn, TargetId, TargetType: 'AWS_ACCOUNT', PrincipalType: 'USER', PrincipalId } as const;
    const connector = new SSOAdminClient(asConnector(sim));

    const started = await connector.send(new CreateAccountAssignmentCommand(assignment));
    const requestId = started.AccountAssignmentCreationStatus!.RequestId!;
    expect(started.AccountAssignmentCreationStatus).toMatchObject({ Status: 'IN_PROGRESS', TargetId, PrincipalId });
    const pending = await connector.send(new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn, AccountAssignmentCreationRequestId: requestId }));
    expect(pending.AccountAssignmentCreationStatus?.Status).toBe('IN_PROGRESS');
    expect((await connector.send(new ListAccountAssignmentsCommand({ InstanceArn, AccountId: TargetId, PermissionSetArn }))).AccountAssignments).toEqual([]);

    sim.advanceClock(DELAY);
    const done = await connector.send(new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn, AccountAssignmentCreationRequestId: requestId }));
    expect(done.AccountAssignmentCreationStatus?.Status).toBe('SUCCEEDED');
    const listed = await connector.send(new ListAccountAssignmentsCommand({ InstanceArn, AccountId: TargetId, PermissionSetArn }));
    expect(listed.AccountAssignments).toEqual([{ AccountId: TargetId, PermissionSetArn, PrincipalType: 'USER', PrincipalId }]);
    const provisioned = await connector.send(new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn, AccountId: TargetId }));
    expect(provisioned.PermissionSets).toContain(PermissionSetArn);
    const forPrincipal = await admin.send(
      new ListAccountAssignmentsForPrincipalCommand({ InstanceArn, PrincipalId, PrincipalType: 'USER', Filter: { AccountId: TargetId } }),
    );
    expect(forPrincipal.AccountAssignments).toContainEqual({ AccountId: TargetId, PermissionSetArn, PrincipalId, PrincipalType: 'USER' });
    const accounts = await admin.send(new ListAccountsForProvisionedPermissionSetCommand({ InstanceArn, PermissionSetArn }));
    expect(accounts.AccountIds).toEqual([TargetId]);
    const history = await admin.send(new ListAccountAssignmentCreationStatusCommand({ InstanceArn, Filter: { Status: 'SUCCEEDED' } }));
    expect(history.AccountAssignmentsCreationStatus?.map((s) => s.RequestId)).toContain(requestId);

    const roles = [...sim.world.state.accounts.get(TargetId)!.iam.roles.values()].filter((r) => r.roleName.startsWith('AWSReservedSSO_SimAssign_'));
    expect(roles).toHaveLength(1);
    expect(roles[0]!.roleName).toMatch(/^AWSReservedSSO_SimAssign_[0-9a-f]{16}$/);
    expect(roles[0]!.path).toBe('/aws-reserved/sso.amazonaws.com/');
    expect(JSON.stringify(roles[0]!.assumeRolePolicyDocument)).toMatch(/saml-provider\/AWSSSO_[0-9a-f]{16}_DO_NOT_DELETE/);
    expect([...roles[0]!.attachedPolicyArns]).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);

    const again = await connector.send(new CreateAccountAssignmentCommand(assignment));
    expect(again.AccountAssignmentCreationStatus?.Status).toBe('IN_PROGRESS');
    sim.advanceClock(DELAY);
    const repeated = await connector.send(
      new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn, AccountAssignmentCreationRequestId: again.AccountAssignmentCreationStatus!.RequestId! }),
    );
    expect(repeated.AccountAssignmentCreationStatus?.Status).toBe('SUCCEEDED');

    const deletion = await connector.send(new DeleteAccountAssignmentCommand(assignment));
    expect(deletion.AccountAssignmentDeletionStatus?.Status).toBe('IN_PROGRESS');
    sim.advanceClock(DELAY);
    const deleted = await connector.send(
      new DescribeAccountAssignmentDeletionStatusCommand({ InstanceArn, AccountAssignmentDeletionRequestId: deletion.AccountAssignmentDeletionStatus!.RequestId! }),
    );
    expect(deleted.AccountAssignmentDeletionStatus?.Status).toBe('SUCCEEDED');
    expect((await connector.send(new ListAccountAssignmentsCommand({ InstanceArn, AccountId: TargetId, PermissionSetArn }))).AccountAssignments).toEqual([]);
    expect(sim.world.state.accounts.get(TargetId)!.iam.roles.has(roles[0]!.roleName)).toBe(false);
    const deletions = await admin.send(new ListAccountAssignmentDeletionStatusCommand({ InstanceArn }));
    expect(deletions.AccountAssignmentsDeletionStatus?.map((s) => s.RequestId)).toContain(deletion.AccountAssignmentDeletionStatus!.RequestId);
    await expect(connector.send(new DeleteAccountAssignmentCommand(assignment))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    connector.destroy();
  });

  test('a change to a provisioned permission set leaves it not latest until ProvisionPermissionSet completes', async () => {
    const PermissionSetArn = await createPermissionSet('SimReprovision');
    const TargetId = memberAccountId(sim, 1);
    const PrincipalId = [...sim.world.state.identityCenter!.groups.keys()][0]!;
    await admin.send(new CreateAccountAssignmentCommand({ InstanceArn, PermissionSetArn, TargetId, TargetType: 'AWS_ACCOUNT', PrincipalType: 'GROUP', PrincipalId }));
    sim.advanceClock(DELAY);
    await admin.send(
      new AttachManagedPolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn, ManagedPolicyArn: 'arn:aws:iam::aws:policy/SecurityAudit' }),
    );
    const stale = await admin.send(
      new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn, AccountId: TargetId, ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED' }),
    );
    expect(stale.PermissionSets).toEqual([PermissionSetArn]);
    const { PermissionSetProvisioningStatus } = await admin.send(
      new ProvisionPermissionSetCommand({ InstanceArn, PermissionSetArn, TargetType: 'ALL_PROVISIONED_ACCOUNTS' }),
    );
    expect(PermissionSetProvisioningStatus?.Status).toBe('IN_PROGRESS');
    sim.advanceClock(DELAY);
    const status = await admin.send(
      new DescribePermissionSetProvisioningStatusCommand({ InstanceArn, ProvisionPermissionSetRequestId: PermissionSetProvisioningStatus!.RequestId! }),
    );
    expect(status.PermissionSetProvisioningStatus?.Status).toBe('SUCCEEDED');
    const latest = await admin.send(
      new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn, AccountId: TargetId, ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED' }),
    );
    expect(latest.PermissionSets).toEqual([]);
    const role = [...sim.world.state.accounts.get(TargetId)!.iam.roles.values()].find((r) => r.roleName.startsWith('AWSReservedSSO_SimReprovision_'));
    expect([...role!.attachedPolicyArns]).toEqual(['arn:aws:iam::aws:policy/SecurityAudit']);
    await expect(admin.send(new DeletePermissionSetCommand({ InstanceArn, PermissionSetArn }))).rejects.toMatchObject({ name: 'ConflictException' });
  });

  test('an unknown principal is ResourceNotFoundException', async () => {
    const PermissionSetArn = [...sim.world.state.identityCenter!.permissionSets.keys()][0]!;
    await expect(
      admin.send(
        new CreateAccountAssignmentCommand({
          InstanceArn,
          PermissionSetArn,
          TargetId: memberAccountId(sim),
          TargetType: 'AWS_ACCOUNT',
          PrincipalType: 'USER',
          PrincipalId: '00000000-0000-4000-8000-000000000000',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('SSO Admin asynchronous limits and failures', () => {
  test('the 16th account-assignment operation in progress is refused with ThrottlingException', async () => {
    const sim = await startTestSimulator({ assignmentDelayMs: DELAY });
    const client = new SSOAdminClient(asAdmin(sim));
    const ic = sim.world.state.identityCenter!;
    const PermissionSetArn = [...ic.permissionSets.keys()][0]!;
    const users = [...ic.users.keys()];
    const create = (PrincipalId: string) =>
      client.send(
        new CreateAccountAssignmentCommand({
          InstanceArn: ic.instanceArn,
          PermissionSetArn,
          TargetId: memberAccountId(sim),
          TargetType: 'AWS_ACCOUNT',
          PrincipalType: 'USER',
          PrincipalId,
        }),
      );
    for (let i = 0; i < 15; i++) expect((await create(users[i]!)).AccountAssignmentCreationStatus?.Status).toBe('IN_PROGRESS');
    // A 400, as AWS answers it, with the code that the SDK's retry (throttling.test.ts) and RRCU's classifier treat as throttling.
    const refused = await create(users[15]!).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      name: 'ThrottlingException',
      message: 'There are too many requests processing. Please try again later.',
      $metadata: { httpStatusCode: 400 },
    });
    expect(isThrottlingError(refused)).toBe(true);
    sim.advanceClock(DELAY);
    expect((await create(users[15]!)).AccountAssignmentCreationStatus?.Status).toBe('IN_PROGRESS');
    client.destroy();
    await sim.stop();
  });

  test('ListAccountAssignmentCreationStatus filtered on IN_PROGRESS lists, page by page, exactly the operations in progress (metadata only)', async () => {
    const sim = await startTestSimulator({ assignmentDelayMs: DELAY });
    const client = new SSOAdminClient(asAdmin(sim));
    const ic = sim.world.state.identityCenter!;
    const [first, second] = [...ic.permissionSets.keys()];
    const users = [...ic.users.keys()];
    const create = async (PermissionSetArn: string, PrincipalId: string) =>
      (await client.send(new CreateAccountAssignmentCommand({ InstanceArn: ic.instanceArn, PermissionSetArn, TargetId: memberAccountId(sim), TargetType: 'AWS_ACCOUNT', PrincipalType: 'USER', PrincipalId })))
        .AccountAssignmentCreationStatus!.RequestId!;
    const inProgress = async () => {
      const items = [];
      // Two a page, as a caller with more operations in flight than one page holds would see them.
      for await (const page of paginateListAccountAssignmentCreationStatus({ client, pageSize: 2 }, { InstanceArn: ic.instanceArn, Filter: { Status: 'IN_PROGRESS' } })) {
        expect(page.AccountAssignmentsCreationStatus!.length).toBeLessThanOrEqual(2);
        items.push(...page.AccountAssignmentsCreationStatus!);
      }
      return items;
    };
    const done = [await create(first!, users[0]!), await create(first!, users[1]!)];
    sim.advanceClock(DELAY);
    const running = [await create(second!, users[0]!), await create(second!, users[1]!), await create(second!, users[2]!)];
    const listed = await inProgress();
    expect(listed.map((op) => op.RequestId).sort()).toEqual([...running].sort());
    expect(listed[0]).toEqual({ Status: 'IN_PROGRESS', RequestId: expect.any(String), CreatedDate: expect.any(Date) });
    expect(listed.map((op) => op.RequestId)).not.toContain(done[0]);
    sim.advanceClock(DELAY);
    expect(await inProgress()).toEqual([]);
    client.destroy();
    await sim.stop();
  });

  test('an injected assignment failure ends FAILED with its reason and assigns nothing', async () => {
    const sim = await startTestSimulator({ assignmentDelayMs: DELAY });
    const client = new SSOAdminClient(asAdmin(sim));
    const ic = sim.world.state.identityCenter!;
    sim.injectFault({ operation: 'sso:CreateAccountAssignment', kind: 'assignment-failure', reason: 'Simulated provisioning failure' });
    const PermissionSetArn = [...ic.permissionSets.keys()][0]!;
    const TargetId = memberAccountId(sim, 2);
    const PrincipalId = [...ic.users.keys()][3]!;
    const before = (await client.send(new ListAccountAssignmentsCommand({ InstanceArn: ic.instanceArn, AccountId: TargetId, PermissionSetArn }))).AccountAssignments;
    const { AccountAssignmentCreationStatus } = await client.send(
      new CreateAccountAssignmentCommand({ InstanceArn: ic.instanceArn, PermissionSetArn, TargetId, TargetType: 'AWS_ACCOUNT', PrincipalType: 'USER', PrincipalId }),
    );
    expect(AccountAssignmentCreationStatus?.FailureReason).toBeUndefined();
    sim.advanceClock(DELAY);
    const failed = await client.send(
      new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: ic.instanceArn, AccountAssignmentCreationRequestId: AccountAssignmentCreationStatus!.RequestId! }),
    );
    expect(failed.AccountAssignmentCreationStatus).toMatchObject({ Status: 'FAILED', FailureReason: 'Simulated provisioning failure' });
    const after = (await client.send(new ListAccountAssignmentsCommand({ InstanceArn: ic.instanceArn, AccountId: TargetId, PermissionSetArn }))).AccountAssignments;
    expect(after).toEqual(before);
    client.destroy();
    await sim.stop();
  });

  test('outside us-east-1 the reserved role path carries the instance region', async () => {
    const sim = await startTestSimulator({ assignmentDelayMs: 0, seed: { identityCenterRegion: 'eu-west-1' } });
    expect(sim.region).toBe('eu-west-1');
    const client = new SSOAdminClient(asAdmin(sim));
    const ic = sim.world.state.identityCenter!;
    const { PermissionSet } = await client.send(new CreatePermissionSetCommand({ InstanceArn: ic.instanceArn, Name: 'SimRegional' }));
    const TargetId = memberAccountId(sim);
    await client.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: ic.instanceArn,
        PermissionSetArn: PermissionSet!.PermissionSetArn!,
        TargetId,
        TargetType: 'AWS_ACCOUNT',
        PrincipalType: 'USER',
        PrincipalId: [...ic.users.keys()][0]!,
      }),
    );
    const role = [...sim.world.state.accounts.get(TargetId)!.iam.roles.values()].find((r) => r.roleName.startsWith('AWSReservedSSO_SimRegional_'));
    expect(role?.path).toBe('/aws-reserved/sso.amazonaws.com/eu-west-1/');
    const useEast = new SSOAdminClient(asAdmin(sim, { region: 'us-east-1' }));
    expect((await useEast.send(new ListInstancesCommand({}))).Instances).toEqual([]);
    await expect(useEast.send(new ListPermissionSetsCommand({ InstanceArn: ic.instanceArn }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    useEast.destroy();
    client.destroy();
    await sim.stop();
  });
});
