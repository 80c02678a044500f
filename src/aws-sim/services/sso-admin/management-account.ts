/**
 * Assignments in the organisation's management account act with the caller's own IAM permissions.
 *
 * In member accounts Identity Center builds the `AWSReservedSSO_…` role through its service-linked
 * role, whose policy (AWSSSOServiceRolePolicy, statement IAMRoleProvisioningActions) carries the
 * condition `"StringNotEquals": { "aws:PrincipalOrgMasterAccountId": "${aws:PrincipalAccount}" }`: it
 * does not act in the management account. There the caller of CreateAccountAssignment /
 * ProvisionPermissionSet / DeleteAccountAssignment needs the IAM actions itself, and an operation that
 * lacks one is accepted, then ends FAILED with IAM's denial as its reason. Callers report the reason as
 * "Received a 403 status error: Access denied by IAM. Please check your policy, or wait for role
 * propagation to complete. IAM Error: User: … is not authorized to perform: iam:… on resource: … because
 * no identity-based policy allows the iam:… action (Service: AmazonIdentityManagement; Status Code: 403;
 * Error Code: AccessDenied; Request ID: …; Proxy: null)" (fivexl/terraform-aws-sso-elevator#15,
 * awslabs/landing-zone-accelerator-on-aws#496), and name the actions it took: iam:CreateRole,
 * iam:PutRolePolicy, iam:AttachRolePolicy (avlcloudtechnologies/terraform-aws-sso#15,
 * hashicorp/terraform-provider-aws#26807), iam:GetSAMLProvider / iam:CreateSAMLProvider for the
 * account's AWSSSO provider, iam:ListRolePolicies on the reserved role (org-formation/aws-resource-providers#66).
 */
import { decide, denialMessage } from '../../policy.ts';
import { iamArn } from '../../seed-iam.ts';
import { ssoReservedRoleName, ssoReservedRolePath, ssoSamlProviderName } from '../../ids.ts';
import type { AssignmentOperation, IdentityCenter, PermissionSet, SimAccount, SimState } from '../../state.ts';
import { requestUuid } from '../random-ids.ts';

/** Who started an operation: what the management-account checks evaluate. */
type Requester = AssignmentOperation['requestedBy'];

type Step = { action: string; resource: string };

/** The IAM calls provisioning `ps` into `account` makes: the SAML provider, then the role and its policies. */
function provisioningSteps(ic: IdentityCenter, ps: PermissionSet, account: SimAccount): Step[] {
  const providerArn = `arn:aws:iam::${account.id}:saml-provider/${ssoSamlProviderName(ic.instanceArn, account.id)}`;
  const roleName = ssoReservedRoleName(ps, account.id);
  const roleArn = iamArn(account.id, 'role', ssoReservedRolePath(ic.region), roleName);
  const exists = account.iam.roles.has(roleName);
  return [
    { action: account.iam.samlProviders.has(providerArn) ? 'iam:GetSAMLProvider' : 'iam:CreateSAMLProvider', resource: providerArn },
    { action: 'iam:GetRole', resource: roleArn },
    { action: exists ? 'iam:UpdateRole' : 'iam:CreateRole', resource: roleArn },
    ...(ps.inlinePolicy ? [{ action: 'iam:PutRolePolicy', resource: roleArn }] : []),
    ...(ps.managedPolicyArns.size > 0 || ps.customerManagedPolicyReferences.length > 0 ? [{ action: 'iam:AttachRolePolicy', resource: roleArn }] : []),
  ];
}

/** The IAM calls removing the reserved role makes once the account's last assignment of `ps` goes. */
function deprovisioningSteps(ic: IdentityCenter, ps: PermissionSet, account: SimAccount): Step[] {
  const roleName = ssoReservedRoleName(ps, account.id);
  const roleArn = iamArn(account.id, 'role', ssoReservedRolePath(ic.region), roleName);
  const role = account.iam.roles.get(roleName);
  if (!role) return [];
  return [
    { action: 'iam:ListRolePolicies', resource: roleArn },
    { action: 'iam:ListAttachedRolePolicies', resource: roleArn },
    ...(role.inlinePolicies.size > 0 ? [{ action: 'iam:DeleteRolePolicy', resource: roleArn }] : []),
    ...(role.attachedPolicyArns.size > 0 ? [{ action: 'iam:DetachRolePolicy', resource: roleArn }] : []),
    { action: 'iam:DeleteRole', resource: roleArn },
  ];
}

/**
 * The FailureReason AWS gives when the requester may not make one of the IAM calls that (de)provisioning
 * `ps` in the management account needs; undefined for member accounts, or when every call is allowed.
 */
export function managementAccountDenial(
  state: SimState,
  ic: IdentityCenter,
  ps: PermissionSet,
  account: SimAccount,
  requester: Requester,
  work: 'provision' | 'deprovision',
): string | undefined {
  if (!requester || account.id !== state.managementAccountId) return undefined;
  const steps = work === 'provision' ? provisioningSteps(ic, ps, account) : deprovisioningSteps(ic, ps, account);
  for (const { action, resource } of steps) {
    const decision = decide(state, requester.key, action, resource);
    if (decision === 'allow') continue;
    return (
      'Received a 403 status error: Access denied by IAM. Please check your policy, or wait for role propagation to complete. ' +
      `IAM Error: ${denialMessage(requester.arn, action, resource, decision)} ` +
      `(Service: AmazonIdentityManagement; Status Code: 403; Error Code: AccessDenied; Request ID: ${requestUuid()}; Proxy: null)`
    );
  }
  return undefined;
}
