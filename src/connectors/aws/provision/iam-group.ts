/**
 * IAM user → IAM group: AddUserToGroup / RemoveUserFromGroup in the group's account, after GetGroup
 * says whether the user is a member already. In a member account RRCU acts through the cross-account
 * role, so errors name that role.
 */
import { AddUserToGroupCommand, GetGroupCommand, RemoveUserFromGroupCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { ProvisioningResult, ProvisioningTarget } from '../../connector.ts';
import type { ProvisioningAction } from '../../../core/provisioning-target.ts';
import type { AwsConnectorConfig } from '../config.ts';
import { roleArnIn } from '../session/credentials.ts';
import type { Caller } from '../errors.ts';
import { accountOfArn } from './check.ts';
import { classify, isNotFound, notFoundInAws, requestIdOf, sendOptions, verifiedBy } from './answers.ts';
import type { ProvisionScope } from './scope.ts';

/** IAM's largest GetGroup page. */
const PAGE_SIZE = 1000;

const lastPathSegment = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

const stringAttribute = (attributes: Record<string, unknown>, name: string): string | undefined => {
  const value = attributes[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

type GroupMember = {
  iam: IAMClient;
  as: { config: AwsConnectorConfig; caller: Caller };
  groupName: string;
  userName: string;
  groupArn: string;
  userArn: string;
};

export async function applyIamGroupMember(scope: ProvisionScope, action: ProvisioningAction, target: ProvisioningTarget): Promise<ProvisioningResult> {
  const m = await openGroupMember(scope, target);
  const member = await isMember(scope, m, action);
  if (member === (action === 'grant')) return { outcome: 'already', verified: true };

  const input = { GroupName: m.groupName, UserName: m.userName };
  const operation = action === 'grant' ? 'iam:AddUserToGroup' : 'iam:RemoveUserFromGroup';
  let output;
  try {
    output = await m.iam.send(action === 'grant' ? new AddUserToGroupCommand(input) : new RemoveUserFromGroupCommand(input), sendOptions(scope));
  } catch (error) {
    // GetGroup has just found the group, so what is missing is the user (or both were deleted since).
    if (!isNotFound(error)) throw classify(scope, operation, error, m.as);
    if (action === 'revoke') return { outcome: 'already', verified: false };
    throw notFoundInAws(`IAM user ${m.userName} (${m.userArn})`, error);
  }
  const requestId = requestIdOf(output);
  return { outcome: 'applied', ...(requestId ? { requestId } : {}), verified: await verifiedBy(scope, async () => (await isMember(scope, m, action)) === (action === 'grant')) };
}

async function openGroupMember(scope: ProvisionScope, target: ProvisioningTarget): Promise<GroupMember> {
  const groupArn = target.entitlement.resourceExternalId;
  const userArn = target.principal.externalId;
  // provisioningKind has checked that both are IAM ARNs of the same account.
  const accountId = accountOfArn(groupArn) ?? scope.session.caller.accountId;
  const { session } = scope;
  const own = accountId === session.caller.accountId;
  const roleArn = own ? session.config.roleArn : roleArnIn(accountId, session.config.crossAccountRoleName ?? '', session.caller.arn);
  const as = {
    config: { ...session.config, ...(roleArn === undefined ? {} : { roleArn }) },
    caller: own ? session.caller : { accountId, arn: roleArn ?? session.caller.arn },
  };
  return {
    iam: await session.iamIn(accountId),
    as,
    groupArn,
    userArn,
    groupName: stringAttribute(target.entitlement.attributes, 'groupName') ?? lastPathSegment(groupArn),
    userName: stringAttribute(target.principal.attributes, 'userName') ?? lastPathSegment(userArn),
  };
}

/** Whether the user is in the group, across GetGroup's pages. A group that is gone holds nobody: fine for a revoke, not for a grant. */
async function isMember(scope: ProvisionScope, m: GroupMember, action: ProvisioningAction): Promise<boolean> {
  let marker: string | undefined;
  do {
    let page;
    try {
      page = await m.iam.send(new GetGroupCommand({ GroupName: m.groupName, MaxItems: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }), sendOptions(scope));
    } catch (error) {
      if (!isNotFound(error)) throw classify(scope, 'iam:GetGroup', error, m.as);
      if (action === 'revoke') return false;
      throw notFoundInAws(`IAM group ${m.groupName} (${m.groupArn})`, error);
    }
    if ((page.Users ?? []).some((u) => u.UserName === m.userName)) return true;
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return false;
}
