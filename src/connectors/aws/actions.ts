/**
 * Every AWS action the connector may call, with why. The setup documents (inline policy, Terraform,
 * CloudFormation) are generated from this list and the clients are only ever asked to do what is on
 * it, so the policy a user pastes and the calls RRCU makes cannot drift apart.
 *
 * `required` actions are in the setup guide's policy: the sync fails clearly without them. Optional
 * ones add detail; when one is denied, the feature it names is skipped with a warning.
 */
export type ActionUse = 'sync' | 'provision' | 'management-account-provisioning' | 'cross-account';

export type ActionSpec = {
  action: string;
  use: ActionUse;
  required: boolean;
  /** What is lost, in words a user understands, when the action is denied. */
  feature: string;
  /** The policy's Resource when narrower than `*`. */
  resource?: string;
};

export const SSO_RESERVED_ROLES = 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*';

export const AWS_ACTIONS: readonly ActionSpec[] = [
  // Read access: the setup guide's ConductorOneReadAccess statement.
  { action: 'iam:GetGroup', use: 'sync', required: true, feature: 'IAM group members' },
  { action: 'iam:ListAccountAliases', use: 'sync', required: true, feature: 'account alias' },
  { action: 'iam:ListGroups', use: 'sync', required: true, feature: 'IAM groups' },
  { action: 'iam:ListRoles', use: 'sync', required: true, feature: 'IAM roles' },
  { action: 'iam:ListUsers', use: 'sync', required: true, feature: 'IAM users' },
  { action: 'identitystore:GetGroupMembershipId', use: 'provision', required: true, feature: 'removing Identity Center group members (falls back to listing memberships)' },
  { action: 'identitystore:ListGroupMemberships', use: 'sync', required: true, feature: 'Identity Center group members' },
  { action: 'identitystore:ListGroups', use: 'sync', required: true, feature: 'Identity Center groups' },
  { action: 'identitystore:ListUsers', use: 'sync', required: true, feature: 'Identity Center users' },
  { action: 'organizations:ListAccounts', use: 'sync', required: true, feature: 'AWS accounts of the organisation' },
  { action: 'sso:DescribePermissionSet', use: 'sync', required: true, feature: 'permission sets' },
  { action: 'sso:ListAccountAssignments', use: 'sync', required: true, feature: 'account assignments' },
  { action: 'sso:ListInstances', use: 'sync', required: true, feature: 'IAM Identity Center' },
  { action: 'sso:ListPermissionSets', use: 'sync', required: true, feature: 'permission sets' },
  { action: 'sso:ListPermissionSetsProvisionedToAccount', use: 'sync', required: true, feature: 'account assignments' },

  // Provisioning: the guide's ConductorOneProvisionAccess statement.
  { action: 'iam:AddUserToGroup', use: 'provision', required: true, feature: 'adding IAM users to IAM groups' },
  { action: 'iam:RemoveUserFromGroup', use: 'provision', required: true, feature: 'removing IAM users from IAM groups' },
  { action: 'sso:CreateAccountAssignment', use: 'provision', required: true, feature: 'assigning permission sets' },
  { action: 'sso:DeleteAccountAssignment', use: 'provision', required: true, feature: 'removing permission set assignments' },
  { action: 'identitystore:CreateGroupMembership', use: 'provision', required: true, feature: 'adding Identity Center group members' },
  { action: 'identitystore:DeleteGroupMembership', use: 'provision', required: true, feature: 'removing Identity Center group members' },
  { action: 'sso:DescribeAccountAssignmentCreationStatus', use: 'provision', required: true, feature: 'following assignment creation' },
  { action: 'sso:DescribeAccountAssignmentDeletionStatus', use: 'provision', required: true, feature: 'following assignment removal' },

  // AWS checks these against the caller when an assignment targets the management account itself
  // (the guide's AccessToSSOProvisionedRoles, IAMListPermissions and SAML provider statements).
  ...[
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
  ].map((action): ActionSpec => ({ action, use: 'management-account-provisioning', required: true, feature: 'assignments in the management account', resource: SSO_RESERVED_ROLES })),
  { action: 'iam:ListPolicies', use: 'management-account-provisioning', required: true, feature: 'assignments in the management account' },
  { action: 'iam:GetSAMLProvider', use: 'management-account-provisioning', required: true, feature: 'assignments in the management account', resource: 'arn:aws:iam::*:saml-provider/AWSSSO_*_DO_NOT_DELETE' },

  // Optional detail beyond the guide.
  { action: 'iam:GetAccountAuthorizationDetails', use: 'sync', required: false, feature: 'IAM policies of users and groups (and IAM read in a few calls instead of one per user, group and role)' },
  { action: 'iam:ListUserTags', use: 'sync', required: false, feature: 'IAM user emails from tags' },
  { action: 'iam:GenerateCredentialReport', use: 'sync', required: false, feature: "IAM users' MFA, passwords and access keys from the credential report" },
  { action: 'iam:GetCredentialReport', use: 'sync', required: false, feature: "IAM users' MFA, passwords and access keys from the credential report" },
  { action: 'iam:ListAccessKeys', use: 'sync', required: false, feature: 'IAM access keys when the credential report is denied' },
  { action: 'iam:GetAccessKeyLastUsed', use: 'sync', required: false, feature: 'IAM access keys when the credential report is denied' },
  { action: 'iam:ListAttachedRolePolicies', use: 'sync', required: false, feature: 'IAM role policy names' },
  { action: 'iam:ListRolePolicies', use: 'sync', required: false, feature: 'IAM role policy names' },
  ...['organizations:ListRoots', 'organizations:ListOrganizationalUnitsForParent', 'organizations:ListAccountsForParent'].map(
    (action): ActionSpec => ({ action, use: 'sync', required: false, feature: 'account OU paths in a few calls (one listing per OU instead of one ListParents per account)' }),
  ),
  { action: 'organizations:ListParents', use: 'sync', required: false, feature: 'account OU paths' },
  { action: 'organizations:DescribeOrganizationalUnit', use: 'sync', required: false, feature: 'account OU paths' },
  { action: 'sso:ListManagedPoliciesInPermissionSet', use: 'sync', required: false, feature: 'permission set policies' },
  { action: 'sso:ListCustomerManagedPolicyReferencesInPermissionSet', use: 'sync', required: false, feature: 'permission set policies' },
  { action: 'sso:GetInlinePolicyForPermissionSet', use: 'sync', required: false, feature: 'permission set policies' },
  { action: 'sso:ListAccountAssignmentsForPrincipal', use: 'sync', required: false, feature: 'fewer calls for organisations with few principals' },
  { action: 'sso:ListAccountsForProvisionedPermissionSet', use: 'sync', required: false, feature: 'fewer calls finding where permission sets are provisioned, in organisations with more accounts than permission sets' },
  { action: 'identitystore:ListGroupMembershipsForMember', use: 'provision', required: false, feature: 'faster removal of Identity Center group members' },
  { action: 'sso:ListAccountAssignmentCreationStatus', use: 'provision', required: false, feature: 'one call following every assignment in flight instead of one per assignment, and a retried assignment following the operation its crashed attempt started' },
  { action: 'sso:ListAccountAssignmentDeletionStatus', use: 'provision', required: false, feature: 'one call following every assignment removal in flight instead of one per removal, and a retried removal following the operation its crashed attempt started' },
  { action: 'sts:AssumeRole', use: 'cross-account', required: true, feature: 'IAM of member accounts', resource: 'arn:aws:iam::*:role/{crossAccountRoleName}' },
];

/** The spec of `action` (`iam:ListUsers`); throws for an action the connector does not declare. */
export function actionSpec(action: string): ActionSpec {
  const spec = AWS_ACTIONS.find((a) => a.action === action);
  if (!spec) throw new Error(`${action} is not declared in connectors/aws/actions.ts`);
  return spec;
}
