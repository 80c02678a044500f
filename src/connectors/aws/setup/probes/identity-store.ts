/** Identity Store's read actions (Identity Center's users, groups and memberships). */
import {
  GetGroupMembershipIdCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-identitystore';
import type { AwsSession } from '../../session/session.ts';
import type { IdentityCenterInstance } from '../../resource-types.ts';
import { identityCenterClients } from '../../sync/identity-center.ts';
import { need, once, some, type Probes } from './kit.ts';

/** The first Identity Center user, which Identity Center's own checks call actions on too. */
export function ssoUserFinder(session: AwsSession, ic: () => Promise<IdentityCenterInstance>): () => Promise<string | undefined> {
  return once(async () => {
    const { identityStoreId } = await ic();
    return (await identityCenterClients(session).identityStore.send(new ListUsersCommand({ IdentityStoreId: identityStoreId, MaxResults: 1 }))).Users?.[0]?.UserId;
  });
}

export function identityStoreProbes(session: AwsSession, ic: () => Promise<IdentityCenterInstance>, ssoUser: () => Promise<string | undefined>): Probes {
  const identityStore = () => identityCenterClients(session).identityStore;
  const ssoGroup = once(async () => {
    const { identityStoreId } = await ic();
    return (await identityStore().send(new ListGroupsCommand({ IdentityStoreId: identityStoreId, MaxResults: 1 }))).Groups?.[0]?.GroupId;
  });
  const membership = once(async () => {
    const { identityStoreId } = await ic();
    const groupId = some(await need('identitystore:ListGroups', ssoGroup), 'There is no Identity Center group to call it on.');
    const m = (await identityStore().send(new ListGroupMembershipsCommand({ IdentityStoreId: identityStoreId, GroupId: groupId, MaxResults: 1 }))).GroupMemberships?.[0];
    return { groupId, userId: m?.MemberId && 'UserId' in m.MemberId ? m.MemberId.UserId : undefined };
  });
  const onSsoUser = async () => some(await need('identitystore:ListUsers', ssoUser), 'There is no Identity Center user to call it on.');

  return {
    'identitystore:ListUsers': async () => (await ssoUser(), 'Listed Identity Center users.'),
    'identitystore:ListGroups': async () => (await ssoGroup(), 'Listed Identity Center groups.'),
    'identitystore:ListGroupMemberships': async () => `Listed the members of Identity Center group ${(await membership()).groupId}.`,
    'identitystore:GetGroupMembershipId': async () => {
      const { groupId, userId } = await need('identitystore:ListGroupMemberships', membership);
      const member = some(userId, `Identity Center group ${groupId} has no user member to call it on.`);
      await identityStore().send(new GetGroupMembershipIdCommand({ IdentityStoreId: (await ic()).identityStoreId, GroupId: groupId, MemberId: { UserId: member } }));
      return `Found the membership of user ${member} in group ${groupId}.`;
    },
    'identitystore:ListGroupMembershipsForMember': async () => {
      const userId = await onSsoUser();
      await identityStore().send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId: (await ic()).identityStoreId, MemberId: { UserId: userId }, MaxResults: 1 }));
      return `Listed the groups of Identity Center user ${userId}.`;
    },
  };
}
