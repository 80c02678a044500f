/**
 * Which of the three changes RRCU makes in AWS a provisioning target is, or why it is none of them.
 * Pure: decided from the target alone, before any AWS call.
 */
import { RrcuError } from '../../../core/errors.ts';
import type { ProvisioningTarget } from '../../connector.ts';
import type { ProvisioningAction } from '../../../core/provisioning-target.ts';
import { isPermissionSetArn } from '../arns.ts';
import { MEMBER } from '../resource-types.ts';
import { CONNECTOR_ERRORS } from '../../errors.ts';

export type ProvisioningKind = 'iam-group-member' | 'sso-group-member' | 'account-assignment';

/** The account id of an IAM ARN (`arn:aws:iam::123456789012:group/Admins`). */
export function accountOfArn(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(arn)?.[1];
}

type Refusal = { why: string; instead: string };

const ROLES: Refusal = {
  why: 'IAM roles are assumed, not granted: who may assume a role is written in its trust policy, which RRCU does not edit',
  instead: 'Grant a permission set on the account (Identity Center creates and manages the role) or a group membership instead.',
};

/** Why `target` cannot be changed, or undefined when it is one of the three kinds. */
function refusal(target: ProvisioningTarget): Refusal | undefined {
  const { entitlement, principal } = target;
  if (entitlement.resourceType === 'iam_role' || principal.resourceType === 'iam_role') return ROLES;
  switch (entitlement.resourceType) {
    case 'iam_group':
    case 'sso_group': {
      const iam = entitlement.resourceType === 'iam_group';
      const memberType = iam ? 'iam_user' : 'sso_user';
      if (entitlement.slug !== MEMBER) return { why: `a group has only the "${MEMBER}" entitlement, not "${entitlement.slug}"`, instead: `Grant "${MEMBER}" of the group.` };
      if (principal.resourceType === 'iam_group' || principal.resourceType === 'sso_group') {
        return { why: `${iam ? 'IAM' : 'Identity Center'} groups cannot contain groups, only users`, instead: `Grant "${MEMBER}" to each user of the group, or assign both groups the same access.` };
      }
      if (principal.resourceType !== memberType) {
        return iam
          ? { why: 'only IAM users of the same account can join an IAM group', instead: 'Grant an Identity Center user an Identity Center group or a permission set instead.' }
          : { why: 'only Identity Center users can join an Identity Center group', instead: 'Grant an IAM user an IAM group of its account instead.' };
      }
      if (iam) {
        const groupAccount = accountOfArn(entitlement.resourceExternalId);
        const userAccount = accountOfArn(principal.externalId);
        if (!groupAccount || !userAccount) return { why: `${groupAccount ? principal.externalId : entitlement.resourceExternalId} is not an IAM ARN`, instead: 'Sync the connector and pick the group and user from the inventory.' };
        if (groupAccount !== userAccount) return { why: `the group is in account ${groupAccount} and the user in account ${userAccount}; IAM groups hold users of their own account only`, instead: `Pick a group of account ${userAccount}, or a permission set on account ${groupAccount}.` };
      }
      return undefined;
    }
    case 'account':
      if (!isPermissionSetArn(entitlement.slug)) {
        return { why: `an AWS account is reached through a permission set; "${entitlement.slug}" is not a permission set ARN`, instead: 'Grant one of the account\'s permission set entitlements.' };
      }
      if (principal.resourceType !== 'sso_user' && principal.resourceType !== 'sso_group') {
        return { why: 'permission sets are assigned to Identity Center users and groups only', instead: principal.resourceType === 'iam_user' ? 'Grant the IAM user an IAM group of its account, or grant the person\'s Identity Center user the permission set.' : 'Grant the permission set to an Identity Center user or group.' };
      }
      return undefined;
    case 'permission_set':
      return { why: 'a permission set grants nothing until it is assigned on an account', instead: 'Grant the permission set\'s entitlement on an account (resource type account, slug = the permission set ARN).' };
    case 'iam_user':
    case 'sso_user':
      return { why: 'users have no entitlements of their own to grant', instead: 'Grant a group membership or a permission set on an account.' };
    default:
      return { why: `RRCU changes IAM group members, Identity Center group members and permission set assignments, and ${entitlement.resourceType} is none of these`, instead: 'Grant an IAM group, an Identity Center group or a permission set on an account.' };
  }
}

/** The kind of change `target` is; throws RrcuError `NOT_PROVISIONABLE` saying why not and what to grant instead. */
export function provisioningKind(action: ProvisioningAction, target: ProvisioningTarget): ProvisioningKind {
  const refused = refusal(target);
  if (refused) {
    const { entitlement, principal } = target;
    const what = `${action} ${entitlement.displayName} (${entitlement.resourceType} ${entitlement.resourceExternalId}) ${action === 'grant' ? 'to' : 'from'} ${principal.displayName} (${principal.resourceType})`;
    throw new RrcuError(CONNECTOR_ERRORS.NOT_PROVISIONABLE, `RRCU cannot ${what}: ${refused.why}.`, { fix: refused.instead });
  }
  if (target.entitlement.resourceType === 'iam_group') return 'iam-group-member';
  if (target.entitlement.resourceType === 'sso_group') return 'sso-group-member';
  return 'account-assignment';
}
