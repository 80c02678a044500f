/**
 * IAM roles of one account: trust policy, session length, attached and inline policy names, and for
 * the roles Identity Center creates, the permission set they carry.
 */
import { ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, ListRolesCommand, type AttachedPolicy, type Role } from '@aws-sdk/client-iam';
import { mapConcurrent } from '../../../core/concurrency.ts';
import type { ResourceItem } from '../../../core/inventory-items.ts';
import type { SyncEvent } from '../../connector.ts';
import type { IamScope } from './iam-scope.ts';
import { ref } from '../resource-types.ts';
import { createPolicyEntitlements } from './iam-policies.ts';

type NamedRole = Role & { Arn: string; RoleName: string };
type PolicyNames = { attachedPolicies: { policyName: string; policyArn: string }[]; inlinePolicyNames: string[] };

/** Identity Center's roles; outside us-east-1 the instance's region follows in the path. */
const SSO_ROLE_PATH = '/aws-reserved/sso.amazonaws.com/';
/** `AWSReservedSSO_<PermissionSetName>_<16 hex digits>`; permission set names may hold underscores. */
const SSO_ROLE_NAME = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/;

export async function* syncIamRoles(scope: IamScope): AsyncGenerator<SyncEvent, void> {
  const { iam, account, ctx } = scope;
  // The guide's policy allows the policy-name calls on Identity Center's roles only: after the first
  // denial on another role, stop asking for the other roles (but keep asking for Identity Center's).
  let otherRolesAllowed = true;
  const policyNamesOf = async (role: NamedRole): Promise<PolicyNames | undefined> => {
    const sso = isSsoRole(role);
    if (!sso && !otherRolesAllowed) return undefined;
    const names = await listPolicyNames(scope, role.RoleName);
    if (!names && !sso) otherRolesAllowed = false;
    return names;
  };

  // Attached policies are known by ARN only here (no documents): AWS managed ones are judged by name.
  const entitlements = createPolicyEntitlements(account.id);
  let marker: string | undefined;
  let count = 0;
  do {
    ctx.progress({ stage: 'iam', detail: `${account.name}: ${count} roles` });
    const page = await scope.call('iam:ListRoles', () => iam.send(new ListRolesCommand({ MaxItems: scope.pageSize, ...(marker ? { Marker: marker } : {}) })));
    const roles = (page.Roles ?? []).filter((r): r is NamedRole => r.Arn !== undefined && r.RoleName !== undefined);
    const policies = await mapConcurrent(roles, scope.inFlight, policyNamesOf);
    for (const [i, role] of roles.entries()) {
      const attached = policies[i]?.attachedPolicies ?? [];
      entitlements.hold(ref('iam_role', role.Arn), attached.map((p) => ({ name: p.policyName, arn: p.policyArn })));
      yield iamRoleResource(account.id, role, policies[i]);
    }
    count += roles.length;
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  yield* entitlements.items();
}

/** Attached and inline policy names, or undefined when either list is denied. */
async function listPolicyNames(scope: IamScope, roleName: string): Promise<PolicyNames | undefined> {
  const attached: AttachedPolicy[] = [];
  let marker: string | undefined;
  do {
    const page = await scope.optional('iam:ListAttachedRolePolicies', () =>
      scope.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, MaxItems: scope.pageSize, ...(marker ? { Marker: marker } : {}) })),
    );
    if (!page) return undefined;
    attached.push(...(page.AttachedPolicies ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  const inline: string[] = [];
  do {
    const page = await scope.optional('iam:ListRolePolicies', () =>
      scope.iam.send(new ListRolePoliciesCommand({ RoleName: roleName, MaxItems: scope.pageSize, ...(marker ? { Marker: marker } : {}) })),
    );
    if (!page) return undefined;
    inline.push(...(page.PolicyNames ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  // Sorted, so that a change of AWS's listing order is not taken for a new version of the role.
  return {
    attachedPolicies: attached.map((p) => ({ policyName: p.PolicyName ?? '', policyArn: p.PolicyArn ?? '' })).sort((a, b) => (a.policyArn < b.policyArn ? -1 : a.policyArn > b.policyArn ? 1 : 0)),
    inlinePolicyNames: inline.sort(),
  };
}

export function isSsoRole(role: Pick<Role, 'Path'>): boolean {
  return role.Path?.startsWith(SSO_ROLE_PATH) ?? false;
}

/** The permission set an Identity Center role carries, from its name; undefined for other roles. */
export function permissionSetNameOf(role: Pick<Role, 'Path' | 'RoleName'>): string | undefined {
  return isSsoRole(role) ? SSO_ROLE_NAME.exec(role.RoleName ?? '')?.[1] : undefined;
}

/** IAM returns policy documents URL-encoded; an undecodable one is kept as text rather than lost. */
export function decodePolicyDocument(document: string | undefined): unknown {
  if (document === undefined) return undefined;
  try {
    return JSON.parse(decodeURIComponent(document)) as unknown;
  } catch {
    return document;
  }
}

export function iamRoleResource(accountId: string, role: NamedRole, policies: PolicyNames | undefined): ResourceItem {
  const permissionSetName = permissionSetNameOf(role);
  const trustPolicy = decodePolicyDocument(role.AssumeRolePolicyDocument);
  return {
    kind: 'resource',
    resourceType: 'iam_role',
    externalId: role.Arn,
    parent: ref('account', accountId),
    displayName: role.RoleName,
    attributes: {
      roleName: role.RoleName,
      ...(role.RoleId === undefined ? {} : { roleId: role.RoleId }),
      ...(role.Path === undefined ? {} : { path: role.Path }),
      ...(role.CreateDate === undefined ? {} : { createDate: role.CreateDate.toISOString() }),
      ...(role.Description === undefined ? {} : { description: role.Description }),
      ...(role.MaxSessionDuration === undefined ? {} : { maxSessionDuration: role.MaxSessionDuration }),
      ...(trustPolicy === undefined ? {} : { trustPolicy }),
      ...(policies ?? {}),
      ...(permissionSetName === undefined ? {} : { permissionSetName }),
    },
  };
}
