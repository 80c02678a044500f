/** Organizations' writes: founding the organisation, creating accounts (asynchronously) and OUs. */
import { AwsError, type CallContext } from '../../service.ts';
import type { CreateAccountRequest, Organization, OrganizationalUnit } from '../../state.ts';
import { matchingString, oneOf, optionalString, requiredString, type Input } from '../json-input.ts';
import { randomLowerAlnum } from '../random-ids.ts';
import { createAccountStatusShape, pendingAccounts, settleCreateAccountRequests } from './account-creation.ts';
import { CREATE_ACCOUNT_REQUEST_ID, EMAIL, PARENT_ID, invalid, invalidInput, isInOrganization, managedOrganization, organizationShape, ouShape, requireParent } from './common.ts';

function createOrganization(ctx: CallContext, input: Input) {
  const featureSet = input.FeatureSet === undefined ? 'ALL' : oneOf(input, 'FeatureSet', ['ALL', 'CONSOLIDATED_BILLING'] as const, (m) => invalidInput(m, 'INVALID_ENUM'));
  ctx.authorize('organizations:CreateOrganization', '*');
  const { state, caller } = ctx;
  if (state.organization && isInOrganization(state, state.organization, caller.accountId)) {
    throw new AwsError('AlreadyInOrganizationException', 'The provided account is already a member of an organization.', 400);
  }
  const account = state.accounts.get(caller.accountId);
  if (state.organization || !account) {
    // The simulator holds one organisation; another account cannot found a second one.
    throw new AwsError('AccessDeniedException', "You don't have permissions to access this resource.", 400);
  }
  const id = `o-${randomLowerAlnum(10)}`;
  const rootId = `r-${randomLowerAlnum(4)}`;
  const org: Organization = {
    id,
    arn: `arn:aws:organizations::${caller.accountId}:organization/${id}`,
    featureSet,
    managementAccountId: caller.accountId,
    managementAccountEmail: account.email,
    rootId,
    rootArn: `arn:aws:organizations::${caller.accountId}:root/${id}/${rootId}`,
    ous: new Map(),
  };
  state.organization = org;
  state.managementAccountId = caller.accountId;
  account.parentId = rootId;
  return { Organization: organizationShape(org) };
}

function createAccount(ctx: CallContext, input: Input) {
  const email = matchingString(input, 'Email', EMAIL, invalid);
  const accountName = requiredString(input, 'AccountName', invalid);
  const roleName = optionalString(input, 'RoleName', invalid) ?? 'OrganizationAccountAccessRole';
  if (accountName.length > 50) throw invalidInput(`AccountName must be at most 50 characters; got ${accountName.length}.`, 'MAX_LENGTH_EXCEEDED');
  if (!/^[\w+=,.@-]{1,64}$/.test(roleName)) throw invalidInput(`RoleName '${roleName}' is not a valid IAM role name.`, 'INVALID_ROLE_NAME');
  ctx.authorize('organizations:CreateAccount', '*');
  managedOrganization(ctx);
  const request: CreateAccountRequest = {
    id: `car-${randomLowerAlnum(32)}`,
    accountName,
    state: 'IN_PROGRESS',
    requestedTimestamp: new Date(ctx.now()),
  };
  ctx.state.createAccountRequests.set(request.id, request);
  pendingAccounts.set(request, { email, roleName });
  settleCreateAccountRequests(ctx);
  return { CreateAccountStatus: createAccountStatusShape(request) };
}

function describeCreateAccountStatus(ctx: CallContext, input: Input) {
  const requestId = matchingString(input, 'CreateAccountRequestId', CREATE_ACCOUNT_REQUEST_ID, invalid);
  ctx.authorize('organizations:DescribeCreateAccountStatus', '*');
  managedOrganization(ctx);
  const request = ctx.state.createAccountRequests.get(requestId);
  if (!request) {
    throw new AwsError('CreateAccountStatusNotFoundException', 'We can’t find a create account request with the CreateAccountRequestId that you specified.', 400);
  }
  return { CreateAccountStatus: createAccountStatusShape(request) };
}

function createOrganizationalUnit(ctx: CallContext, input: Input) {
  const parentId = matchingString(input, 'ParentId', PARENT_ID, invalid);
  const name = requiredString(input, 'Name', invalid);
  if (name.length > 128) throw invalidInput(`Name must be at most 128 characters; got ${name.length}.`, 'MAX_LENGTH_EXCEEDED');
  ctx.authorize('organizations:CreateOrganizationalUnit', '*');
  const org = managedOrganization(ctx);
  requireParent(org, parentId);
  if ([...org.ous.values()].some((ou) => ou.parentId === parentId && ou.name === name)) {
    throw new AwsError('DuplicateOrganizationalUnitException', `An OU named '${name}' already exists in parent ${parentId}.`, 400);
  }
  const id = `ou-${org.rootId.slice(2)}-${randomLowerAlnum(8)}`;
  const ou: OrganizationalUnit = { id, arn: `arn:aws:organizations::${org.managementAccountId}:ou/${org.id}/${id}`, name, parentId };
  org.ous.set(id, ou);
  return { OrganizationalUnit: ouShape(ou) };
}

export const organizationWriteOperations = {
  CreateOrganization: createOrganization,
  CreateAccount: createAccount,
  DescribeCreateAccountStatus: describeCreateAccountStatus,
  CreateOrganizationalUnit: createOrganizationalUnit,
};
