/**
 * The cheapest real call of each read action, for "Test connection". List calls ask for one item;
 * an action on a thing (a group, a permission set, an assignment pair) is called on the first one a
 * list call found. Each list call is made once and shared by every check that needs its answer.
 */
import {
  GetGroupCommand,
  GetRoleCommand,
  GetSAMLProviderCommand,
  ListAccountAliasesCommand,
  ListAttachedRolePoliciesCommand,
  ListGroupsCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  type Role,
} from '@aws-sdk/client-iam';
import {
  GetGroupMembershipIdCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand as ListIdentityStoreGroupsCommand,
  ListUsersCommand as ListIdentityStoreUsersCommand,
} from '@aws-sdk/client-identitystore';
import { DescribeOrganizationalUnitCommand, ListAccountsCommand, ListParentsCommand } from '@aws-sdk/client-organizations';
import {
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListPermissionSetsProvisionedToAccountCommand,
} from '@aws-sdk/client-sso-admin';
import type { ActionSpec } from './actions.ts';
import { decodePolicyDocument, isSsoRole } from './iam-roles.ts';
import { findIdentityCenterInstance, identityCenterClients } from './identity-center.ts';
import type { AwsSession } from './session.ts';

/** The check could not be made: nothing to call the action on, or what it needs did not succeed. */
export class NotChecked {
  constructor(readonly reason: string) {}
}

/** Accounts looked at when a check needs an account with something in it (a provisioned permission set, an OU). */
const ACCOUNTS_LOOKED_AT = 5;
/** Roles looked at for one that Identity Center did not create. */
const ROLES_LOOKED_AT = 100;
const SSO_ROLE_PATH = '/aws-reserved/sso.amazonaws.com/';

