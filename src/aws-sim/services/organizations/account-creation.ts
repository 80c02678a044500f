/** CreateAccount's asynchronous side: requests that complete on the simulated clock into member accounts. */
import type { CallContext } from '../../service.ts';
import { emptyIamAccount, type CreateAccountRequest, type Organization, type SimAccount, type SimState } from '../../state.ts';
import { derivedIamId } from '../../ids.ts';
import { crossAccountTrustPolicy } from '../../reference-policies.ts';
import { iamArn, newIamRole } from '../../seed-iam.ts';
import { newAccountId } from '../random-ids.ts';

const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

export function createAccountStatusShape(request: CreateAccountRequest) {
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
export const pendingAccounts = new WeakMap<CreateAccountRequest, PendingAccount>();

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
