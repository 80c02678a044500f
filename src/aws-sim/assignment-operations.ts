/**
 * The asynchronous side of SSO Admin: CreateAccountAssignment, DeleteAccountAssignment and
 * ProvisionPermissionSet answer IN_PROGRESS with a request id and take effect `assignmentDelayMs`
 * later on the simulated clock. Completion is computed lazily — every SSO Admin call settles the
 * operations that are due — so no timer keeps the process alive and tests can move the clock.
 */
import type { CallContext } from './service.ts';
import { takeAssignmentFailure } from './faults.ts';
import { identityCenterThrottling } from './protocols/errors.ts';
import { assignmentKey, type AccountAssignment, type AssignmentOperation, type IdentityCenter, type SimState } from './state.ts';
import { managementAccountDenial } from './services/sso-admin/management-account.ts';
import { deprovisionPermissionSet, provisionPermissionSet } from './services/sso-admin/provisioning.ts';
import { requestUuid } from './services/random-ids.ts';

/**
 * AWS documents that the Identity Center write APIs allow 15 outstanding asynchronous calls (IAM
 * User Guide, "Quotas and limits in account access manager": "The write API operations have a limit
 * of 15 outstanding asynchronous calls. This limit cannot be increased."). Callers past it are seen
 * getting `ThrottlingException` "There are too many requests processing. Please try again later."
 * (aws-samples/aws-iam-identity-center-extensions#87), so the 16th in-progress operation gets that.
 */
export const MAX_OPERATIONS_IN_PROGRESS = 15;

const FAULT_OPERATION: Record<AssignmentOperation['kind'], string> = {
  CREATE: 'sso:CreateAccountAssignment',
  DELETE: 'sso:DeleteAccountAssignment',
  PROVISION: 'sso:ProvisionPermissionSet',
};

/**
 * Records a new IN_PROGRESS operation, refusing it past the in-progress quota. An injected
 * `assignment-failure` fault is decided now and reported when the operation completes.
 * For PROVISION, an empty `assignment.accountId` means every account the permission set is provisioned to
 * (and the principal members are unused).
 */
export function startOperation(ctx: CallContext, ic: IdentityCenter, kind: AssignmentOperation['kind'], assignment: AccountAssignment): AssignmentOperation {
  settleOperations(ctx.state, ic, ctx.now());
  const inProgress = [...ic.operations.values()].filter((op) => op.status === 'IN_PROGRESS').length;
  if (inProgress >= MAX_OPERATIONS_IN_PROGRESS) {
    throw identityCenterThrottling('There are too many requests processing. Please try again later.');
  }
  const now = ctx.now();
  const operation: AssignmentOperation = {
    requestId: requestUuid(),
    kind,
    status: 'IN_PROGRESS',
    failureReason: takeAssignmentFailure(ctx.state, FAULT_OPERATION[kind]),
    assignment,
    createdDate: new Date(now),
    completesAt: now + ctx.options.assignmentDelayMs,
    requestedBy: { key: ctx.caller.key, arn: ctx.caller.arn },
  };
  ic.operations.set(operation.requestId, operation);
  settleOperations(ctx.state, ic, now);
  return operation;
}

/** Completes, in order, every IN_PROGRESS operation due by `now`. */
export function settleOperations(state: SimState, ic: IdentityCenter, now: number): void {
  const due = [...ic.operations.values()]
    .filter((op) => op.status === 'IN_PROGRESS' && op.completesAt <= now)
    .sort((a, b) => a.completesAt - b.completesAt);
  for (const op of due) {
    const failure = op.failureReason ?? complete(state, ic, op);
    op.status = failure === undefined ? 'SUCCEEDED' : 'FAILED';
    op.failureReason = failure;
  }
}

/** Applies a due operation to the world; returns a failure reason if it cannot be applied. */
function complete(state: SimState, ic: IdentityCenter, op: AssignmentOperation): string | undefined {
  const { assignment } = op;
  const at = new Date(op.completesAt);
  const ps = ic.permissionSets.get(assignment.permissionSetArn);
  if (!ps) return `Permission set ${assignment.permissionSetArn} was deleted before the request completed.`;
  if (op.kind === 'PROVISION') {
    const accountIds = assignment.accountId
      ? [assignment.accountId]
      : [...ic.provisioned].filter(([, arns]) => arns.has(ps.arn)).map(([accountId]) => accountId);
    for (const accountId of accountIds) {
      const account = memberAccount(state, accountId);
      if (!account) return accountMissing(accountId);
      const failure = managementAccountDenial(state, ic, ps, account, op.requestedBy, 'provision') ?? provisionPermissionSet(ic, ps, account, at);
      if (failure) return failure;
    }
    return undefined;
  }
  const account = memberAccount(state, assignment.accountId);
  if (!account) return accountMissing(assignment.accountId);
  const key = assignmentKey(assignment);
  if (op.kind === 'CREATE') {
    // An existing assignment succeeds again unchanged; a new one provisions the permission set first
    // unless the account already has it (AWS keeps the role it created then, latest or not).
    if (!(ic.provisioned.get(account.id)?.has(ps.arn) ?? false)) {
      const failure = managementAccountDenial(state, ic, ps, account, op.requestedBy, 'provision') ?? provisionPermissionSet(ic, ps, account, at);
      if (failure) return failure;
    }
    ic.assignments.set(key, { ...assignment });
    return undefined;
  }
  const lastInAccount = ![...ic.assignments.values()].some((a) => assignmentKey(a) !== key && a.accountId === account.id && a.permissionSetArn === ps.arn);
  if (lastInAccount) {
    // The role goes with the last assignment; a denial there fails the deletion and leaves the assignment.
    const failure = managementAccountDenial(state, ic, ps, account, op.requestedBy, 'deprovision');
    if (failure) return failure;
  }
  ic.assignments.delete(key);
  if (lastInAccount) deprovisionPermissionSet(ic, ps, account);
  return undefined;
}

function memberAccount(state: SimState, accountId: string) {
  const account = state.accounts.get(accountId);
  return account && !account.outsideOrganization ? account : undefined;
}

function accountMissing(accountId: string): string {
  return `Account ${accountId} is not a member of the organization that owns this Identity Center instance.`;
}

/** `AccountAssignmentOperationStatus` as Create/DeleteAccountAssignment and their Describe calls return it. */
export function assignmentStatusShape(op: AssignmentOperation) {
  return {
    Status: op.status,
    RequestId: op.requestId,
    FailureReason: op.status === 'FAILED' ? op.failureReason : undefined,
    TargetId: op.assignment.accountId,
    TargetType: 'AWS_ACCOUNT',
    PermissionSetArn: op.assignment.permissionSetArn,
    PrincipalType: op.assignment.principalType,
    PrincipalId: op.assignment.principalId,
    CreatedDate: op.createdDate,
  };
}

/** `PermissionSetProvisioningStatus` as ProvisionPermissionSet and its Describe call return it. */
export function provisioningStatusShape(op: AssignmentOperation) {
  return {
    Status: op.status,
    RequestId: op.requestId,
    AccountId: op.assignment.accountId || undefined,
    PermissionSetArn: op.assignment.permissionSetArn,
    FailureReason: op.status === 'FAILED' ? op.failureReason : undefined,
    CreatedDate: op.createdDate,
  };
}

/** The metadata items of ListAccountAssignmentCreationStatus and its siblings. */
export function operationMetadataShape(op: AssignmentOperation) {
  return { Status: op.status, RequestId: op.requestId, CreatedDate: op.createdDate };
}
