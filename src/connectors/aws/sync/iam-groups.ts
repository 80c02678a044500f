/** IAM groups of one account, their `member` entitlement, and one grant of it per member. */
import { GetGroupCommand, ListGroupsCommand, type Group, type User } from '@aws-sdk/client-iam';
import { mapConcurrent } from '../../../core/concurrency.ts';
import { entitlementKey, type InventoryItem } from '../../../core/inventory-items.ts';
import type { SyncEvent } from '../../connector.ts';
import type { IamScope } from './iam-scope.ts';
import { MEMBER, ref } from '../resource-types.ts';

type NamedGroup = Group & { Arn: string; GroupName: string };

export async function* syncIamGroups(scope: IamScope): AsyncGenerator<SyncEvent, void> {
  const { iam, account, ctx } = scope;
  let marker: string | undefined;
  let count = 0;
  do {
    ctx.progress({ stage: 'iam', detail: `${account.name}: ${count} groups` });
    const page = await scope.call('iam:ListGroups', () => iam.send(new ListGroupsCommand({ MaxItems: scope.pageSize, ...(marker ? { Marker: marker } : {}) })));
    const groups = (page.Groups ?? []).filter((g): g is NamedGroup => g.Arn !== undefined && g.GroupName !== undefined);
    const members = await mapConcurrent(groups, scope.inFlight, (g) => membersOf(scope, g.GroupName));
    for (const [i, group] of groups.entries()) yield* groupItems(account.id, group, members[i] ?? []);
    count += groups.length;
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
}

/** Every member of the group, across GetGroup's pages. */
async function membersOf(scope: IamScope, groupName: string): Promise<User[]> {
  const users: User[] = [];
  let marker: string | undefined;
  do {
    const page = await scope.call('iam:GetGroup', () =>
      scope.iam.send(new GetGroupCommand({ GroupName: groupName, MaxItems: scope.pageSize, ...(marker ? { Marker: marker } : {}) })),
    );
    users.push(...(page.Users ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return users;
}

export function groupItems(accountId: string, group: NamedGroup, members: Pick<User, 'Arn'>[]): InventoryItem[] {
  const groupRef = ref('iam_group', group.Arn);
  const membership = entitlementKey(groupRef, MEMBER);
  return [
    {
      kind: 'resource',
      resourceType: 'iam_group',
      externalId: group.Arn,
      parent: ref('account', accountId),
      displayName: group.GroupName,
      attributes: {
        groupName: group.GroupName,
        ...(group.GroupId === undefined ? {} : { groupId: group.GroupId }),
        ...(group.Path === undefined ? {} : { path: group.Path }),
        ...(group.CreateDate === undefined ? {} : { createDate: group.CreateDate.toISOString() }),
      },
    },
    { kind: 'entitlement', resource: groupRef, slug: MEMBER, displayName: 'member' },
    ...members
      .filter((u): u is { Arn: string } => u.Arn !== undefined)
      .map((u): InventoryItem => ({ kind: 'grant', entitlementKey: membership, principal: ref('iam_user', u.Arn) })),
  ];
}
