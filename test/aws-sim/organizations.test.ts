import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DescribeOrganizationCommand,
  DescribeOrganizationalUnitCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../src/aws-sim/index.ts';
import { asConnector } from '../harness/connector-credentials.ts';
import { asAdmin, clientConfig, managementOperator, startTestSimulator } from '../harness/aws-sim.ts';

describe('Organizations over the SDK', () => {
  let sim: Simulator;
  let admin: OrganizationsClient;

  beforeAll(async () => {
    sim = await startTestSimulator({ seed: { accounts: 7 } });
    admin = new OrganizationsClient(asAdmin(sim));
  });
  afterAll(async () => {
    admin.destroy();
    await sim.stop();
  });

  test('the connector role lists every account of the organisation, two at a time', async () => {
    const client = new OrganizationsClient(asConnector(sim));
    const pages: number[] = [];
    const ids: string[] = [];
    for await (const page of paginateListAccounts({ client }, { MaxResults: 2 })) {
      pages.push(page.Accounts?.length ?? 0);
      ids.push(...(page.Accounts ?? []).map((a) => a.Id!));
    }
    client.destroy();
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    expect(pages).toEqual([2, 2, 2, 2]);
    expect(ids).toContain(sim.world.state.managementAccountId);
  });

  test('ListAccounts refuses MaxResults above 20 with InvalidInputException', async () => {
    await expect(admin.send(new ListAccountsCommand({ MaxResults: 21 }))).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  test('describes the organisation, its root, and an account with AWS ARNs', async () => {
    const { Organization } = await admin.send(new DescribeOrganizationCommand({}));
    expect(Organization?.Id).toMatch(/^o-[a-z0-9]{10,32}$/);
    expect(Organization?.MasterAccountId).toBe(sim.world.state.managementAccountId);
    const { Roots } = await admin.send(new ListRootsCommand({}));
    expect(Roots?.[0]?.Id).toMatch(/^r-[0-9a-z]{4,32}$/);
    const memberId = [...sim.world.state.accounts.values()].find((a) => a.id !== Organization?.MasterAccountId && !a.outsideOrganization)!.id;
    const { Account } = await admin.send(new DescribeAccountCommand({ AccountId: memberId }));
    expect(Account?.Arn).toBe(`arn:aws:organizations::${Organization?.MasterAccountId}:account/${Organization?.Id}/${memberId}`);
    expect(Account?.JoinedTimestamp).toBeInstanceOf(Date);
    await expect(admin.send(new DescribeAccountCommand({ AccountId: '000000000000' }))).rejects.toMatchObject({ name: 'AccountNotFoundException' });
  });

  test('OUs created under the root hold the accounts the tree reports', async () => {
    const { Roots } = await admin.send(new ListRootsCommand({}));
    const rootId = Roots![0]!.Id!;
    const { OrganizationalUnit } = await admin.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Simulator Test OU' }));
    expect(OrganizationalUnit?.Id).toMatch(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/);
    await expect(admin.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Simulator Test OU' }))).rejects.toMatchObject({
      name: 'DuplicateOrganizationalUnitException',
    });
    const described = await admin.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: OrganizationalUnit!.Id! }));
    expect(described.OrganizationalUnit?.Name).toBe('Simulator Test OU');
    const ous = await admin.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }));
    expect(ous.OrganizationalUnits?.map((o) => o.Id)).toContain(OrganizationalUnit!.Id);
    const children = await admin.send(new ListChildrenCommand({ ParentId: rootId, ChildType: 'ORGANIZATIONAL_UNIT' }));
    expect(children.Children).toContainEqual({ Id: OrganizationalUnit!.Id, Type: 'ORGANIZATIONAL_UNIT' });
    const parents = await admin.send(new ListParentsCommand({ ChildId: OrganizationalUnit!.Id! }));
    expect(parents.Parents).toEqual([{ Id: rootId, Type: 'ROOT' }]);

    const accountsUnderRoot = await admin.send(new ListAccountsForParentCommand({ ParentId: rootId, MaxResults: 20 }));
    for (const account of accountsUnderRoot.Accounts ?? []) {
      const { Parents } = await admin.send(new ListParentsCommand({ ChildId: account.Id! }));
      expect(Parents?.[0]?.Id).toBe(rootId);
    }
    await expect(admin.send(new ListChildrenCommand({ ParentId: 'ou-zzzz-zzzzzzzz', ChildType: 'ACCOUNT' }))).rejects.toMatchObject({
      name: 'ParentNotFoundException',
    });
  });

  test('CreateAccount is IN_PROGRESS, then SUCCEEDED with an account whose role trusts the management account', async () => {
    const slow = await startTestSimulator({ createAccountDelayMs: 60_000 });
    const client = new OrganizationsClient(asAdmin(slow));
    const { CreateAccountStatus } = await client.send(new CreateAccountCommand({ Email: 'new@example.com', AccountName: 'New' }));
    expect(CreateAccountStatus?.State).toBe('IN_PROGRESS');
    expect(CreateAccountStatus?.Id).toMatch(/^car-[a-z0-9]{8,32}$/);
    slow.advanceClock(60_000);
    const done = await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id! }));
    expect(done.CreateAccountStatus?.State).toBe('SUCCEEDED');
    const accountId = done.CreateAccountStatus!.AccountId!;
    const { Account } = await client.send(new DescribeAccountCommand({ AccountId: accountId }));
    expect(Account).toMatchObject({ Name: 'New', Email: 'new@example.com', JoinedMethod: 'CREATED', Status: 'ACTIVE' });
    const role = slow.world.state.accounts.get(accountId)?.iam.roles.get('OrganizationAccountAccessRole');
    expect(JSON.stringify(role?.assumeRolePolicyDocument)).toContain(`arn:aws:iam::${slow.world.state.managementAccountId}:root`);
    client.destroy();
    await slow.stop();
  });

  test('a member account may describe the organisation but ListAccounts is refused as AWS refuses it', async () => {
    const org = sim.world.state.organization!;
    const member = [...sim.world.state.accounts.values()].find((a) => a.id !== org.managementAccountId && !a.outsideOrganization)!;
    const sts = new STSClient(clientConfig(sim, managementOperator(sim)));
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member.id}:role/OrganizationAccountAccessRole`, RoleSessionName: 'member' }),
    );
    sts.destroy();
    const client = new OrganizationsClient(
      clientConfig(sim, { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken }),
    );
    const { Organization } = await client.send(new DescribeOrganizationCommand({}));
    expect(Organization?.Id).toBe(org.id);
    await expect(client.send(new ListAccountsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: "You don't have permissions to access this resource.",
    });
    client.destroy();
  });
});

describe('Organizations without an organisation', () => {
  test('answers AWSOrganizationsNotInUseException', async () => {
    const sim = await startTestSimulator({ seed: { organizations: false } });
    const client = new OrganizationsClient(asAdmin(sim));
    await expect(client.send(new ListAccountsCommand({}))).rejects.toMatchObject({ name: 'AWSOrganizationsNotInUseException' });
    await expect(client.send(new DescribeOrganizationCommand({}))).rejects.toMatchObject({ name: 'AWSOrganizationsNotInUseException' });
    client.destroy();
    await sim.stop();
  });
});
