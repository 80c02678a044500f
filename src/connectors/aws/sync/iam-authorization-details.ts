/**
 * IAM of one account read with GetAccountAuthorizationDetails: users with their groups and policies,
 * groups with theirs, roles with theirs, and the account's own managed policies with their default
 * version, in a few paged calls instead of one or two per user, group and role. ListUsers and ListRoles
 * (one call per 1,000) add what the detail leaves out: passwords' last use, roles' description and
 * session length, so the resources are the same as the per-item read's.
 */
import {
  GetAccountAuthorizationDetailsCommand,
  ListRolesCommand,
  ListUsersCommand,
  type AttachedPolicy,
  type GroupDetail,
  type ManagedPolicyDetail,
  type PolicyDetail,
  type Role,
  type RoleDetail,
  type User,
  type UserDetail,
} from '@aws-sdk/client-iam';
import type { InventoryItem } from '../../../core/inventory-items.ts';
import { ref } from '../resource-types.ts';
import { groupItems } from './iam-groups.ts';
import { createPolicyEntitlements, principalVerdict, sortPolicies, type HeldPolicy } from './iam-policies.ts';
import { decodePolicyDocument, iamRoleResource } from './iam-roles.ts';
import { listAllPages, type IamScope } from './iam-scope.ts';
import { iamUserResource } from './iam-users.ts';

export const AUTHORIZATION_DETAILS_ACTION = 'iam:GetAccountAuthorizationDetails';

/**
 * AWS managed policies are left out: AWS would page through every one attached in the account with
 * all its versions, and RRCU judges them by name (privileged.ts).
 */
const FILTER = ['User', 'Role', 'Group', 'LocalManagedPolicy'] as const;

export type AuthorizationDetails = { users: UserDetail[]; groups: GroupDetail[]; roles: RoleDetail[]; policies: ManagedPolicyDetail[] };

