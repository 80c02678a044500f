/** What the Organizations operations share: input patterns, errors, who the caller's organisation is, and answer shapes. */
import { AwsError, type CallContext } from '../../service.ts';
import type { Organization, OrganizationalUnit, SimAccount, SimState } from '../../state.ts';
import type { PageErrors } from '../pagination.ts';
import { settleCreateAccountRequests } from './account-creation.ts';

export const ACCOUNT_ID = /^\d{12}$/;
export const PARENT_ID = /^(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
export const CHILD_ID = /^(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
export const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
export const CREATE_ACCOUNT_REQUEST_ID = /^car-[a-z0-9]{8,32}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function invalidInput(message: string, reason = 'INVALID_PATTERN'): AwsError {
  return new AwsError('InvalidInputException', message, 400, { Reason: reason });
}

export const invalid = (message: string) => invalidInput(message);

/** Organizations lists accept at most 20 items a page. */
export const PAGE_LIMITS = { max: 20 };

export const PAGE_ERRORS: PageErrors = {
  badMaxResults: (message) => invalidInput(message, 'MAX_VALUE_EXCEEDED'),
  badToken: (message) => invalidInput(message, 'INVALID_NEXT_TOKEN'),
};

/** The organisation the caller's account belongs to, or AWS's error for an account outside one. */
export function callerOrganization(ctx: CallContext): Organization {
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
export function managedOrganization(ctx: CallContext): Organization {
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

export function isOrganizationParent(org: Organization, parentId: string): boolean {
  return parentId === org.rootId || org.ous.has(parentId);
}

export function organizationAccounts(state: SimState, org: Organization): SimAccount[] {
  return [...state.accounts.values()].filter((a) => isInOrganization(state, org, a.id));
}

export function accountArn(org: Organization, accountId: string): string {
  return `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${accountId}`;
}

export function describeAccountShape(org: Organization, account: SimAccount) {
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

export function organizationShape(org: Organization) {
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

export function ouShape(ou: OrganizationalUnit) {
  return { Id: ou.id, Arn: ou.arn, Name: ou.name };
}

export function requireParent(org: Organization, parentId: string): void {
  if (!isOrganizationParent(org, parentId)) {
    throw new AwsError('ParentNotFoundException', 'We can’t find a root or OU with the ParentId that you specified.', 400);
  }
}

export function parentType(org: Organization, parentId: string): 'ROOT' | 'ORGANIZATIONAL_UNIT' {
  return parentId === org.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT';
}
