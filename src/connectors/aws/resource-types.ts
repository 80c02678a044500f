import type { ResourceRef } from '../../core/inventory-items.ts';
import type { ResourceTypeDefinition } from '../connector.ts';
import type { PermissionSetPolicies } from './sync/permission-set-entitlements.ts';

/**
 * The AWS resource types and what their external ids are. These ids never change once shipped:
 * history is keyed by them.
 *
 * | type            | externalId                         | parent            | entitlements                       |
 * | account         | 12-digit account id                | —                 | one per permission set (slug = ARN) |
 * | iam_user        | user ARN                           | account           | —                                  |
 * | iam_group       | group ARN                          | account           | `member`                           |
 * | iam_role        | role ARN                           | account           | `assume` ("may assume", trust policy) |
 * | iam_root        | `arn:aws:iam::<id>:root`           | account           | —                                  |
 * | sso_user        | Identity Store UserId              | —                 | —                                  |
 * | sso_group       | Identity Store GroupId             | —                 | `member`                           |
 * | permission_set  | permission set ARN                 | —                 | —                                  |
 * | external_principal | ARN, account id or `*` as the trust policy names it | — | —                        |
 * | aws_service     | service principal (`ec2.amazonaws.com`) | —            | —                                  |
 * | identity_provider | SAML/OIDC provider ARN, or a web identity host (`cognito-identity.amazonaws.com`) | — | — |
 *
 * Grants: `member` of an IAM group to IAM users; `member` of an Identity Center group to its users;
 * a permission set on an account to Identity Center users and groups (a group's grant is expanded to
 * each member by the store, with `via` = the group's id).
 *
 * `iam_root` is the account's root user from the credential report's `<root_account>` row (MFA, access
 * keys, password last used; always privileged), a resource of its own rather than attributes of `account`:
 * the account is staged by the `accounts` stage, and staging it again from an IAM stage would move it into
 * that stage (stageItems replaces the staged row, stage included), so a resumed run dropping the unfinished
 * IAM stage would drop the account too. Present only when the sync could read the report.
 */
export const AWS_RESOURCE_TYPES = [
  { id: 'account', displayName: 'AWS account', isPrincipal: false },
  { id: 'iam_user', displayName: 'IAM user', isPrincipal: true },
  { id: 'iam_group', displayName: 'IAM group', isPrincipal: true },
  { id: 'iam_role', displayName: 'IAM role', isPrincipal: true },
  { id: 'iam_root', displayName: 'Root user', isPrincipal: true },
  { id: 'sso_user', displayName: 'Identity Center user', isPrincipal: true },
  { id: 'sso_group', displayName: 'Identity Center group', isPrincipal: true },
  { id: 'permission_set', displayName: 'Permission set', isPrincipal: false },
  { id: 'external_principal', displayName: 'External principal', isPrincipal: true },
  { id: 'aws_service', displayName: 'AWS service', isPrincipal: true },
  { id: 'identity_provider', displayName: 'Identity provider', isPrincipal: true },
] as const satisfies readonly ResourceTypeDefinition[];

export type AwsResourceType = (typeof AWS_RESOURCE_TYPES)[number]['id'];

export const ref = (resourceType: AwsResourceType, externalId: string): ResourceRef => ({ resourceType, externalId });

export const MEMBER = 'member';

/** An account as the later stages need it. */
export type AccountInfo = { id: string; name: string; status: string };

export type IdentityCenterInstance = { instanceArn: string; identityStoreId: string; region: string };

/**
 * `privileged` and its reasons (over the set's own policies) and `policies` only when the sync could
 * read the set's policies (docs/privileged-access.md); its verdict on each account also weighs that
 * account's customer managed policies (sync/permission-set-entitlements.ts).
 */
export type PermissionSetInfo = { arn: string; name: string; privileged?: boolean; privilegedReasons?: string[]; policies?: PermissionSetPolicies };