/** A probe per action: resolves with what it saw, or throws the AWS error or NotChecked. */
export function probeFor(session: AwsSession): (spec: ActionSpec) => Promise<string> {
  const { iam, organizations } = session.clients;
  const { caller, config } = session;
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let loaded: Promise<T> | undefined;
    return () => (loaded ??= load());
  };
  /** What another action found, or NotChecked naming that action when it did not succeed. */
  const need = async <T>(action: string, value: () => Promise<T>): Promise<T> => {
    try {
      return await value();
    } catch (error) {
      if (error instanceof NotChecked) throw error;
      throw new NotChecked(`Needs what ${action} finds, and ${action} did not succeed (see its check).`);
    }
  };
  const some = <T>(value: T | undefined, why: string): T => {
    if (value === undefined) throw new NotChecked(why);
    return value;
  };

  const iamUser = once(async () => (await iam.send(new ListUsersCommand({ MaxItems: 1 }))).Users?.[0]);
  const iamGroup = once(async () => (await iam.send(new ListGroupsCommand({ MaxItems: 1 }))).Groups?.[0]);
  const firstRole = once(async () => (await iam.send(new ListRolesCommand({ MaxItems: 1 }))).Roles?.[0]);
  const ssoRole = once(async () => (await iam.send(new ListRolesCommand({ PathPrefix: SSO_ROLE_PATH, MaxItems: 1 }))).Roles?.[0]);
  const otherRole = once(async (): Promise<Role | undefined> => {
    const role = await firstRole();
    if (!role || !isSsoRole(role)) return role;
    return (await iam.send(new ListRolesCommand({ MaxItems: ROLES_LOOKED_AT }))).Roles?.find((r) => !isSsoRole(r));
  });
  // One small page serves the ListAccounts check and picks the accounts later checks need.
  const accounts = once(async () => {
    if (!config.organizations) return [{ id: caller.accountId, status: 'ACTIVE' }];
    const listed = (await organizations.send(new ListAccountsCommand({ MaxResults: ACCOUNTS_LOOKED_AT }))).Accounts ?? [];
    return listed.flatMap((a) => (a.Id ? [{ id: a.Id, status: a.Status ?? a.State ?? 'UNKNOWN' }] : []));
  });
  const accountInOu = once(async () => {
    const listed = await need('organizations:ListAccounts', accounts);
    for (const account of listed.slice(0, ACCOUNTS_LOOKED_AT)) {
      const parent = (await organizations.send(new ListParentsCommand({ ChildId: account.id }))).Parents?.[0];
      if (parent?.Type === 'ORGANIZATIONAL_UNIT' && parent.Id) return { accountId: account.id, ouId: parent.Id, looked: listed.length };
    }
    return { looked: listed.length };
  });

  const instance = once(() => findIdentityCenterInstance({ session, ctx: { isDone: () => false, warn: () => {}, progress: () => {} } }));
  const sso = () => identityCenterClients(session).sso;
  const identityStore = () => identityCenterClients(session).identityStore;
  const ic = () => need('sso:ListInstances', instance);
  const permissionSet = once(async () => {
    const { instanceArn } = await ic();
    return (await sso().send(new ListPermissionSetsCommand({ InstanceArn: instanceArn, MaxResults: 1 }))).PermissionSets?.[0];
  });
  const ssoUser = once(async () => {
    const { identityStoreId } = await ic();
    return (await identityStore().send(new ListIdentityStoreUsersCommand({ IdentityStoreId: identityStoreId, MaxResults: 1 }))).Users?.[0]?.UserId;
  });
  const ssoGroup = once(async () => {
    const { identityStoreId } = await ic();
    return (await identityStore().send(new ListIdentityStoreGroupsCommand({ IdentityStoreId: identityStoreId, MaxResults: 1 }))).Groups?.[0]?.GroupId;
  });
  const membership = once(async () => {
    const { identityStoreId } = await ic();
    const groupId = some(await need('identitystore:ListGroups', ssoGroup), 'There is no Identity Center group to call it on.');
    const m = (await identityStore().send(new ListGroupMembershipsCommand({ IdentityStoreId: identityStoreId, GroupId: groupId, MaxResults: 1 }))).GroupMemberships?.[0];
    return { groupId, userId: m?.MemberId && 'UserId' in m.MemberId ? m.MemberId.UserId : undefined };
  });
  const provisionedPair = once(async () => {
    const { instanceArn } = await ic();
    const listed = await need('organizations:ListAccounts', accounts);
    // The management account first: Identity Center usually has something provisioned there.
    const candidates = [caller.accountId, ...listed.filter((a) => a.id !== caller.accountId && a.status === 'ACTIVE').map((a) => a.id)].slice(0, ACCOUNTS_LOOKED_AT);
    for (const accountId of candidates) {
      const arn = (await sso().send(new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn: instanceArn, AccountId: accountId, MaxResults: 1 }))).PermissionSets?.[0];
      if (arn) return { accountId, permissionSetArn: arn, looked: candidates.length };
    }
    return { looked: candidates.length };
  });
  const creationRequest = once(async () => {
    const { instanceArn } = await ic();
    return (await sso().send(new ListAccountAssignmentCreationStatusCommand({ InstanceArn: instanceArn, MaxResults: 1 }))).AccountAssignmentsCreationStatus?.[0]?.RequestId;
  });
  const deletionRequest = once(async () => {
    const { instanceArn } = await ic();
    return (await sso().send(new ListAccountAssignmentDeletionStatusCommand({ InstanceArn: instanceArn, MaxResults: 1 }))).AccountAssignmentsDeletionStatus?.[0]?.RequestId;
  });

  const inAccount = `in account ${caller.accountId}`;
  const named = (role: Role | undefined, why: string) => some(role?.RoleName, why);
  const noSsoRole = `No role created by Identity Center exists ${inAccount} yet to call it on.`;
  const onPermissionSet = async () => some(await need('sso:ListPermissionSets', permissionSet), 'There is no permission set to call it on.');
  const onSsoUser = async () => some(await need('identitystore:ListUsers', ssoUser), 'There is no Identity Center user to call it on.');

  const probes: Partial<Record<string, (spec: ActionSpec) => Promise<string>>> = {
    'iam:ListUsers': async () => (await iamUser(), `Listed IAM users ${inAccount}.`),
    'iam:ListGroups': async () => (await iamGroup(), `Listed IAM groups ${inAccount}.`),
    'iam:ListRoles': async () => (await firstRole(), `Listed IAM roles ${inAccount}.`),
    'iam:ListAccountAliases': async () => (await iam.send(new ListAccountAliasesCommand({ MaxItems: 1 })), `Read the alias of account ${caller.accountId}.`),
    'iam:GetGroup': async () => {
      const group = some((await need('iam:ListGroups', iamGroup))?.GroupName, `There is no IAM group ${inAccount} to call it on.`);
      await iam.send(new GetGroupCommand({ GroupName: group, MaxItems: 1 }));
      return `Read the members of IAM group ${group}.`;
    },
    'iam:ListUserTags': async () => {
      const user = some((await need('iam:ListUsers', iamUser))?.UserName, `There is no IAM user ${inAccount} to call it on.`);
      await iam.send(new ListUserTagsCommand({ UserName: user, MaxItems: 1 }));
      return `Read the tags of IAM user ${user}.`;
    },
    'iam:ListAttachedRolePolicies': async (spec) => {
      const role = spec.required ? named(await need('iam:ListRoles', ssoRole), noSsoRole) : named(await need('iam:ListRoles', otherRole), `There is no role ${inAccount} outside Identity Center's to call it on.`);
      await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role, MaxItems: 1 }));
      return `Listed the managed policies of role ${role}.`;
    },
    'iam:ListRolePolicies': async (spec) => {
      const role = spec.required ? named(await need('iam:ListRoles', ssoRole), noSsoRole) : named(await need('iam:ListRoles', otherRole), `There is no role ${inAccount} outside Identity Center's to call it on.`);
      await iam.send(new ListRolePoliciesCommand({ RoleName: role, MaxItems: 1 }));
      return `Listed the inline policy names of role ${role}.`;
    },
    'iam:GetRole': async () => {
      const role = named(await need('iam:ListRoles', ssoRole), noSsoRole);
      await iam.send(new GetRoleCommand({ RoleName: role }));
      return `Read role ${role}.`;
    },
    'iam:ListPolicies': async () => (await iam.send(new ListPoliciesCommand({ MaxItems: 1 })), `Listed IAM policies ${inAccount}.`),
    'iam:GetSAMLProvider': async () => {
      const role = await need('iam:ListRoles', ssoRole);
      const arn = some(samlProviderOf(role), `No SAML provider created by Identity Center is known ${inAccount} (none of its roles exists yet) to call it on.`);
      await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
      return `Read SAML provider ${arn}.`;
    },

    'organizations:ListAccounts': async () => `Listed the organisation's accounts (${(await accounts()).length} on the first page).`,
    'organizations:ListParents': async () => {
      const found = await accountInOu();
      return found.accountId ? `Read the parent of account ${found.accountId}.` : `Read the parents of ${found.looked} accounts (all directly under the root).`;
    },
    'organizations:DescribeOrganizationalUnit': async () => {
      const found = await need('organizations:ListParents', accountInOu);
      const ouId = some(found.ouId, `None of the first ${found.looked} accounts is in an organisational unit to call it on.`);
      await organizations.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ouId }));
      return `Read organisational unit ${ouId}.`;
    },
    'sts:AssumeRole': async () => {
      const listed = await need('organizations:ListAccounts', accounts);
      const member = some(listed.find((a) => a.id !== caller.accountId && a.status === 'ACTIVE'), `There is no active member account among the first ${listed.length} accounts to assume ${config.crossAccountRoleName ?? 'the role'} in.`);
      await session.iamIn(member.id);
      return `Assumed ${config.crossAccountRoleName ?? 'the cross-account role'} in member account ${member.id}.`;
    },

    'sso:ListInstances': async () => `Found IAM Identity Center instance ${(await instance()).instanceArn} in ${config.identityCenterRegion}.`,
    'sso:ListPermissionSets': async () => (await permissionSet(), 'Listed permission sets.'),
    'sso:DescribePermissionSet': async () => {
      const arn = await onPermissionSet();
      await sso().send(new DescribePermissionSetCommand({ InstanceArn: (await ic()).instanceArn, PermissionSetArn: arn }));
      return `Read permission set ${arn}.`;
    },
    'sso:ListManagedPoliciesInPermissionSet': async () => {
      const arn = await onPermissionSet();
      await sso().send(new ListManagedPoliciesInPermissionSetCommand({ InstanceArn: (await ic()).instanceArn, PermissionSetArn: arn, MaxResults: 1 }));
      return `Listed the managed policies of permission set ${arn}.`;
    },
    'sso:ListCustomerManagedPolicyReferencesInPermissionSet': async () => {
      const arn = await onPermissionSet();
      await sso().send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand({ InstanceArn: (await ic()).instanceArn, PermissionSetArn: arn, MaxResults: 1 }));
      return `Listed the customer managed policies of permission set ${arn}.`;
    },
    'sso:GetInlinePolicyForPermissionSet': async () => {
      const arn = await onPermissionSet();
      await sso().send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn: (await ic()).instanceArn, PermissionSetArn: arn }));
      return `Read the inline policy of permission set ${arn}.`;
    },
    'sso:ListPermissionSetsProvisionedToAccount': async () => {
      const found = await provisionedPair();
      return found.accountId ? `Listed the permission sets provisioned to account ${found.accountId}.` : `Listed the permission sets provisioned to ${found.looked} accounts (none has any).`;
    },
    'sso:ListAccountAssignments': async () => {
      const pair = await need('sso:ListPermissionSetsProvisionedToAccount', provisionedPair);
      const accountId = some(pair.accountId, `No permission set is provisioned to the first ${pair.looked} accounts, so there is no account and permission set to call it on.`);
      await sso().send(new ListAccountAssignmentsCommand({ InstanceArn: (await ic()).instanceArn, AccountId: accountId, PermissionSetArn: pair.permissionSetArn, MaxResults: 1 }));
      return `Listed the assignments of permission set ${pair.permissionSetArn} in account ${accountId}.`;
    },
    'sso:ListAccountAssignmentsForPrincipal': async () => {
      const userId = await onSsoUser();
      await sso().send(new ListAccountAssignmentsForPrincipalCommand({ InstanceArn: (await ic()).instanceArn, PrincipalId: userId, PrincipalType: 'USER', MaxResults: 1 }));
      return `Listed the assignments of Identity Center user ${userId}.`;
    },
    'sso:ListAccountAssignmentCreationStatus': async () => (await creationRequest(), 'Listed account assignment creation requests.'),
    'sso:ListAccountAssignmentDeletionStatus': async () => (await deletionRequest(), 'Listed account assignment deletion requests.'),
    'sso:DescribeAccountAssignmentCreationStatus': async () => {
      const id = some(await need('sso:ListAccountAssignmentCreationStatus', creationRequest), 'No account assignment has been created through the API yet, so there is no request to describe.');
      await sso().send(new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: (await ic()).instanceArn, AccountAssignmentCreationRequestId: id }));
      return `Read the status of assignment creation request ${id}.`;
    },
    'sso:DescribeAccountAssignmentDeletionStatus': async () => {
      const id = some(await need('sso:ListAccountAssignmentDeletionStatus', deletionRequest), 'No account assignment has been deleted through the API yet, so there is no request to describe.');
      await sso().send(new DescribeAccountAssignmentDeletionStatusCommand({ InstanceArn: (await ic()).instanceArn, AccountAssignmentDeletionRequestId: id }));
      return `Read the status of assignment deletion request ${id}.`;
    },

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
  return (spec) => {
    const probe = probes[spec.action];
    if (!probe) return Promise.reject(new NotChecked(`RRCU has no test call for ${spec.action}; it is checked when first used.`));
    return probe(spec);
  };
}

/** The SAML provider an Identity Center role trusts (its trust policy's federated principal). */
function samlProviderOf(role: Role | undefined): string | undefined {
  const policy = decodePolicyDocument(role?.AssumeRolePolicyDocument) as { Statement?: { Principal?: { Federated?: unknown } }[] } | undefined;
  const federated = policy?.Statement?.map((s) => s.Principal?.Federated).find((f) => typeof f === 'string');
  return typeof federated === 'string' ? federated : undefined;
}
