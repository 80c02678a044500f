import { paginateListGroupMemberships, paginateListGroups, type Group } from '@aws-sdk/client-identitystore';
import { mapConcurrent } from '../../../core/concurrency.ts';
import { entitlementKey, type GrantItem } from '../../../core/inventory-items.ts';
import type { SyncEvent } from '../../connector.ts';
import { IDENTITY_CENTER_CONCURRENCY, IDENTITY_CENTER_PAGE_SIZE, identityCenterClients, isGone, pagesOf } from './identity-center.ts';
import { MEMBER, ref, type IdentityCenterInstance } from '../resource-types.ts';
import type { AwsSyncInput } from '../session/session.ts';

/**
 * Identity Center groups with their `member` entitlement, and who holds it: one page of groups at a
 * time, the memberships of that page's groups listed a few groups at once (Identity Store calls share
 * Identity Center's ~20 requests per second, see IDENTITY_CENTER_CONCURRENCY). Each grant keeps the
 * membership id, which is what removing a member needs (DeleteGroupMembership) without asking
 * GetGroupMembershipId first.
 */
export async function* syncSsoGroups(input: AwsSyncInput, instance: IdentityCenterInstance): AsyncGenerator<SyncEvent, { count: number }> {
  const { identityStore } = identityCenterClients(input.session);
  const IdentityStoreId = instance.identityStoreId;
  let count = 0;
  let memberships = 0;
  const groupPages = paginateListGroups({ client: identityStore, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { IdentityStoreId });
  for await (const page of pagesOf(input.session, groupPages, 'identitystore:ListGroups')) {
    const groups = (page.Groups ?? []).filter((g): g is Group & { GroupId: string } => Boolean(g.GroupId));
    for (const group of groups) {
      const resource = ref('sso_group', group.GroupId);
      yield {
        kind: 'resource',
        ...resource,
        displayName: group.DisplayName ?? group.GroupId,
        attributes: {
          description: group.Description,
          externalIds: (group.ExternalIds ?? []).map((e) => ({ issuer: e.Issuer, id: e.Id })),
        },
      };
      yield { kind: 'entitlement', resource, slug: MEMBER, displayName: MEMBER };
    }
    count += groups.length;
    const grantsPerGroup = await mapConcurrent(groups, IDENTITY_CENTER_CONCURRENCY, async (group) => {
      const grants: GrantItem[] = [];
      const key = entitlementKey(ref('sso_group', group.GroupId), MEMBER);
      const pages = paginateListGroupMemberships({ client: identityStore, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { IdentityStoreId, GroupId: group.GroupId });
      try {
        for await (const members of pagesOf(input.session, pages, 'identitystore:ListGroupMemberships')) {
          for (const m of members.GroupMemberships ?? []) {
            // MemberId is a union whose only member today is UserId.
            const userId = m.MemberId && 'UserId' in m.MemberId ? m.MemberId.UserId : undefined;
            if (!userId) continue;
            grants.push({ kind: 'grant', entitlementKey: key, principal: ref('sso_user', userId), attributes: { membershipId: m.MembershipId } });
          }
        }
      } catch (error) {
        if (!isGone(error)) throw error;
        return [];
      }
      return grants;
    });
    for (const grants of grantsPerGroup) {
      memberships += grants.length;
      yield* grants;
    }
    input.ctx.progress({ stage: 'identity-center-groups', detail: `${count} groups, ${memberships} memberships` });
  }
  return { count };
}

/**
 * How many groups there are, for the assignment planner when a resumed sync has already stored the
 * groups stage: ListGroups alone, without the memberships that make the stage expensive.
 */
export async function countSsoGroups(input: AwsSyncInput, instance: IdentityCenterInstance): Promise<number> {
  const { identityStore } = identityCenterClients(input.session);
  const pages = paginateListGroups({ client: identityStore, pageSize: IDENTITY_CENTER_PAGE_SIZE }, { IdentityStoreId: instance.identityStoreId });
  let count = 0;
  for await (const page of pagesOf(input.session, pages, 'identitystore:ListGroups')) count += page.Groups?.length ?? 0;
  return count;
}
