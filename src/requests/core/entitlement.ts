import { describeEntitlement } from '../../core/describe-entitlement.ts';

/**
 * One requested entitlement, resolved against the inventory by the service (names and ids as last synced).
 * A request covering several accounts is one of these per account.
 */
export type RequestedEntitlement =
  | {
      kind: 'permission_set';
      permissionSetArn: string;
      permissionSetName: string;
      account: { id: string; name: string; ouPath: string | null; tags: Record<string, string> };
    }
  | { kind: 'sso_group'; groupId: string; groupName: string }
  | { kind: 'iam_group'; groupArn: string; groupName: string; account: { id: string; name: string } };

/** The inventory entitlement key the grant has (`account:<id>#<psArn>`, `sso_group:<id>#member`, `iam_group:<arn>#member`). */
export function entitlementKeyOf(e: RequestedEntitlement): string {
  switch (e.kind) {
    case 'permission_set':
      return `account:${e.account.id}#${e.permissionSetArn}`;
    case 'sso_group':
      return `sso_group:${e.groupId}#member`;
    case 'iam_group':
      return `iam_group:${e.groupArn}#member`;
  }
}

/**
 * How the request reads: as tasks and the explorer say it (`AdministratorAccess on payments-prod`, `member of
 * Admins`); an IAM group with its account, since every account may have a group of that name.
 */
export function describeRequested(e: RequestedEntitlement): string {
  const key = entitlementKeyOf(e);
  switch (e.kind) {
    case 'permission_set':
      return describeEntitlement({ displayName: e.permissionSetName, slug: e.permissionSetArn, resourceDisplayName: e.account.name, resourceExternalId: e.account.id, key });
    case 'sso_group':
      return describeEntitlement({ displayName: 'member', slug: 'member', resourceDisplayName: e.groupName, resourceExternalId: e.groupId, key });
    case 'iam_group':
      return `${describeEntitlement({ displayName: 'member', slug: 'member', resourceDisplayName: e.groupName, resourceExternalId: e.groupArn, key })} in ${e.account.name}`;
  }
}

/**
 * The resources whose owners (src/ownership) approve when a step names `owner`, in the order asked: the
 * account before the permission set (the account's owner answers for what happens in it), as reviews do.
 */
export function ownerResourcesOf(e: RequestedEntitlement): { resourceType: 'account' | 'permission_set' | 'sso_group' | 'iam_group'; resourceId: string }[] {
  switch (e.kind) {
    case 'permission_set':
      return [{ resourceType: 'account', resourceId: e.account.id }, { resourceType: 'permission_set', resourceId: e.permissionSetArn }];
    case 'sso_group':
      return [{ resourceType: 'sso_group', resourceId: e.groupId }];
    case 'iam_group':
      return [{ resourceType: 'iam_group', resourceId: e.groupArn }, { resourceType: 'account', resourceId: e.account.id }];
  }
}

/** Names (accounts, permission sets, groups, emails) are compared as people type them: trimmed, case-insensitive. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** A reference in a policy to a thing with an id (or ARN) and a name: the id exactly, or the name case-insensitively. */
export function refersTo(ref: string, thing: { id: string; name: string }): boolean {
  return ref.trim() === thing.id || sameName(ref, thing.name);
}
