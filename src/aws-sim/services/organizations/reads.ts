/** Organizations' reads: the organisation, its roots, OUs, accounts, parents and children. */
import { AwsError, type CallContext } from '../../service.ts';
import { matchingString, oneOf, type Input } from '../json-input.ts';
import { paginate } from '../pagination.ts';
import {
  ACCOUNT_ID,
  CHILD_ID,
  OU_ID,
  PAGE_ERRORS,
  PAGE_LIMITS,
  PARENT_ID,
  accountArn,
  callerOrganization,
  describeAccountShape,
  invalid,
  invalidInput,
  isInOrganization,
  managedOrganization,
  organizationAccounts,
  organizationShape,
  ouShape,
  parentType,
  requireParent,
} from './common.ts';

function describeOrganization(ctx: CallContext) {
  ctx.authorize('organizations:DescribeOrganization', '*');
  return { Organization: organizationShape(callerOrganization(ctx)) };
}

function listAccounts(ctx: CallContext, input: Input) {
  ctx.authorize('organizations:ListAccounts', '*');
  const org = managedOrganization(ctx);
  const page = paginate(organizationAccounts(ctx.state, org), input, 'ListAccounts', PAGE_LIMITS, PAGE_ERRORS);
  return { Accounts: page.items.map((a) => describeAccountShape(org, a)), NextToken: page.nextToken };
}

function describeAccount(ctx: CallContext, input: Input) {
  const accountId = matchingString(input, 'AccountId', ACCOUNT_ID, invalid);
  const org = ctx.state.organization;
  ctx.authorize('organizations:DescribeAccount', org ? accountArn(org, accountId) : '*');
  const managed = managedOrganization(ctx);
  const account = ctx.state.accounts.get(accountId);
  if (!account || !isInOrganization(ctx.state, managed, accountId)) {
    throw new AwsError('AccountNotFoundException', 'You specified an account that doesn’t exist.', 400);
  }
  return { Account: describeAccountShape(managed, account) };
}

function listRoots(ctx: CallContext, input: Input) {
  ctx.authorize('organizations:ListRoots', '*');
  const org = managedOrganization(ctx);
  const roots = [{ Id: org.rootId, Arn: org.rootArn, Name: 'Root', PolicyTypes: [] }];
  const page = paginate(roots, input, 'ListRoots', PAGE_LIMITS, PAGE_ERRORS);
  return { Roots: page.items, NextToken: page.nextToken };
}

function listOrganizationalUnitsForParent(ctx: CallContext, input: Input) {
  const parentId = matchingString(input, 'ParentId', PARENT_ID, invalid);
  ctx.authorize('organizations:ListOrganizationalUnitsForParent', '*');
  const org = managedOrganization(ctx);
  requireParent(org, parentId);
  const ous = [...org.ous.values()].filter((ou) => ou.parentId === parentId);
  const page = paginate(ous, input, `ListOrganizationalUnitsForParent:${parentId}`, PAGE_LIMITS, PAGE_ERRORS);
  return { OrganizationalUnits: page.items.map(ouShape), NextToken: page.nextToken };
}

function listAccountsForParent(ctx: CallContext, input: Input) {
  const parentId = matchingString(input, 'ParentId', PARENT_ID, invalid);
  ctx.authorize('organizations:ListAccountsForParent', '*');
  const org = managedOrganization(ctx);
  requireParent(org, parentId);
  const accounts = organizationAccounts(ctx.state, org).filter((a) => a.parentId === parentId);
  const page = paginate(accounts, input, `ListAccountsForParent:${parentId}`, PAGE_LIMITS, PAGE_ERRORS);
  return { Accounts: page.items.map((a) => describeAccountShape(org, a)), NextToken: page.nextToken };
}

function listParents(ctx: CallContext, input: Input) {
  const childId = matchingString(input, 'ChildId', CHILD_ID, invalid);
  ctx.authorize('organizations:ListParents', '*');
  const org = managedOrganization(ctx);
  const parentId = ACCOUNT_ID.test(childId)
    ? isInOrganization(ctx.state, org, childId) ? ctx.state.accounts.get(childId)?.parentId : undefined
    : org.ous.get(childId)?.parentId;
  if (parentId === undefined) {
    throw new AwsError('ChildNotFoundException', 'We can’t find an organizational unit (OU) or AWS account with the ChildId that you specified.', 400);
  }
  const page = paginate([{ Id: parentId, Type: parentType(org, parentId) }], input, `ListParents:${childId}`, PAGE_LIMITS, PAGE_ERRORS);
  return { Parents: page.items, NextToken: page.nextToken };
}

function listChildren(ctx: CallContext, input: Input) {
  const parentId = matchingString(input, 'ParentId', PARENT_ID, invalid);
  const childType = oneOf(input, 'ChildType', ['ACCOUNT', 'ORGANIZATIONAL_UNIT'] as const, (m) => invalidInput(m, 'INVALID_ENUM'));
  ctx.authorize('organizations:ListChildren', '*');
  const org = managedOrganization(ctx);
  requireParent(org, parentId);
  const ids =
    childType === 'ACCOUNT'
      ? organizationAccounts(ctx.state, org).filter((a) => a.parentId === parentId).map((a) => a.id)
      : [...org.ous.values()].filter((ou) => ou.parentId === parentId).map((ou) => ou.id);
  const page = paginate(ids, input, `ListChildren:${parentId}:${childType}`, PAGE_LIMITS, PAGE_ERRORS);
  return { Children: page.items.map((id) => ({ Id: id, Type: childType })), NextToken: page.nextToken };
}

function describeOrganizationalUnit(ctx: CallContext, input: Input) {
  const ouId = matchingString(input, 'OrganizationalUnitId', OU_ID, invalid);
  const known = ctx.state.organization?.ous.get(ouId);
  ctx.authorize('organizations:DescribeOrganizationalUnit', known?.arn ?? '*');
  const org = managedOrganization(ctx);
  const ou = org.ous.get(ouId);
  if (!ou) {
    throw new AwsError('OrganizationalUnitNotFoundException', 'We can’t find an OU with the OrganizationalUnitId that you specified.', 400);
  }
  return { OrganizationalUnit: ouShape(ou) };
}

export const organizationReadOperations = {
  DescribeOrganization: describeOrganization,
  ListAccounts: listAccounts,
  DescribeAccount: describeAccount,
  ListRoots: listRoots,
  ListOrganizationalUnitsForParent: listOrganizationalUnitsForParent,
  ListAccountsForParent: listAccountsForParent,
  ListParents: listParents,
  ListChildren: listChildren,
  DescribeOrganizationalUnit: describeOrganizationalUnit,
};
