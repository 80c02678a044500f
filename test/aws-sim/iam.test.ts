import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteConflictException,
  DeleteGroupCommand,
  DeletePolicyCommand,
  DeleteUserCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetGroupCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  IAMClient,
  ListAccountAliasesCommand,
  ListAttachedRolePoliciesCommand,
  ListGroupsForUserCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListUserTagsCommand,
  ListUsersCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateRoleDescriptionCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../src/aws-sim/index.ts';
import { asAdmin, clientConfig, startTestSimulator } from '../harness/aws-sim.ts';

let sim: Simulator;
let admin: IAMClient;
let connector: IAMClient;

beforeAll(async () => {
  sim = await startTestSimulator({ seed: { seed: 3, accounts: 1, iamUsersPerAccount: 7 } });
  admin = new IAMClient(asAdmin(sim));
  const { rrcu } = sim.world;
  connector = new IAMClient(
    clientConfig(
      sim,
      fromTemporaryCredentials({
        params: { RoleArn: rrcu.connectorRoleArn, RoleSessionName: 'rrcu-sync', ExternalId: rrcu.externalId },
        masterCredentials: { accessKeyId: rrcu.accessKeyId, secretAccessKey: rrcu.secretAccessKey },
        clientConfig: { region: sim.region, endpoint: sim.endpoint },
      }),
    ),
  );
});
afterAll(() => sim.stop());

const account = () => sim.world.state.managementAccountId;

describe('pagination', () => {
  test('ListUsers pages with MaxItems and Marker until IsTruncated is false, each user once', async () => {
    const expected = sim.world.state.accounts.get(account())!.iam.users.size;
    expect(expected).toBeGreaterThan(3);
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListUsers({ client: connector, pageSize: 3 }, {})) {
      pages += 1;
      expect(page.Users!.length).toBeLessThanOrEqual(3);
      names.push(...page.Users!.map((u) => u.UserName!));
    }
    expect(pages).toBe(Math.ceil(expected / 3));
    expect(new Set(names).size).toBe(expected);
  });

  test('ListRoles pages with MaxItems', async () => {
    const first = await connector.send(new ListRolesCommand({ MaxItems: 2 }));
    expect(first.Roles).toHaveLength(2);
    expect(first.IsTruncated).toBe(true);
    const second = await connector.send(new ListRolesCommand({ MaxItems: 2, Marker: first.Marker }));
    expect(second.Roles![0]!.RoleName).not.toBe(first.Roles![1]!.RoleName);
  });

  test('GetGroup pages its members', async () => {
    await admin.send(new CreateGroupCommand({ GroupName: 'paged-group' }));
    for (const n of [1, 2, 3, 4, 5]) {
      await admin.send(new CreateUserCommand({ UserName: `member-${n}` }));
      await admin.send(new AddUserToGroupCommand({ GroupName: 'paged-group', UserName: `member-${n}` }));
    }
    const first = await connector.send(new GetGroupCommand({ GroupName: 'paged-group', MaxItems: 2 }));
    expect(first.Group?.GroupName).toBe('paged-group');
    expect(first.Users!.map((u) => u.UserName)).toEqual(['member-1', 'member-2']);
    const second = await connector.send(new GetGroupCommand({ GroupName: 'paged-group', MaxItems: 2, Marker: first.Marker }));
    const third = await connector.send(new GetGroupCommand({ GroupName: 'paged-group', MaxItems: 2, Marker: second.Marker }));
    expect(second.Users!.map((u) => u.UserName)).toEqual(['member-3', 'member-4']);
    expect(third.Users!.map((u) => u.UserName)).toEqual(['member-5']);
    expect(third.IsTruncated).toBe(false);
    expect(third.Marker).toBeUndefined();
  });

  test('MaxItems above 1000 is a ValidationError', async () => {
    await expect(connector.send(new ListUsersCommand({ MaxItems: 1001 }))).rejects.toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
  });
});

