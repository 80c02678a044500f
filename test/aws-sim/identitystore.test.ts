import {
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupMembershipCommand,
  DeleteUserCommand,
  DescribeGroupCommand,
  DescribeGroupMembershipCommand,
  DescribeUserCommand,
  GetGroupIdCommand,
  GetGroupMembershipIdCommand,
  GetUserIdCommand,
  IdentitystoreClient,
  IsMemberInGroupsCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand,
  ListUsersCommand,
  UpdateUserCommand,
  paginateListUsers,
} from '@aws-sdk/client-identitystore';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../src/aws-sim/index.ts';
import { asConnector } from '../harness/connector-credentials.ts';
import { asAdmin, startTestSimulator } from '../harness/aws-sim.ts';

describe('Identity Store over the SDK', () => {
  let sim: Simulator;
  let admin: IdentitystoreClient;
  let IdentityStoreId: string;

  beforeAll(async () => {
    sim = await startTestSimulator({ seed: { users: 23, groups: 4 } });
    admin = new IdentitystoreClient(asAdmin(sim));
    IdentityStoreId = sim.world.state.identityCenter!.identityStoreId;
  });
  afterAll(async () => {
    admin.destroy();
    await sim.stop();
  });

  test('the connector role pages through every user, five at a time, with UserStatus', async () => {
    const client = new IdentitystoreClient(asConnector(sim));
    const sizes: number[] = [];
    const statuses = new Set<string>();
    for await (const page of paginateListUsers({ client }, { IdentityStoreId, MaxResults: 5 })) {
      sizes.push(page.Users?.length ?? 0);
      for (const u of page.Users ?? []) statuses.add(u.UserStatus ?? 'missing');
    }
    client.destroy();
    expect(sizes).toEqual([5, 5, 5, 5, 3]);
    expect(statuses.has('missing')).toBe(false);
  });

  test('MaxResults above 100 and foreign NextTokens are ValidationExceptions', async () => {
    await expect(admin.send(new ListUsersCommand({ IdentityStoreId, MaxResults: 101 }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(admin.send(new ListUsersCommand({ IdentityStoreId, NextToken: 'bm90LWEtdG9rZW4=' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  test('an unknown identity store, or the right one from another region, is ResourceNotFoundException IDENTITY_STORE', async () => {
    await expect(admin.send(new ListGroupsCommand({ IdentityStoreId: 'd-0000000000' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceType: 'IDENTITY_STORE',
    });
    const elsewhere = new IdentitystoreClient(asAdmin(sim, { region: 'eu-west-1' }));
    await expect(elsewhere.send(new ListGroupsCommand({ IdentityStoreId }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceType: 'IDENTITY_STORE',
    });
    elsewhere.destroy();
  });

  test('users and groups are found by id and by unique attribute, and DescribeUser reports the status from the state', async () => {
    const user = [...sim.world.state.identityCenter!.users.values()][0]!;
    user.status = 'DISABLED';
    const described = await admin.send(new DescribeUserCommand({ IdentityStoreId, UserId: user.userId }));
    expect(described).toMatchObject({ UserName: user.userName, UserStatus: 'DISABLED', DisplayName: user.displayName });
    user.status = 'ENABLED';
    const byName = await admin.send(
      new GetUserIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: user.userName } } }),
    );
    expect(byName.UserId).toBe(user.userId);
    const group = [...sim.world.state.identityCenter!.groups.values()][0]!;
    const groupById = await admin.send(new DescribeGroupCommand({ IdentityStoreId, GroupId: group.groupId }));
    expect(groupById.DisplayName).toBe(group.displayName);
    const groupByName = await admin.send(
      new GetGroupIdCommand({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: group.displayName } } }),
    );
    expect(groupByName.GroupId).toBe(group.groupId);
    await expect(
      admin.send(new DescribeUserCommand({ IdentityStoreId, UserId: '00000000-0000-4000-8000-000000000000' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'USER' });
  });

  test('memberships are created once, found every way, and deleted', async () => {
    const created = await admin.send(
      new CreateUserCommand({ IdentityStoreId, UserName: 'sim.test.user', DisplayName: 'Sim Test', Name: { GivenName: 'Sim', FamilyName: 'Test' } }),
    );
    const GroupId = (await admin.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: 'Sim Test Group' }))).GroupId!;
    const UserId = created.UserId!;
    const MembershipId = (await admin.send(new CreateGroupMembershipCommand({ IdentityStoreId, GroupId, MemberId: { UserId } }))).MembershipId!;
    await expect(admin.send(new CreateGroupMembershipCommand({ IdentityStoreId, GroupId, MemberId: { UserId } }))).rejects.toMatchObject({
      name: 'ConflictException',
      Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION',
    });
    const inGroup = await admin.send(new ListGroupMembershipsCommand({ IdentityStoreId, GroupId }));
    expect(inGroup.GroupMemberships).toEqual([{ IdentityStoreId, MembershipId, GroupId, MemberId: { UserId } }]);
    const forMember = await admin.send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId, MemberId: { UserId } }));
    expect(forMember.GroupMemberships?.map((m) => m.GroupId)).toEqual([GroupId]);
    const found = await admin.send(new GetGroupMembershipIdCommand({ IdentityStoreId, GroupId, MemberId: { UserId } }));
    expect(found.MembershipId).toBe(MembershipId);
    const described = await admin.send(new DescribeGroupMembershipCommand({ IdentityStoreId, MembershipId }));
    expect(described.MemberId).toEqual({ UserId });
    const otherGroup = [...sim.world.state.identityCenter!.groups.keys()][0]!;
    const check = await admin.send(new IsMemberInGroupsCommand({ IdentityStoreId, MemberId: { UserId }, GroupIds: [GroupId, otherGroup] }));
    expect(check.Results?.map((r) => r.MembershipExists)).toEqual([true, false]);

    await admin.send(new UpdateUserCommand({ IdentityStoreId, UserId, Operations: [{ AttributePath: 'displayName', AttributeValue: 'Renamed' }] }));
    expect((await admin.send(new DescribeUserCommand({ IdentityStoreId, UserId }))).DisplayName).toBe('Renamed');

    await admin.send(new DeleteGroupMembershipCommand({ IdentityStoreId, MembershipId }));
    await expect(admin.send(new GetGroupMembershipIdCommand({ IdentityStoreId, GroupId, MemberId: { UserId } }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await admin.send(new DeleteGroupCommand({ IdentityStoreId, GroupId }));
    await admin.send(new DeleteUserCommand({ IdentityStoreId, UserId }));
    await expect(admin.send(new DescribeUserCommand({ IdentityStoreId, UserId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(admin.send(new CreateUserCommand({ IdentityStoreId, DisplayName: 'No name' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  test('the reference connector policy allows GetGroupMembershipId', async () => {
    const client = new IdentitystoreClient(asConnector(sim));
    const membership = [...sim.world.state.identityCenter!.memberships.values()][0]!;
    const found = await client.send(new GetGroupMembershipIdCommand({ IdentityStoreId, GroupId: membership.groupId, MemberId: { UserId: membership.userId } }));
    expect(found.MembershipId).toBe(membership.membershipId);
    client.destroy();
  });
});

describe('Identity Store under the Terraform connector policy', () => {
  test('ListGroupMemberships is allowed; GetGroupMembershipId and ListGroupMembershipsForMember are denied by name', async () => {
    const sim = await startTestSimulator({ seed: { connectorPolicy: 'terraform' } });
    const ic = sim.world.state.identityCenter!;
    const membership = [...ic.memberships.values()][0]!;
    const client = new IdentitystoreClient(asConnector(sim));
    const listed = await client.send(new ListGroupMembershipsCommand({ IdentityStoreId: ic.identityStoreId, GroupId: membership.groupId }));
    expect(listed.GroupMemberships?.length).toBeGreaterThan(0);
    await expect(
      client.send(new GetGroupMembershipIdCommand({ IdentityStoreId: ic.identityStoreId, GroupId: membership.groupId, MemberId: { UserId: membership.userId } })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('identitystore:GetGroupMembershipId') });
    await expect(
      client.send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId: ic.identityStoreId, MemberId: { UserId: membership.userId } })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('identitystore:ListGroupMembershipsForMember') });
    client.destroy();
    await sim.stop();
  });
});