/** Every page of the account's authorization details; undefined when the action is denied (warned once per sync). */
export async function readAuthorizationDetails(scope: IamScope): Promise<AuthorizationDetails | undefined> {
  const details: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
  let marker: string | undefined;
  do {
    scope.ctx.progress({ stage: 'iam', detail: `${scope.account.name}: authorization details, ${details.users.length + details.roles.length} users and roles` });
    const page = await scope.optional(AUTHORIZATION_DETAILS_ACTION, () =>
      scope.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: [...FILTER], MaxItems: scope.pageSize, ...(marker ? { Marker: marker } : {}) })),
    );
    if (!page) return undefined;
    details.users.push(...(page.UserDetailList ?? []));
    details.groups.push(...(page.GroupDetailList ?? []));
    details.roles.push(...(page.RoleDetailList ?? []));
    details.policies.push(...(page.Policies ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return details;
}

/** The per-role fields GAAD leaves out, and the password's last use of users, from the plain lists. */
export async function listUsersAndRoles(scope: IamScope): Promise<{ users: User[]; roles: Role[] }> {
  const users = await listAllPages(scope, 'iam:ListUsers', (Marker) => scope.iam.send(new ListUsersCommand({ MaxItems: scope.pageSize, Marker })), (p) => p.Users);
  const roles = await listAllPages(scope, 'iam:ListRoles', (Marker) => scope.iam.send(new ListRolesCommand({ MaxItems: scope.pageSize, Marker })), (p) => p.Roles);
  return { users, roles };
}

/**
 * The account's users, groups (with members) and roles as the per-item read gives them, each with its
 * privileged verdict, and its policies as entitlements held by those principals. The principals are those
 * ListUsers and ListRoles name; one created between the calls is kept, with its policies unknown.
 */
export function authorizationDetailsItems(accountId: string, details: AuthorizationDetails, listed: { users: User[]; roles: Role[] }): InventoryItem[] {
  const documents = new Map(details.policies.map((p) => [p.Arn ?? '', defaultDocument(p)]));
  const attached = (list: AttachedPolicy[] | undefined): HeldPolicy[] =>
    (list ?? []).map((p) => ({ name: p.PolicyName ?? p.PolicyArn ?? '', arn: p.PolicyArn ?? '', ...withDocument(documents.get(p.PolicyArn ?? '')) }));
  const inline = (list: PolicyDetail[] | undefined): HeldPolicy[] => (list ?? []).map((p) => ({ name: p.PolicyName ?? '', ...withDocument(decodePolicyDocument(p.PolicyDocument)) }));
  const policiesOf = (managed: AttachedPolicy[] | undefined, own: PolicyDetail[] | undefined) => sortPolicies([...attached(managed), ...inline(own)]);

  const policies = createPolicyEntitlements(accountId);
  const items: InventoryItem[] = [];

  const groupsByName = new Map(details.groups.filter((g) => g.GroupName !== undefined).map((g) => [g.GroupName!, g]));
  const groupPolicies = new Map([...groupsByName].map(([name, g]) => [name, policiesOf(g.AttachedManagedPolicies, g.GroupPolicyList)]));
  const userDetails = new Map(details.users.map((u) => [u.Arn ?? '', u]));
  for (const user of listed.users) {
    if (user.Arn === undefined || user.UserName === undefined) continue;
    const detail = userDetails.get(user.Arn);
    const resource = iamUserResource(accountId, { ...user, Arn: user.Arn, UserName: user.UserName }, detail ? (detail.Tags ?? []) : undefined);
    if (detail) {
      const own = policiesOf(detail.AttachedManagedPolicies, detail.UserPolicyList);
      const groups = (detail.GroupList ?? []).map((name) => ({ name, policies: groupPolicies.get(name) ?? [] }));
      resource.attributes = { ...resource.attributes, ...principalVerdict(own, groups) };
      policies.hold(ref('iam_user', user.Arn), own);
    }
    items.push(resource);
  }

  // A user lists its groups by name; GetGroup's members are the users naming the group.
  const members = new Map<string, Pick<User, 'Arn'>[]>();
  for (const u of details.users) for (const name of u.GroupList ?? []) members.set(name, [...(members.get(name) ?? []), { Arn: u.Arn }]);
  for (const [name, group] of groupsByName) {
    if (group.Arn === undefined) continue;
    const [resource, ...rest] = groupItems(accountId, { Path: group.Path, GroupName: name, GroupId: group.GroupId, Arn: group.Arn, CreateDate: group.CreateDate }, members.get(name) ?? []);
    const own = groupPolicies.get(name) ?? [];
    if (resource?.kind === 'resource') resource.attributes = { ...resource.attributes, ...principalVerdict(own) };
    items.push(...(resource ? [resource] : []), ...rest);
    policies.hold(ref('iam_group', group.Arn), own);
  }

  const roleDetails = new Map(details.roles.map((r) => [r.Arn ?? '', r]));
  for (const role of listed.roles) {
    if (role.Arn === undefined || role.RoleName === undefined) continue;
    const detail = roleDetails.get(role.Arn);
    const own = detail && policiesOf(detail.AttachedManagedPolicies, detail.RolePolicyList);
    const names = own && {
      attachedPolicies: own.filter((p) => p.arn !== undefined).map((p) => ({ policyName: p.name, policyArn: p.arn! })),
      inlinePolicyNames: own.filter((p) => p.arn === undefined).map((p) => p.name),
    };
    const resource = iamRoleResource(accountId, { ...role, Arn: role.Arn, RoleName: role.RoleName }, names);
    if (own) {
      resource.attributes = { ...resource.attributes, ...principalVerdict(own) };
      policies.hold(ref('iam_role', role.Arn), own);
    }
    items.push(resource);
  }
  return [...items, ...policies.items()];
}

/** A customer managed policy's default version, decoded; GAAD lists every version of it. */
function defaultDocument(policy: ManagedPolicyDetail): unknown {
  const version = policy.PolicyVersionList?.find((v) => v.IsDefaultVersion) ?? policy.PolicyVersionList?.find((v) => v.VersionId === policy.DefaultVersionId);
  return decodePolicyDocument(version?.Document);
}

function withDocument(document: unknown): { document?: unknown } {
  return document === undefined ? {} : { document };
}