describe('roles and policies', () => {
  test("the trust policy arrives URL-encoded and decodes to the role's document", async () => {
    const { Role } = await admin.send(new GetRoleCommand({ RoleName: 'RRCUIntegration' }));
    expect(Role!.AssumeRolePolicyDocument).toMatch(/^%7B/);
    const trust = JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement[0].Principal.AWS).toBe(sim.world.rrcu.arn);
    expect(trust.Statement[0].Condition.StringEquals['sts:ExternalId']).toBe(sim.world.rrcu.externalId);
  });

  test('inline role policies round-trip, URL-encoded on the way out', async () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    await admin.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: JSON.stringify(trust), Description: 'first' }));
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] };
    await admin.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'read-bucket', PolicyDocument: JSON.stringify(policy) }));
    expect((await admin.send(new ListRolePoliciesCommand({ RoleName: 'app' }))).PolicyNames).toEqual(['read-bucket']);
    const got = await admin.send(new GetRolePolicyCommand({ RoleName: 'app', PolicyName: 'read-bucket' }));
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument!))).toEqual(policy);
    const updated = await admin.send(new UpdateRoleDescriptionCommand({ RoleName: 'app', Description: 'second' }));
    expect(updated.Role?.Description).toBe('second');
  });

  test('customer-managed policies attach, list as Local, and cannot be deleted while attached', async () => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] };
    const { Policy } = await admin.send(new CreatePolicyCommand({ PolicyName: 'list-users', PolicyDocument: JSON.stringify(document) }));
    expect(Policy?.Arn).toBe(`arn:aws:iam::${account()}:policy/list-users`);
    await admin.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: Policy!.Arn }));
    const attached = await admin.send(new ListAttachedRolePoliciesCommand({ RoleName: 'app' }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'list-users', PolicyArn: Policy!.Arn }]);

    const local = await admin.send(new ListPoliciesCommand({ Scope: 'Local' }));
    expect(local.Policies!.every((p) => p.Arn!.startsWith(`arn:aws:iam::${account()}:`))).toBe(true);
    expect(local.Policies!.find((p) => p.PolicyName === 'list-users')?.AttachmentCount).toBe(1);
    const aws = await admin.send(new ListPoliciesCommand({ Scope: 'AWS', MaxItems: 5 }));
    expect(aws.Policies!.every((p) => p.Arn!.startsWith('arn:aws:iam::aws:policy/'))).toBe(true);

    const version = await admin.send(new GetPolicyVersionCommand({ PolicyArn: Policy!.Arn, VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!))).toEqual(document);

    await expect(admin.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn }))).rejects.toBeInstanceOf(DeleteConflictException);
    await admin.send(new DetachRolePolicyCommand({ RoleName: 'app', PolicyArn: Policy!.Arn }));
    await admin.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn }));
  });
});

describe('users and groups', () => {
  test('a missing user is the typed NoSuchEntityException with a 404', async () => {
    const attempt = admin.send(new GetUserCommand({ UserName: 'nobody-here' }));
    await expect(attempt).rejects.toBeInstanceOf(NoSuchEntityException);
    await expect(attempt).rejects.toMatchObject({ message: 'The user with name nobody-here cannot be found.', $metadata: { httpStatusCode: 404 } });
  });

  test('a duplicate user, even in another case, is the typed EntityAlreadyExistsException', async () => {
    await admin.send(new CreateUserCommand({ UserName: 'Dana', Tags: [{ Key: 'team', Value: 'ops' }] }));
    const attempt = admin.send(new CreateUserCommand({ UserName: 'dana' }));
    await expect(attempt).rejects.toBeInstanceOf(EntityAlreadyExistsException);
    await expect(attempt).rejects.toMatchObject({ $metadata: { httpStatusCode: 409 } });
    expect((await admin.send(new ListUserTagsCommand({ UserName: 'Dana' }))).Tags).toEqual([{ Key: 'team', Value: 'ops' }]);
  });

  test('group membership is idempotent both ways, and a group with members cannot be deleted', async () => {
    await admin.send(new CreateGroupCommand({ GroupName: 'ops' }));
    await admin.send(new AddUserToGroupCommand({ GroupName: 'ops', UserName: 'Dana' }));
    await admin.send(new AddUserToGroupCommand({ GroupName: 'ops', UserName: 'Dana' }));
    expect((await admin.send(new ListGroupsForUserCommand({ UserName: 'Dana' }))).Groups!.map((g) => g.GroupName)).toEqual(['ops']);
    await expect(admin.send(new DeleteGroupCommand({ GroupName: 'ops' }))).rejects.toBeInstanceOf(DeleteConflictException);
    await expect(admin.send(new DeleteUserCommand({ UserName: 'Dana' }))).rejects.toBeInstanceOf(DeleteConflictException);
    await admin.send(new RemoveUserFromGroupCommand({ GroupName: 'ops', UserName: 'Dana' }));
    await admin.send(new RemoveUserFromGroupCommand({ GroupName: 'ops', UserName: 'Dana' }));
    await admin.send(new DeleteGroupCommand({ GroupName: 'ops' }));
    await admin.send(new DeleteUserCommand({ UserName: 'Dana' }));
  });

  test('account aliases: one per account, listed by ListAccountAliases', async () => {
    await admin.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-management' }));
    expect((await connector.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['acme-management']);
  });
});

describe('policy enforcement', () => {
  test('the connector role may not create users: AccessDenied names the action, caller and resource', async () => {
    const attempt = connector.send(new CreateUserCommand({ UserName: 'intruder' }));
    await expect(attempt).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message:
        `User: arn:aws:sts::${account()}:assumed-role/RRCUIntegration/rrcu-sync is not authorized to perform: iam:CreateUser ` +
        `on resource: arn:aws:iam::${account()}:user/intruder because no identity-based policy allows the iam:CreateUser action`,
    });
  });

  test('the connector role may read only roles under the Identity Center path with GetRole', async () => {
    await expect(connector.send(new GetRoleCommand({ RoleName: 'app' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
