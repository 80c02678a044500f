/**
 * AWS Organizations (JSON 1.1, target prefix `AWSOrganizationsV20161128`): the organisation, its
 * root, OUs and accounts, and asynchronous CreateAccount.
 *
 * Who may call what follows AWS: DescribeOrganization works from any account in the organisation;
 * everything else here needs the management account (a member gets `AccessDeniedException`
 * "You don't have permissions to access this resource.", as AWS answers it); an account outside any
 * organisation gets `AWSOrganizationsNotInUseException`.
 */
import { AwsError, type CallContext, type ServiceDefinition } from '../service.ts';
import {
  emptyIamAccount,
  type CreateAccountRequest,
  type Organization,
  type OrganizationalUnit,
  type SimAccount,
  type SimState,
} from '../state.ts';
import { matchingString, oneOf, optionalString, requiredString, type Input } from './json-input.ts';
import { paginate, type PageErrors } from './pagination.ts';
import { derivedIamId } from '../ids.ts';
import { crossAccountTrustPolicy } from '../reference-policies.ts';
import { iamArn, newIamRole } from '../seed-iam.ts';
import { newAccountId, randomLowerAlnum } from './random-ids.ts';

const ACCOUNT_ID = /^\d{12}$/;
const PARENT_ID = /^(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const CHILD_ID = /^(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const CREATE_ACCOUNT_REQUEST_ID = /^car-[a-z0-9]{8,32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

function invalidInput(message: string, reason = 'INVALID_PATTERN'): AwsError {
  return new AwsError('InvalidInputException', message, 400, { Reason: reason });
}

const invalid = (message: string) => invalidInput(message);

/** Organizations lists accept at most 20 items a page. */
const PAGE_LIMITS = { max: 20 };
const PAGE_ERRORS: PageErrors = {
  badMaxResults: (message) => invalidInput(message, 'MAX_VALUE_EXCEEDED'),
  badToken: (message) => invalidInput(message, 'INVALID_NEXT_TOKEN'),
};

/** The organisation the caller's account belongs to, or AWS's error for an account outside one. */
function callerOrganization(ctx: CallContext): Organization {
  const org = ctx.state.organization;
  if (!org || !isInOrganization(ctx.state, org, ctx.caller.accountId)) {
    throw new AwsError(
      'AWSOrganizationsNotInUseException',
      "Your account is not a member of an organization. To make this request, you must use the credentials of an account that belongs to an organization.",
      400,
    );
  }
  return org;
}

/** The organisation, when the caller is its management account. */
function managedOrganization(ctx: CallContext): Organization {
  const org = callerOrganization(ctx);
  if (ctx.caller.accountId !== org.managementAccountId) {
    throw new AwsError('AccessDeniedException', "You don't have permissions to access this resource.", 400);
  }
  settleCreateAccountRequests(ctx);
  return org;
}

export function isInOrganization(state: SimState, org: Organization, accountId: string): boolean {
  if (accountId === org.managementAccountId) return true;
  const account = state.accounts.get(accountId);
  return account !== undefined && !account.outsideOrganization && isOrganizationParent(org, account.parentId);
}

function isOrganizationParent(org: Organization, parentId: string): boolean {
  return parentId === org.rootId || org.ous.has(parentId);
}

function organizationAccounts(state: SimState, org: Organization): SimAccount[] {
  return [...state.accounts.values()].filter((a) => isInOrganization(state, org, a.id));
}

function accountArn(org: Organization, accountId: string): string {
  return `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${accountId}`;
}

function describeAccountShape(org: Organization, account: SimAccount) {
  return {
    Id: account.id,
    Arn: accountArn(org, account.id),
    Email: account.email,
    Name: account.name,
    Status: account.status,
    State: account.status,
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: account.joinedTimestamp,
  };
}

function organizationShape(org: Organization) {
  return {
    Id: org.id,
    Arn: org.arn,
    FeatureSet: org.featureSet,
    MasterAccountArn: accountArn(org, org.managementAccountId),
    MasterAccountId: org.managementAccountId,
    MasterAccountEmail: org.managementAccountEmail,
    AvailablePolicyTypes: [],
  };
}

function ouShape(ou: OrganizationalUnit) {
  return { Id: ou.id, Arn: ou.arn, Name: ou.name };
}

function requireParent(org: Organization, parentId: string): void {
  if (!isOrganizationParent(org, parentId)) {
    throw new AwsError('ParentNotFoundException', 'We can’t find a root or OU with the ParentId that you specified.', 400);
  }
}

function createAccountStatusShape(request: CreateAccountRequest) {
  return {
    Id: request.id,
    AccountName: request.accountName,
    State: request.state,
    RequestedTimestamp: request.requestedTimestamp,
    CompletedTimestamp: request.completedTimestamp,
    AccountId: request.accountId,
    FailureReason: request.failureReason,
  };
}

/** What CreateAccount needs at completion that `CreateAccountRequest` does not hold. */
type PendingAccount = { email: string; roleName: string };
const pendingAccounts = new WeakMap<CreateAccountRequest, PendingAccount>();

/**
 * Completes CreateAccount requests whose delay has passed on the simulated clock. Done lazily on
 * every management call, so no timer keeps the process alive and tests can move the clock.
 */
export function settleCreateAccountRequests(ctx: CallContext): void {
  const org = ctx.state.organization;
  if (!org) return;
  for (const request of ctx.state.createAccountRequests.values()) {
    if (request.state !== 'IN_PROGRESS') continue;
    const completesAt = request.requestedTimestamp.getTime() + ctx.options.createAccountDelayMs;
    if (completesAt > ctx.now()) continue;
    const pending = pendingAccounts.get(request);
    request.completedTimestamp = new Date(completesAt);
    if (!pending || [...ctx.state.accounts.values()].some((a) => a.email.toLowerCase() === pending.email.toLowerCase())) {
      request.state = 'FAILED';
      request.failureReason = 'EMAIL_ALREADY_EXISTS';
      continue;
    }
    const account = createMemberAccount(ctx.state, org, request.accountName, pending, request.completedTimestamp);
    request.state = 'SUCCEEDED';
    request.accountId = account.id;
  }
}

/** A new member account under the root, with the role AWS creates in it for the management account. */
function createMemberAccount(state: SimState, org: Organization, name: string, pending: PendingAccount, at: Date): SimAccount {
  const id = newAccountId((candidate) => state.accounts.has(candidate));
  const iam = emptyIamAccount();
  const role = newIamRole(id, {
    roleName: pending.roleName,
    roleId: derivedIamId('AROA', iamArn(id, 'role', '/', pending.roleName)),
    createDate: at,
    trust: crossAccountTrustPolicy(org.managementAccountId),
  });
  role.attachedPolicyArns.add(ADMINISTRATOR_ACCESS);
  iam.roles.set(role.roleName, role);
  const managed = state.awsManagedPolicies.get(ADMINISTRATOR_ACCESS);
  if (managed) managed.attachmentCount += 1;
  const account: SimAccount = {
    id,
    name,
    email: pending.email,
    status: 'ACTIVE',
    joinedMethod: 'CREATED',
    joinedTimestamp: at,
    parentId: org.rootId,
    iam,
  };
  state.accounts.set(id, account);
  return account;
}

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

function parentType(org: Organization, parentId: string): 'ROOT' | 'ORGANIZATIONAL_UNIT' {
  return parentId === org.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT';
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

export const organizationsService: ServiceDefinition = {
  name: 'organizations',
  operations: {
    DescribeOrganization: describeOrganization,
    ListAccounts: listAccounts,
    DescribeAccount: describeAccount,
    ListRoots: listRoots,
    ListOrganizationalUnitsForParent: listOrganizationalUnitsForParent,
    ListAccountsForParent: listAccountsForParent,
    ListParents: listParents,
    ListChildren: listChildren,
    DescribeOrganizationalUnit: describeOrganizationalUnit,
    CreateOrganization: createOrganization,
    CreateAccount: createAccount,
    DescribeCreateAccountStatus: describeCreateAccountStatus,
    CreateOrganizationalUnit: createOrganizationalUnit,
  },
};
