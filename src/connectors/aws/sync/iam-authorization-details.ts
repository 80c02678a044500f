/**
 * IAM of one account read with GetAccountAuthorizationDetails: users with their groups and policies,
 * groups with theirs, roles with theirs, and the account's own managed policies with their default
 * version, in a few paged calls instead of one or two per user, group and role. What the detail leaves
 * out is not read with more calls (issue #12's budget: IAM and STS ≤ 4 calls per member account):
 * passwords' last use comes from the credential report (credential-report.ts, ListUsers only where
 * the report is denied), and roles go without description and session length (see `roleOf`).
 */
import {
  GetAccountAuthorizationDetailsCommand,
  type AttachedPolicy,
  type GroupDetail,
  type ManagedPolicyDetail,
  type PolicyDetail,
  type RoleDetail,
  type User,
  type UserDetail,
} from '@aws-sdk/client-iam';
import type { InventoryItem } from '../../../core/inventory-items.ts';
import { ref } from '../resource-types.ts';
import { groupItems } from './iam-groups.ts';
import { customerPolicyKey } from './permission-set-entitlements.ts';
import { createPolicyEntitlements, principalVerdict, sortPolicies, type HeldPolicy } from './iam-policies.ts';
import { decodePolicyDocument, iamRoleResource } from './iam-roles.ts';
import type { IamScope } from './iam-scope.ts';
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

/**
 * The account's users, groups (with members) and roles, each with its privileged verdict, and its
 * policies as entitlements held by those principals. Users carry no `passwordLastUsed`: the credential
 * report's is merged in later (withCredentialFacts).
 */
export function authorizationDetailsItems(accountId: string, details: AuthorizationDetails): InventoryItem[] {
  const documents = new Map(details.policies.map((p) => [p.Arn ?? '', defaultDocument(p)]));
  const attached = (list: AttachedPolicy[] | undefined): HeldPolicy[] =>
    (list ?? []).map((p) => ({ name: p.PolicyName ?? p.PolicyArn ?? '', arn: p.PolicyArn ?? '', ...withDocument(documents.get(p.PolicyArn ?? '')) }));
  const inline = (list: PolicyDetail[] | undefined): HeldPolicy[] => (list ?? []).map((p) => ({ name: p.PolicyName ?? '', ...withDocument(decodePolicyDocument(p.PolicyDocument)) }));
  const policiesOf = (managed: AttachedPolicy[] | undefined, own: PolicyDetail[] | undefined) => sortPolicies([...attached(managed), ...inline(own)]);

  const policies = createPolicyEntitlements(accountId);
  const items: InventoryItem[] = [];

  const groupsByName = new Map(details.groups.filter((g) => g.GroupName !== undefined).map((g) => [g.GroupName!, g]));
  const groupPolicies = new Map([...groupsByName].map(([name, g]) => [name, policiesOf(g.AttachedManagedPolicies, g.GroupPolicyList)]));
  for (const user of details.users) {
    if (user.Arn === undefined || user.UserName === undefined) continue;
    const resource = iamUserResource(accountId, { Arn: user.Arn, UserName: user.UserName, UserId: user.UserId, Path: user.Path, CreateDate: user.CreateDate }, user.Tags ?? []);
    // Unknown here (GAAD has no PasswordLastUsed), not null (never used): the report's value is merged in later.
    delete resource.attributes!.passwordLastUsed;
    const own = policiesOf(user.AttachedManagedPolicies, user.UserPolicyList);
    const groups = (user.GroupList ?? []).map((name) => ({ name, policies: groupPolicies.get(name) ?? [] }));
    resource.attributes = { ...resource.attributes, ...principalVerdict(own, groups) };
    policies.hold(ref('iam_user', user.Arn), own);
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

  for (const role of details.roles) {
    if (role.Arn === undefined || role.RoleName === undefined) continue;
    const named = { ...role, Arn: role.Arn, RoleName: role.RoleName };
    const own = policiesOf(role.AttachedManagedPolicies, role.RolePolicyList);
    const names = {
      attachedPolicies: own.filter((p) => p.arn !== undefined).map((p) => ({ policyName: p.name, policyArn: p.arn! })),
      inlinePolicyNames: own.filter((p) => p.arn === undefined).map((p) => p.name),
    };
    const resource = iamRoleResource(accountId, roleOf(named), names);
    resource.attributes = { ...resource.attributes, ...lastUsed(role), ...principalVerdict(own) };
    policies.hold(ref('iam_role', role.Arn), own);
    items.push(resource);
  }
  return [...items, ...policies.items()];
}

/**
 * A role as GAAD gives it. RoleDetail has no Description or MaxSessionDuration (ListRoles has, at one more
 * call per 1,000 roles, over the budget), so a role read this way lacks the two attributes the per-item
 * read sets; it has RoleLastUsed, which ListRoles lacks. Each path is stable from one sync to the next;
 * switching paths (GAAD granted or denied) makes one new version of each role.
 */
function roleOf(role: RoleDetail & { Arn: string; RoleName: string }) {
  const { Arn, RoleName, RoleId, Path, CreateDate, AssumeRolePolicyDocument } = role;
  return { Arn, RoleName, RoleId, Path, CreateDate, AssumeRolePolicyDocument };
}

/** When and where the role was last assumed: a date, not an age, so the role changes only when it is used. */
function lastUsed(role: RoleDetail): Record<string, string> {
  const used = role.RoleLastUsed;
  return {
    ...(used?.LastUsedDate === undefined ? {} : { lastUsedDate: used.LastUsedDate.toISOString() }),
    ...(used?.Region === undefined ? {} : { lastUsedRegion: used.Region }),
  };
}

/**
 * The default version document of each of the account's customer managed policies, by path and name:
 * what the permission sets referencing them grant in this account (permission-set-entitlements.ts). GAAD
 * lists every local policy, attached or not, so a name absent here is absent from the account.
 */
export function customerPolicyDocuments(details: AuthorizationDetails): Map<string, unknown> {
  const documents = new Map<string, unknown>();
  for (const p of details.policies) {
    // A policy without a readable default version is still there: null is judged unreadable, not missing.
    if (p.PolicyName !== undefined) documents.set(customerPolicyKey(p.Path, p.PolicyName), defaultDocument(p) ?? null);
  }
  return documents;
}

/** A customer managed policy's default version, decoded; GAAD lists every version of it. */
function defaultDocument(policy: ManagedPolicyDetail): unknown {
  const version = policy.PolicyVersionList?.find((v) => v.IsDefaultVersion) ?? policy.PolicyVersionList?.find((v) => v.VersionId === policy.DefaultVersionId);
  return decodePolicyDocument(version?.Document);
}

function withDocument(document: unknown): { document?: unknown } {
  return document === undefined ? {} : { document };
}
