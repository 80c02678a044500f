/**
 * The connector role's policies as the reference setup guide gives them, transcribed verbatim
 * (statement ids and order included), so the simulator refuses exactly what a customer following
 * the guide would have refused. The guide offers two texts: the console's inline policy and a
 * Terraform variant that lacks `identitystore:GetGroupMembershipId`.
 */
import type { PolicyDocument, PolicyStatement } from './state.ts';

const provisionStatement: PolicyStatement = {
  Action: [
    'iam:AddUserToGroup',
    'iam:RemoveUserFromGroup',
    'sso:CreateAccountAssignment',
    'sso:DeleteAccountAssignment',
    'identitystore:CreateGroupMembership',
    'identitystore:DeleteGroupMembership',
    'sso:DescribeAccountAssignmentCreationStatus',
    'sso:DescribeAccountAssignmentDeletionStatus',
  ],
  Effect: 'Allow',
  Resource: '*',
  Sid: 'ConductorOneProvisionAccess',
};

const ssoProvisionedRolesStatement: PolicyStatement = {
  Sid: 'AccessToSSOProvisionedRoles',
  Effect: 'Allow',
  Action: [
    'iam:AttachRolePolicy',
    'iam:CreateRole',
    'iam:DeleteRole',
    'iam:DeleteRolePolicy',
    'iam:DetachRolePolicy',
    'iam:GetRole',
    'iam:ListAttachedRolePolicies',
    'iam:ListRolePolicies',
    'iam:PutRolePolicy',
    'iam:UpdateRole',
    'iam:UpdateRoleDescription',
  ],
  Resource: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*',
};

const iamListStatement: PolicyStatement = {
  Sid: 'IAMListPermissions',
  Effect: 'Allow',
  Action: ['iam:ListRoles', 'iam:ListPolicies'],
  Resource: '*',
};

const samlProviderStatement: PolicyStatement = {
  Effect: 'Allow',
  Action: ['iam:GetSAMLProvider'],
  Resource: 'arn:aws:iam::*:saml-provider/AWSSSO_*_DO_NOT_DELETE',
};

const readActions = (withGetGroupMembershipId: boolean): string[] => [
  'iam:GetGroup',
  'iam:ListAccountAliases',
  'iam:ListGroups',
  'iam:ListRoles',
  'iam:ListUsers',
  ...(withGetGroupMembershipId ? ['identitystore:GetGroupMembershipId'] : []),
  'identitystore:ListGroupMemberships',
  'identitystore:ListGroups',
  'identitystore:ListUsers',
  'organizations:ListAccounts',
  'sso:DescribePermissionSet',
  'sso:ListAccountAssignments',
  'sso:ListInstances',
  'sso:ListPermissionSets',
  'sso:ListPermissionSetsProvisionedToAccount',
];

function guidePolicy(withGetGroupMembershipId: boolean): PolicyDocument {
  return {
    Statement: [
      { Action: readActions(withGetGroupMembershipId), Effect: 'Allow', Resource: '*', Sid: 'ConductorOneReadAccess' },
      provisionStatement,
      ssoProvisionedRolesStatement,
      iamListStatement,
      samlProviderStatement,
    ],
    Version: '2012-10-17',
  };
}

/** The inline policy of the guide's console steps ("Create Inline Policy", step 2.9). */
export const referenceInlinePolicy: PolicyDocument = guidePolicy(true);

/** The inline policy of the guide's Terraform script; it lacks `identitystore:GetGroupMembershipId`. */
export const terraformInlinePolicy: PolicyDocument = guidePolicy(false);

/**
 * The connector role's trust policy, shaped as the guide's: one principal, `sts:AssumeRole`, and the
 * External ID as a `StringEquals` condition.
 */
export function trustPolicyFor(principalArn: string, externalId: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principalArn },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ],
  };
}

/**
 * The statement RRCU adds to the guide's policy for cross-account IAM: the connector role may assume
 * the named role in member accounts (the guide lists cross-account access as unsupported, so it has
 * no such statement).
 */
export function crossAccountStatement(roleName: string): PolicyStatement {
  return { Sid: 'RRCUCrossAccountIAM', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::*:role/${roleName}` };
}

/**
 * The statement for IAM in depth that RRCU's own setup policy has and the guide lacks: the account's
 * authorization details in a few calls, and the credential report.
 */
export const iamDetailStatement: PolicyStatement = {
  Sid: 'RRCUIamDetail',
  Effect: 'Allow',
  Action: ['iam:GetAccountAuthorizationDetails', 'iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  Resource: '*',
};

/** The connector role's inline policy: a copy of the guide's text, with the cross-account and IAM detail statements when asked. */
export function connectorInlinePolicy(
  variant: 'reference' | 'terraform',
  crossAccountRoleName: string | null,
  iamDetail = false,
): PolicyDocument {
  const base = variant === 'reference' ? referenceInlinePolicy : terraformInlinePolicy;
  const statements = structuredClone(base.Statement) as PolicyStatement[];
  if (crossAccountRoleName !== null) statements.push(crossAccountStatement(crossAccountRoleName));
  if (iamDetail) statements.push(structuredClone(iamDetailStatement));
  return { Statement: statements, Version: '2012-10-17' };
}

/** The trust policy of the cross-account role in each member account: the management account's root. */
export function crossAccountTrustPolicy(managementAccountId: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` }, Action: 'sts:AssumeRole' }],
  };
}

/** The trust policy AWS writes on the `AWSReservedSSO_…` roles: SAML federation through the account's AWSSSO provider. */
export function ssoReservedRoleTrustPolicy(samlProviderArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: samlProviderArn },
        Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      },
    ],
  };
}

/** The trust policy of an AWS service role (`lambda.amazonaws.com`, …). */
export function serviceTrustPolicy(service: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  };
}
