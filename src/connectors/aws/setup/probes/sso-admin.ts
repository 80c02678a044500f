/** SSO Admin's read actions (Identity Center's instance, permission sets and account assignments). */
import {
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListPermissionSetsProvisionedToAccountCommand,
} from '@aws-sdk/client-sso-admin';
import type { IdentityCenterInstance } from '../../resource-types.ts';
import type { AwsSession } from '../../session/session.ts';
import { findIdentityCenterInstance, identityCenterClients } from '../../sync/identity-center.ts';
import { ACCOUNTS_LOOKED_AT, need, once, some, type Probes } from './kit.ts';
import type { ListedAccount } from './organizations.ts';

/** The Identity Center instance as a sync finds it; every Identity Center check needs it. */
export function instanceFinder(session: AwsSession): () => Promise<IdentityCenterInstance> {
  return once(() => findIdentityCenterInstance({ session, ctx: { isDone: () => false, warn: () => {}, progress: () => {} } }));
}

export function ssoAdminProbes(
  session: AwsSession,
  found: { instance: () => Promise<IdentityCenterInstance>; accounts: () => Promise<ListedAccount[]>; ssoUser: () => Promise<string | undefined> },
): Probes {
  const { caller, config } = session;
  const { instance, accounts, ssoUser } = found;
  const sso = () => identityCenterClients(session).sso;
  const ic = () => need('sso:ListInstances', instance);
  const permissionSet = once(async () => {
    const { instanceArn } = await ic();
    return (await sso().send(new ListPermissionSetsCommand({ InstanceArn: instanceArn, MaxResults: 1 }))).PermissionSets?.[0];
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
  const onPermissionSet = async () => some(await need('sso:ListPermissionSets', permissionSet), 'There is no permission set to call it on.');
  const onSsoUser = async () => some(await need('identitystore:ListUsers', ssoUser), 'There is no Identity Center user to call it on.');

  return {
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
      const pair = await provisionedPair();
      return pair.accountId ? `Listed the permission sets provisioned to account ${pair.accountId}.` : `Listed the permission sets provisioned to ${pair.looked} accounts (none has any).`;
    },
    'sso:ListAccountsForProvisionedPermissionSet': async () => {
      const arn = await onPermissionSet();
      await sso().send(new ListAccountsForProvisionedPermissionSetCommand({ InstanceArn: (await ic()).instanceArn, PermissionSetArn: arn, MaxResults: 1 }));
      return `Listed the accounts permission set ${arn} is provisioned to.`;
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
  };
}
